"""The admin's list of penalty-notice deadlines (第9条) agrees with the rules it calls."""

import datetime as dt
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from enforcement_testutils import penalty_list, penalty_notice

from disclosure.enforcement import rules
from disclosure.enforcement.admin_views import deadlines
from disclosure.workdays import periods
from disclosure.workdays.calendar import FallbackCalendarWarning

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 27)  # a Friday


def _decided_on_for(due):
    """The decision date whose 第9条 due date is ``due`` (searched backwards)."""
    day = due
    while rules.publication_due_on(day) > due:
        day -= dt.timedelta(days=1)
    assert rules.publication_due_on(day) == due
    return day


def _placement(notice, lists):
    return [name for name, rows in lists.items() if notice.pk in [r["notice"].pk for r in rows]]


def test_a_due_date_exactly_at_the_cut_off_is_due_soon_in_the_list_and_the_rule():
    listing = penalty_list()
    cut_off = rules.due_soon_until(TODAY)
    assert cut_off == periods.due_soon_until(TODAY) == dt.date(2026, 12, 4)
    at_cut_off = penalty_notice(listing, publish_page=False, decided_on=_decided_on_for(cut_off))
    after = rules.publication_due_on(_decided_on_for(cut_off)) + dt.timedelta(days=3)  # Monday
    past_cut_off = penalty_notice(listing, publish_page=False, decided_on=_decided_on_for(after))
    overdue, due_soon, later = deadlines(TODAY)
    lists = {"overdue": overdue, "due_soon": due_soon, "later": later}
    assert _placement(at_cut_off, lists) == ["due_soon"]
    assert _placement(past_cut_off, lists) == ["later"]
    for name, rows in lists.items():
        for row in rows:
            assert row["due_on"] == rules.publication_due_on(row["notice"].decided_on)
            assert periods.deadline_status(row["due_on"], TODAY, cut_off) == name


def test_a_due_date_of_today_is_due_soon_and_yesterday_overdue():
    assert periods.deadline_status(TODAY, TODAY, rules.due_soon_until(TODAY)) == "due_soon"
    yesterday = TODAY - dt.timedelta(days=1)
    assert periods.deadline_status(yesterday, TODAY, rules.due_soon_until(TODAY)) == "overdue"


def test_a_due_date_in_a_year_without_a_published_schedule_is_shown_as_estimated(client):
    """A decision of 2026-12-21 is due 2027-01-19 (第9条, 元旦 by 《全国年节及纪念日放假办法》第二条)
    and, until 2027's schedule is entered, shown as 预计; one of November is not."""
    listing = penalty_list()
    with mock.patch(
        "django.utils.timezone.now", return_value=dt.datetime(2026, 12, 22, tzinfo=dt.UTC)
    ):
        late = penalty_notice(listing, publish_page=False, decided_on=dt.date(2026, 12, 21))
        early = penalty_notice(listing, publish_page=False, decided_on=dt.date(2026, 11, 2))
    with pytest.warns(FallbackCalendarWarning):
        overdue, due_soon, later = deadlines(dt.date(2026, 12, 22))
    rows = {row["notice"].pk: row for row in overdue + due_soon + later}
    assert rows[late.pk]["due_on"] == dt.date(2027, 1, 19)
    assert rows[late.pk]["estimated"] is True
    assert rows[early.pk]["estimated"] is False

    user = get_user_model().objects.create_superuser("admin", "a@example.com", "x")
    client.force_login(user)
    with pytest.warns(FallbackCalendarWarning):
        html = client.get(reverse("enforcement_deadlines")).content.decode()
    assert "2027-01-19 <span" in html and "（预计）" in html


def test_the_deadline_list_is_scoped_to_the_users_departments(client):
    # Issue #11 finding 6: every admin role saw every department's enforcement deadlines.
    from disclosure.departments.roles import DISCLOSURE_OFFICE, EDITOR
    from tests.factories import department, user_with_role

    zhifa, dengji = department("执法支队"), department("登记注册科")
    listing = penalty_list(departments=[zhifa])
    penalty_notice(listing, publish_page=False, title="示范市某待公示公司案")
    for user, sees in (
        (user_with_role("dengji_editor", EDITOR, department=dengji), False),
        (user_with_role("zhifa_editor", EDITOR, department=zhifa), True),
        (user_with_role("office", DISCLOSURE_OFFICE), True),
    ):
        client.force_login(user)
        html = client.get("/admin/enforcement/deadlines/").content.decode()
        assert ("示范市某待公示公司" in html) is sees, user.username
