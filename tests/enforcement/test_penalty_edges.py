"""Penalty notices at the edges of issue #6's "Done when" that the other files leave to unit
rules: the publicity end honoured by ``publish_due`` (总局令第45号 第13条), the month-end anchor
and the correction through a real publication, withdrawal at the old URL and on its last day
(第11条), warning-only and minors on the admin publish path (第2条), masking a notice (第6条)."""

import datetime as dt
import json
from decimal import Decimal
from io import StringIO
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from enforcement_testutils import penalty_list, penalty_notice, publicity_settings
from wagtail.models import Revision
from wagtail.test.utils.form_data import querydict_from_html

from disclosure.checks.masking import mask_personal_data
from disclosure.checks.models import MaskedOriginal
from disclosure.checks.scanner import id_check_character
from disclosure.departments.roles import CONFIDENTIALITY_REVIEWER
from disclosure.enforcement import rules, services
from disclosure.enforcement.choices import DecisionChangeKind, PenaltyKind
from disclosure.enforcement.models import PenaltyNoticePage
from disclosure.outbox.models import ChangeEvent, ChangeKind
from tests.factories import publish_revision, superuser, user_with_role

pytestmark = pytest.mark.django_db

ID = "52020119900307123" + id_check_character("52020119900307123")


@pytest.fixture
def listing():
    return penalty_list()


def at(moment):
    """Run the block as if it were ``moment`` (an aware datetime)."""
    return mock.patch("django.utils.timezone.now", return_value=moment)


def run_publish_due(moment):
    out = StringIO()
    with at(moment):
        call_command("publish_due", stdout=out, stderr=out)
    return out.getvalue()


def kinds_of_events(page):
    return list(ChangeEvent.objects.filter(object_id=page.pk).values_list("kind", flat=True))


def published_at(listing, moment, **fields):
    fields.setdefault("written_on", fields.get("decided_on"))
    with at(moment):
        return penalty_notice(listing, **fields)


# --- 第13条: publish_due honours the computed publicity end -----------------------------------


@pytest.mark.parametrize(
    ("fields", "months"),
    [
        ({"penalty_kinds": [PenaltyKind.CIRCULATED_CRITICISM], "fine_amount": None}, 3),
        ({"penalty_kinds": [PenaltyKind.FINE], "fine_amount": Decimal("10000")}, 3),
        ({"penalty_kinds": [PenaltyKind.FINE], "fine_amount": Decimal("10000.01")}, 36),
        (
            {
                "penalty_kinds": [PenaltyKind.EMPLOYMENT_BAN],
                "fine_amount": None,
                "ban_months": 60,
            },
            60,
        ),
    ],
)
def test_publish_due_expires_the_notice_at_its_publicity_end(listing, fields, months):
    first = timezone.make_aware(dt.datetime(2026, 1, 31, 10, 0))
    page = published_at(listing, first, decided_on=dt.date(2026, 1, 20), **fields)
    ends = rules.publicity_ends_at(first, months)
    assert page.first_published_at == first and page.expire_at == ends

    assert "到期下线 0 条" in run_publish_due(ends - dt.timedelta(minutes=1))
    assert PenaltyNoticePage.objects.get(pk=page.pk).live

    assert "到期下线 1 条" in run_publish_due(ends)
    page = PenaltyNoticePage.objects.get(pk=page.pk)
    assert not page.live and page.expired
    assert page.revisions.exists()  # the record stays in the admin with its history
    assert kinds_of_events(page) == [ChangeKind.PUBLISH, ChangeKind.EXPIRE]

    # Idempotent: a second run finds nothing.
    assert "到期下线 0 条" in run_publish_due(ends + dt.timedelta(minutes=1))
    assert kinds_of_events(page) == [ChangeKind.PUBLISH, ChangeKind.EXPIRE]


def test_a_month_end_anchor_through_publication(listing):
    first = timezone.make_aware(dt.datetime(2026, 11, 30, 9, 15))
    page = published_at(
        listing,
        first,
        decided_on=dt.date(2026, 11, 20),
        penalty_kinds=[PenaltyKind.CIRCULATED_CRITICISM],
        fine_amount=None,
    )
    # 民法典 第202条 (no 30 February: the month's last day), 第203条第2款 (ends at 24:00).
    ends = timezone.localtime(page.expire_at)
    assert (ends.date(), ends.hour, ends.minute) == (dt.date(2027, 3, 1), 0, 0)
    assert page.publicity_ends_on == dt.date(2027, 2, 28)


