"""总局令第45号 第2条 (ordinary procedure only; warning-only unless a law provides otherwise),
第8条 (the party told in writing) and 第10条 (a party of another province: pushed within 10
working days) — each at its edge."""

import datetime as dt
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from enforcement_testutils import penalty_list, penalty_notice

from disclosure.enforcement import rules
from disclosure.enforcement.admin_views import deadlines
from disclosure.enforcement.choices import PenaltyKind, Procedure
from disclosure.enforcement.models import PenaltyNoticePage
from tests.factories import publish_revision

pytestmark = pytest.mark.django_db


@pytest.fixture
def listing():
    return penalty_list()


def refusal(listing, **fields):
    page = penalty_notice(listing, publish_page=False, **fields)
    with pytest.raises(ValidationError) as error:
        publish_revision(page.get_latest_revision())
    assert not PenaltyNoticePage.objects.get(pk=page.pk).live
    return error.value.message_dict


# --- 第2条 -----------------------------------------------------------------------------------


def test_a_simplified_procedure_decision_is_refused_at_the_gate(listing):
    """第2条第1款: only decisions under the ordinary procedure are published."""
    errors = refusal(listing, procedure=Procedure.SIMPLIFIED)
    assert "适用简易程序作出的行政处罚决定不予公示" in errors["procedure"][0]


def test_an_ordinary_procedure_decision_is_published(listing):
    page = penalty_notice(listing, procedure=Procedure.ORDINARY)
    assert page.live


def test_a_warning_only_decision_is_refused_without_a_provision(listing):
    errors = refusal(listing, penalty_kinds=[PenaltyKind.WARNING], fine_amount=None)
    assert "仅受到警告的行政处罚不予公示" in errors["penalty_kinds"][0]
    assert "写明条款" in errors["penalty_kinds"][0]


def test_a_warning_only_decision_is_published_when_a_law_provides_otherwise(listing):
    """第2条第2款 "法律、行政法规另有规定的除外": the provision is cited and kept in the history."""
    page = penalty_notice(
        listing,
        penalty_kinds=[PenaltyKind.WARNING],
        fine_amount=None,
        warning_publication_basis="《××条例》第×条：受到警告处罚的，应当向社会公示。",
    )
    assert page.live
    revision = page.get_latest_revision()
    assert "《××条例》第×条" in revision.as_object().warning_publication_basis


def test_a_blank_provision_does_not_count(listing):
    errors = refusal(
        listing,
        penalty_kinds=[PenaltyKind.WARNING],
        fine_amount=None,
        warning_publication_basis="   ",
    )
    assert "penalty_kinds" in errors


def test_decisions_that_are_not_published_owe_no_deadline(listing):
    simplified = penalty_notice(listing, publish_page=False, procedure=Procedure.SIMPLIFIED)
    listed = [row["notice"].pk for rows in deadlines(dt.date(2026, 5, 11)) for row in rows]
    assert simplified.pk not in listed


# --- 第10条 ----------------------------------------------------------------------------------

DECIDED = dt.date(2026, 5, 8)  # a Friday; 05-09 is a make-up working Saturday (2026 劳动节)


def test_push_due_is_10_working_days_for_another_province():
    """05-09 (a make-up Saturday) counts: 10 working days end on 05-21, 20 on 06-04."""
    assert rules.push_due_on(DECIDED) == dt.date(2026, 5, 21)
    assert rules.publication_due_on(DECIDED) == dt.date(2026, 6, 4)


@pytest.mark.parametrize(
    ("today", "placement"),
    [
        (dt.date(2026, 5, 20), "due_soon"),  # the day before
        (dt.date(2026, 5, 21), "due_soon"),  # the day
        (dt.date(2026, 5, 22), "overdue"),  # the day after
    ],
)
def test_the_overdue_list_shows_the_push_for_another_province(listing, today, placement):
    other = penalty_notice(
        listing,
        publish_page=False,
        party_registration_place="广东省深圳市",
        party_in_other_province=True,
    )
    here = penalty_notice(listing, publish_page=False, party_registration_place="本市钟山区")
    overdue, due_soon, later = deadlines(today)
    rows = {
        row["notice"].pk: (name, row)
        for name, rows in (("overdue", overdue), ("due_soon", due_soon), ("later", later))
        for row in rows
    }
    name, row = rows[other.pk]
    assert (name, row["action"], row["due_on"]) == (placement, "push", dt.date(2026, 5, 21))
    name, row = rows[here.pk]
    assert (row["action"], row["due_on"]) == ("publish", dt.date(2026, 6, 4))


def test_a_pushed_notice_leaves_the_list_even_if_published_here_too(listing):
    other = penalty_notice(listing, party_in_other_province=True)  # published on the portal
    listed = [row["notice"].pk for rows in deadlines(dt.date(2026, 5, 11)) for row in rows]
    assert other.pk in listed  # published here, but the push is still due
    other.pushed_on = dt.date(2026, 5, 12)
    with mock.patch("django.utils.timezone.localdate", return_value=dt.date(2026, 5, 13)):
        publish_revision(other.save_revision())
    listed = [row["notice"].pk for rows in deadlines(dt.date(2026, 5, 13)) for row in rows]
    assert other.pk not in listed


def test_a_push_date_needs_another_province_and_a_sensible_date(listing):
    page = penalty_notice(listing, publish_page=False)
    page.pushed_on = dt.date(2026, 5, 12)
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "外省" in error.value.message_dict["pushed_on"][0]
    page.party_in_other_province = True
    page.pushed_on = dt.date(2026, 5, 7)  # before the decision
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "推送日期" in error.value.message_dict["pushed_on"][0]


# --- 第8条 -----------------------------------------------------------------------------------


def test_the_list_shows_whether_the_party_was_told_in_writing(listing, admin_client):
    told = penalty_notice(listing, publish_page=False, told_on=DECIDED, told_by="王某")
    untold = penalty_notice(listing, publish_page=False)
    rows = {row["notice"].pk: row for rows in deadlines(dt.date(2026, 5, 11)) for row in rows}
    assert rows[told.pk]["notice"].told_on == DECIDED
    assert rows[untold.pk]["notice"].told_on is None
    html = admin_client.get("/admin/enforcement/deadlines/").content.decode()
    assert "书面告知（第八条）" in html and "未记录" in html and "2026-05-08" in html


def test_a_told_date_before_the_decision_is_refused(listing):
    page = penalty_notice(listing, publish_page=False)
    page.told_on = DECIDED - dt.timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "书面告知日期" in error.value.message_dict["told_on"][0]
