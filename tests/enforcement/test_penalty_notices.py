"""Penalty notices as pages: publication gate, publicity end, withdrawal, correction, early end,
deadlines in the admin."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone
from enforcement_testutils import penalty_list, penalty_notice, publicity_settings

from disclosure.enforcement import rules, services
from disclosure.enforcement.admin_views import deadlines
from disclosure.enforcement.choices import DecisionChangeKind, PenaltyKind, RequestStatus
from disclosure.enforcement.models import (
    CorrectionRequest,
    EarlyEndApplication,
    PenaltyNoticePage,
)
from disclosure.outbox.models import ChangeEvent
from disclosure.publishing.models import Withdrawal
from tests.factories import publish_revision, superuser

pytestmark = pytest.mark.django_db


@pytest.fixture
def listing():
    return penalty_list()


@pytest.fixture
def admin_user():
    return superuser()


def _refusal(listing, **fields):
    page = penalty_notice(listing, publish_page=False, **fields)
    with pytest.raises(ValidationError) as error:
        publish_revision(page.get_latest_revision())
    page = PenaltyNoticePage.objects.get(pk=page.pk)
    assert not page.live and page.first_published_at is None
    return error.value.message_dict


def test_a_penalty_notice_is_published_with_its_publicity_end(listing):
    page = penalty_notice(listing)
    assert page.live and page.index_number
    first = page.first_published_at
    assert page.expire_at == rules.publicity_ends_at(first, 36)
    # The last day of publicity; the period ends at its 24:00, the next local midnight.
    assert page.publicity_ends_on == timezone.localtime(page.expire_at).date() - dt.timedelta(1)
    # The live revision carries it too, so a later publish keeps it.
    assert page.live_revision.as_object().expire_at == page.expire_at


def test_a_short_publicity_for_a_small_fine(listing):
    page = penalty_notice(listing, penalty_kinds=[PenaltyKind.FINE], fine_amount=Decimal("3000"))
    assert page.expire_at == rules.publicity_ends_at(page.first_published_at, 3)


def test_a_ban_over_three_years_sets_the_period(listing):
    page = penalty_notice(
        listing,
        penalty_kinds=[PenaltyKind.EMPLOYMENT_BAN],
        fine_amount=None,
        ban_months=60,
    )
    assert page.expire_at == rules.publicity_ends_at(page.first_published_at, 60)


def test_a_correction_does_not_restart_the_publicity_period(listing):
    page = penalty_notice(listing)
    first, ends = page.first_published_at, page.expire_at
    page.penalty_content = "没收违法所得 1,200 元，并处罚款 50,000 元（更正：违法所得金额）。"
    publish_revision(page.save_revision())
    page = PenaltyNoticePage.objects.get(pk=page.pk)
    assert page.first_published_at == first
    assert page.expire_at == ends
    assert page.revisions.count() == 2  # the history of the correction


def test_a_month_end_anchor(listing, monkeypatch):
    anchor = timezone.make_aware(dt.datetime(2026, 1, 31, 10, 0))
    page = penalty_notice(
        listing,
        publish_page=False,
        penalty_kinds=[PenaltyKind.CIRCULATED_CRITICISM],
        fine_amount=None,
    )
    page.first_published_at = anchor
    page.save(update_fields=["first_published_at"], clean=False)
    assert page.publicity_ends_on == dt.date(2026, 4, 30)
    assert timezone.localtime(rules.notice_publicity_ends_at(page)) == timezone.make_aware(
        dt.datetime(2026, 5, 1)
    )


def test_warning_only_is_refused(listing):
    errors = _refusal(listing, penalty_kinds=[PenaltyKind.WARNING], fine_amount=None)
    assert "仅受到警告的行政处罚不予公示（总局令第45号第二条）。" in errors["penalty_kinds"][0]


def test_a_decision_about_a_minor_is_refused(listing):
    errors = _refusal(
        listing,
        party_type="natural_person",
        party_name="张某",
        party_credit_code="",
        party_is_minor=True,
    )
    assert "涉及未成年人的行政处罚决定不予公示。" in errors["party_is_minor"]


def test_a_draft_without_decision_number_or_date_is_saved_but_not_published(listing):
    errors = _refusal(listing, document_number="", decided_on=None, written_on=None)
    assert "请填写行政处罚决定书文号。" in errors["document_number"]
    assert "请填写作出处罚决定的日期。" in errors["decided_on"]


def test_bad_input_refused_by_clean(listing):
    page = penalty_notice(listing, publish_page=False)
    page.party_credit_code = "91110000600037341M"  # wrong check character
    page.fine_amount = Decimal("-5")
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "统一社会信用代码校验位不正确" in " ".join(error.value.message_dict["party_credit_code"])
    assert "罚款金额不能为负数。" in error.value.message_dict["fine_amount"]


def test_a_non_numeric_fine_is_refused_by_the_form():
    form_field = PenaltyNoticePage._meta.get_field("fine_amount").formfield()
    with pytest.raises(ValidationError) as error:
        form_field.clean("五万元")
    assert error.value.messages == ["罚款金额（元）必须是数字。"]


def test_withdrawal_after_a_decision_change(listing, admin_user):
    page = penalty_notice(listing)
    today = timezone.localdate()
    change = services.record_decision_change(
        page,
        kind=DecisionChangeKind.REVOKED,
        occurred_on=today,
        reason="行政复议决定撤销原处罚决定。",
        user=admin_user,
    )
    page = PenaltyNoticePage.objects.get(pk=page.pk)
    assert not page.live
    assert change.withdrawal_due_on == rules.withdrawal_due_on(today)
    assert change.withdrawn_in_time is True
    assert Withdrawal.objects.get(page=page).reason == "行政复议决定撤销原处罚决定。"
    assert ChangeEvent.objects.filter(object_id=page.pk).last().kind == "withdraw"
    assert change.history.count() == 2  # created, then withdrawn


def test_a_late_withdrawal_is_marked(listing, admin_user):
    page = penalty_notice(listing)
    change = services.record_decision_change(
        page,
        kind=DecisionChangeKind.CHANGED,
        occurred_on=dt.date(2026, 5, 8),
        reason="处罚决定依法变更。",
        user=admin_user,
    )
    assert change.withdrawal_due_on == dt.date(2026, 5, 12)
    assert change.withdrawn_in_time is False


def test_a_withdrawal_needs_a_public_reason(listing, admin_user):
    page = penalty_notice(listing)
    with pytest.raises(ValidationError) as error:
        services.record_decision_change(
            page, kind="revoked", occurred_on=timezone.localdate(), reason=" ", user=admin_user
        )
    assert "撤回理由" in error.value.message_dict["reason"][0]
    assert PenaltyNoticePage.objects.get(pk=page.pk).live


def _decide_early_end(page, applicant, user):
    """An application with all four conditions of 第14条 met, decided by ``user``."""
    application = EarlyEndApplication.objects.create(
        notice=page,
        applicant=applicant,
        obligations_fulfilled=True,
        harm_eliminated=True,
        no_repeat_violation=True,
    )
    services.decide_early_end(application, user=user)
    application.refresh_from_db()
    return application


def test_early_end_granted_unpublishes_as_an_expiry(listing, admin_user, settings):
    publicity_settings(early_end_months=0)
    page = penalty_notice(listing)
    application = _decide_early_end(page, page.party_name, admin_user)
    assert application.status == RequestStatus.ACCEPTED
    page = PenaltyNoticePage.objects.get(pk=page.pk)
    assert not page.live and page.expired
    assert ChangeEvent.objects.filter(object_id=page.pk).last().kind == "expire"


def test_early_end_refused_for_a_licence_revocation(listing, admin_user, settings):
    publicity_settings(early_end_months=0)
    page = penalty_notice(listing, penalty_kinds=[PenaltyKind.LICENCE_REVOCATION], fine_amount=None)
    application = _decide_early_end(page, "x", admin_user)
    assert application.status == RequestStatus.REJECTED
    assert "吊销许可证件" in application.refusal_reason
    assert PenaltyNoticePage.objects.get(pk=page.pk).live


def test_a_correction_request_is_recorded_with_history(listing, admin_user):
    page = penalty_notice(listing)
    request = CorrectionRequest.objects.create(
        notice=page, requester=page.party_name, inaccuracy="罚款金额有误，见缴款凭证。"
    )
    services.decide_correction(request, accepted=True, response="已核实并更正。", user=admin_user)
    request.refresh_from_db()
    assert request.status == RequestStatus.ACCEPTED
    assert request.history.count() == 2
    with pytest.raises(ValidationError):
        services.decide_correction(request, accepted=False, response="x", user=admin_user)


def test_expiry_keeps_the_record(listing):
    page = penalty_notice(listing)
    PenaltyNoticePage.objects.filter(pk=page.pk).update(
        expire_at=timezone.now() - dt.timedelta(minutes=1)
    )
    call_command("publish_scheduled")
    page = PenaltyNoticePage.objects.get(pk=page.pk)
    assert not page.live and page.expired
    assert page.revisions.exists()
    assert ChangeEvent.objects.filter(object_id=page.pk).last().kind == "expire"


def test_deadlines_overdue_and_due_soon(listing):
    today = timezone.localdate()
    overdue = penalty_notice(listing, publish_page=False, decided_on=dt.date(2026, 5, 8))
    fresh = penalty_notice(listing, publish_page=False, decided_on=today)
    warning = penalty_notice(
        listing,
        publish_page=False,
        decided_on=dt.date(2026, 5, 8),
        penalty_kinds=[PenaltyKind.WARNING],
        fine_amount=None,
    )
    published = penalty_notice(listing, decided_on=dt.date(2026, 5, 8))
    late, soon, later = deadlines(today)
    assert [row["notice"].pk for row in late] == [overdue.pk]
    assert fresh.pk in [row["notice"].pk for row in soon + later]
    listed = {row["notice"].pk for row in late + soon + later}
    assert warning.pk not in listed and published.pk not in listed


def test_deadlines_due_soon_edge():
    # Due within 5 working days: a decision 15 working days ago is due soon.
    today = dt.date(2026, 11, 27)
    decided = dt.date(2026, 11, 6)
    assert rules.publication_due_on(decided) == dt.date(2026, 12, 4)
    assert rules.publication_due_on(decided) <= rules.due_soon_until(today)