def test_a_correction_later_does_not_restart_the_period_and_publish_due_keeps_the_end(listing):
    first = timezone.make_aware(dt.datetime(2026, 1, 31, 10, 0))
    page = published_at(listing, first, decided_on=dt.date(2026, 1, 20))
    ends = page.expire_at
    assert ends == rules.publicity_ends_at(first, 36)

    # 第12条: corrected two months later; the editor also tries to move the expiry.
    with at(first + dt.timedelta(days=60)):
        page.penalty_content = "没收违法所得 1,200 元，并处罚款 50,000 元（更正）。"
        page.expire_at = timezone.now() + dt.timedelta(days=3650)
        publish_revision(page.save_revision())
    page = PenaltyNoticePage.objects.get(pk=page.pk)
    assert page.first_published_at == first
    assert page.expire_at == ends
    assert page.live_revision.as_object().expire_at == ends

    assert "到期下线 0 条" in run_publish_due(ends - dt.timedelta(minutes=1))
    assert "到期下线 1 条" in run_publish_due(ends)
    assert kinds_of_events(page)[-1] == ChangeKind.EXPIRE


# --- 第11条: withdrawal ----------------------------------------------------------------------


def test_the_old_url_shows_the_public_reason_after_withdrawal(listing):
    page = penalty_notice(listing)
    url = page.url
    client = Client()
    assert client.get(url).status_code == 200
    services.record_decision_change(
        page,
        kind=DecisionChangeKind.REVOKED,
        occurred_on=timezone.localdate(),
        reason="经行政复议，原处罚决定被依法撤销。",
        user=superuser(),
    )
    response = client.get(url)
    assert response.status_code == 410
    html = response.content.decode()
    assert "经行政复议，原处罚决定被依法撤销。" in html
    assert page.party_name not in html  # the withdrawn content itself is gone


@pytest.mark.parametrize(
    ("withdrawn_on", "in_time"),
    [(dt.date(2026, 5, 12), True), (dt.date(2026, 5, 13), False)],
)
def test_withdrawal_on_the_last_working_day_is_in_time(listing, withdrawn_on, in_time):
    """Changed on the Friday before the make-up working Saturday 2026-05-09: Sat, Mon, Tue."""
    page = penalty_notice(listing)
    with at(timezone.make_aware(dt.datetime.combine(withdrawn_on, dt.time(17, 0)))):
        change = services.record_decision_change(
            page,
            kind=DecisionChangeKind.CHANGED,
            occurred_on=dt.date(2026, 5, 8),
            reason="处罚决定依法变更。",
            user=None,
        )
    assert change.withdrawal_due_on == dt.date(2026, 5, 12)
    assert change.withdrawn_in_time is in_time


def test_a_change_in_the_future_is_refused(listing):
    page = penalty_notice(listing)
    with pytest.raises(ValidationError) as error:
        services.record_decision_change(
            page,
            kind=DecisionChangeKind.VOID,
            occurred_on=timezone.localdate() + dt.timedelta(days=1),
            reason="确认无效。",
            user=None,
        )
    assert "不能晚于今天" in error.value.message_dict["occurred_on"][0]
    assert PenaltyNoticePage.objects.get(pk=page.pk).live


# --- 第9条 in the admin list: the Friday before a make-up Saturday ----------------------------


def test_due_date_of_a_friday_decision_counts_the_make_up_saturday(listing):
    page = penalty_notice(listing, publish_page=False, decided_on=dt.date(2026, 5, 8))
    assert page.publication_due_on == dt.date(2026, 6, 4)


# --- 第2条 and minors on the admin publish path -----------------------------------------------


def _publish_from_the_editor(page, action="action-publish", **changes):
    client = Client()
    client.force_login(superuser())
    response = client.get(f"/admin/pages/{page.pk}/edit/")
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    data.setdefault("attachments-count", "0")
    for name, value in changes.items():
        if isinstance(value, list):
            data.setlist(name, value)
        else:
            data[name] = value
    data[action] = action
    # A QueryDict posts only the last value of a list: post the lists.
    return client.post(f"/admin/pages/{page.pk}/edit/", dict(data.lists()))


def test_warning_only_is_refused_by_the_publish_button(listing):
    page = penalty_notice(listing, publish_page=False)
    response = _publish_from_the_editor(page, penalty_kinds=["warning"], fine_amount="")
    assert response.status_code == 200
    assert "仅受到警告的行政处罚不予公示（总局令第45号第二条）。" in response.content.decode()
    page = PenaltyNoticePage.objects.get(pk=page.pk)
    assert not page.live and page.first_published_at is None


def test_a_minor_is_refused_by_the_publish_button(listing):
    page = penalty_notice(
        listing,
        publish_page=False,
        party_type="natural_person",
        party_name="李某",
        party_credit_code="",
    )
    response = _publish_from_the_editor(page, party_is_minor="on")
    assert response.status_code == 200
    assert "涉及未成年人的行政处罚决定不予公示。" in response.content.decode()
    assert not PenaltyNoticePage.objects.get(pk=page.pk).live


@pytest.mark.parametrize(
    ("fine", "message"),
    [("五万元", "罚款金额（元）必须是数字。"), ("-100", "罚款金额不能为负数。")],
)
def test_a_bad_fine_is_refused_in_the_editor_naming_the_field(listing, fine, message):
    page = penalty_notice(listing, publish_page=False)
    response = _publish_from_the_editor(page, fine_amount=fine)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not PenaltyNoticePage.objects.get(pk=page.pk).live


def test_a_warning_with_a_fine_is_published(listing):
    page = penalty_notice(
        listing, penalty_kinds=[PenaltyKind.WARNING, PenaltyKind.FINE], fine_amount=Decimal("800")
    )
    assert page.live
    assert page.expire_at == rules.publicity_ends_at(page.first_published_at, 3)


def test_warning_only_is_refused_by_a_scheduled_publication(listing):
    page = penalty_notice(
        listing, publish_page=False, penalty_kinds=[PenaltyKind.WARNING], fine_amount=None
    )
    revision = page.get_latest_revision()
    Revision.objects.filter(pk=revision.pk).update(
        approved_go_live_at=timezone.now() - dt.timedelta(minutes=1)
    )
    output = run_publish_due(timezone.now())
    assert "拒绝发布 1 条" in output and "第二条" in output
    assert not PenaltyNoticePage.objects.get(pk=page.pk).live


# --- 第6条: personal data in a notice, masking, the restricted original -----------------------


def test_personal_data_in_a_notice_blocks_it_until_masked(listing):
    page = penalty_notice(
        listing,
        publish_page=False,
        party_type="natural_person",
        party_name="张某",
        party_credit_code="",
        decision_text=f"<p>当事人张某，公民身份号码{ID}，联系电话13812345678。</p>",
    )
    with pytest.raises(ValidationError) as error:
        publish_revision(page.get_latest_revision())
    assert "个人信息" in error.value.message_dict["decision_text"][0]

    reviewer = user_with_role("baomi", CONFIDENTIALITY_REVIEWER)
    mask_personal_data(page, user=reviewer)
    page = PenaltyNoticePage.objects.get(pk=page.pk)
    publish_revision(page.get_latest_revision())
    page = PenaltyNoticePage.objects.get(pk=page.pk)
    assert page.live and ID not in page.decision_text and "138****5678" in page.decision_text
    for revision in page.revisions.all():
        assert ID not in json.dumps(revision.content, ensure_ascii=False)
    assert set(MaskedOriginal.objects.filter(page=page).values_list("original", flat=True)) == {
        ID,
        "13812345678",
    }

    url = f"/admin/checks/page/{page.pk}/originals/"
    client = Client()
    client.force_login(reviewer)
    assert ID in client.get(url).content.decode()
    client.force_login(superuser())
    response = client.get(url)
    assert response.status_code in (302, 403) and ID not in response.content.decode()


def test_a_draft_fixed_in_the_editor_is_judged_as_submitted(listing):
    """The editor's form judges the summary as typed, not the stored draft: a draft saved as
    warning-only and then given a fine may be submitted for review."""
    page = penalty_notice(
        listing, publish_page=False, penalty_kinds=[PenaltyKind.WARNING], fine_amount=None
    )
    response = _publish_from_the_editor(
        page, action="action-submit", penalty_kinds=["warning", "fine"], fine_amount="800"
    )
    assert response.status_code == 302
    draft = PenaltyNoticePage.objects.get(pk=page.pk).get_latest_revision_as_object()
    assert draft.penalty_kinds == ["warning", "fine"] and draft.fine_amount == Decimal("800")


def test_personal_data_typed_into_a_notice_is_refused_at_submission(listing):
    page = penalty_notice(listing, publish_page=False)
    response = _publish_from_the_editor(
        page,
        action="action-submit",
        violation_facts=f"经查，当事人法定代表人身份证号{ID}。",
    )
    assert response.status_code == 200
    assert "个人信息" in response.content.decode()
    assert ID not in json.dumps(
        PenaltyNoticePage.objects.get(pk=page.pk).get_latest_revision().content,
        ensure_ascii=False,
    )


# --- 第13–14条: an ended publicity is not restarted by publishing again ------------------------


def test_an_expired_notice_is_not_published_again(listing):
    first = timezone.make_aware(dt.datetime(2026, 1, 31, 10, 0))
    page = published_at(
        listing,
        first,
        decided_on=dt.date(2026, 1, 20),
        penalty_kinds=[PenaltyKind.CIRCULATED_CRITICISM],
        fine_amount=None,
    )
    ends = page.expire_at
    run_publish_due(ends)
    page = PenaltyNoticePage.objects.get(pk=page.pk)
    assert page.expired
    # A correction published after the end would put it back online: refused.
    with at(ends + dt.timedelta(days=1)):
        page.penalty_content = "通报批评（更正）。"
        page.expire_at = None
        with pytest.raises(ValidationError) as error:
            publish_revision(page.save_revision())
    assert "公示期已于 2026-04-30 24时届满" in " ".join(error.value.messages)
    page = PenaltyNoticePage.objects.get(pk=page.pk)
    assert not page.live
    assert kinds_of_events(page) == [ChangeKind.PUBLISH, ChangeKind.EXPIRE]


def test_a_notice_ended_early_is_not_published_again(listing, settings):
    from disclosure.enforcement.models import EarlyEndApplication

    publicity_settings(early_end_months=0)
    page = penalty_notice(listing)
    application = EarlyEndApplication.objects.create(
        notice=page,
        applicant=page.party_name,
        **dict.fromkeys(rules.EARLY_END_CONDITIONS, True),
    )
    services.decide_early_end(application, user=None)
    page = PenaltyNoticePage.objects.get(pk=page.pk)
    assert not page.live
    page.expire_at = None
    with pytest.raises(ValidationError) as error:
        publish_revision(page.save_revision())
    assert "已依申请提前停止公示" in " ".join(error.value.messages)
    assert not PenaltyNoticePage.objects.get(pk=page.pk).live


def test_a_withdrawn_notice_within_its_period_may_be_published_again(listing):
    page = penalty_notice(listing)
    ends = page.expire_at
    services.record_decision_change(
        page,
        kind=DecisionChangeKind.CHANGED,
        occurred_on=timezone.localdate(),
        reason="处罚决定依法变更，变更后重新公示。",
        user=None,
    )
    page = PenaltyNoticePage.objects.get(pk=page.pk)
    page.penalty_content = "变更后的处罚内容。"
    publish_revision(page.save_revision())
    page = PenaltyNoticePage.objects.get(pk=page.pk)
    assert page.live and page.expire_at == ends


def test_the_bulk_publish_action_goes_through_the_gate(listing):
    page = penalty_notice(
        listing, publish_page=False, penalty_kinds=[PenaltyKind.WARNING], fine_amount=None
    )
    client = Client()
    client.force_login(superuser())
    response = client.post(f"/admin/bulk/wagtailcore/page/publish/?id={page.pk}", {})
    assert response.status_code == 302
    page = PenaltyNoticePage.objects.get(pk=page.pk)
    assert not page.live and page.first_published_at is None


def test_the_deadlines_follow_the_latest_draft(listing):
    """A draft created without a decision date and completed later is listed by that date; a
    draft later changed to warning-only leaves the list."""
    from disclosure.enforcement.admin_views import deadlines

    later = penalty_notice(listing, publish_page=False, decided_on=None, written_on=None)
    changed = penalty_notice(listing, publish_page=False, decided_on=dt.date(2026, 5, 8))
    later.decided_on = dt.date(2026, 5, 8)
    later.save_revision()
    changed.penalty_kinds, changed.fine_amount = [PenaltyKind.WARNING], None
    changed.save_revision()
    overdue, _soon, _later = deadlines(dt.date(2026, 6, 5))
    assert [(row["notice"].pk, row["due_on"]) for row in overdue] == [
        (later.pk, dt.date(2026, 6, 4))
    ]
    assert PenaltyNoticePage.objects.get(pk=later.pk).decided_on is None  # the row is stale
