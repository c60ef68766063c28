"""重大行政决策程序暂行条例 第15条: a comment period of at least 30 days (shorter only with its
reason), open until the end of the closing day, and the status a visitor sees."""

import datetime as dt

import pytest
from django.utils import timezone

from disclosure.consultations import rules
from disclosure.consultations.choices import ConsultationStatus
from disclosure.consultations.models import ConsultationPage

pytestmark = pytest.mark.django_db  # a page instance reads the default locale

MARCH_1 = dt.date(2026, 3, 1)


def at(day, hour=0, minute=0):
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


@pytest.mark.parametrize(
    "closes_on, reason, field",
    [
        (dt.date(2026, 3, 31), "", None),  # 30 days, the first day not counted
        (dt.date(2026, 3, 30), "", "closes_on"),  # 29 days, no reason
        (dt.date(2026, 3, 30), "涉及节前食品安全，情况紧急", None),
        (dt.date(2026, 3, 1), "紧急", "closes_on"),  # no period at all
        (dt.date(2026, 2, 20), "", "closes_on"),  # reversed
    ],
)
def test_the_comment_period_is_thirty_days_unless_a_reason_is_given(closes_on, reason, field):
    errors = rules.period_errors(MARCH_1, closes_on, reason)
    assert list(errors) == ([field] if field else [])
    if field and closes_on == dt.date(2026, 3, 30) and not reason:
        assert "第十五条" in errors["closes_on"] and "29 日" in errors["closes_on"]


def test_missing_dates_are_explained():
    assert "opens_on" in rules.period_errors(None, dt.date(2026, 4, 1))
    assert "closes_on" in rules.period_errors(MARCH_1, None)


def test_open_until_the_end_of_the_closing_day_then_closed_or_answered():
    page = ConsultationPage(opens_on=MARCH_1, closes_on=dt.date(2026, 3, 31))
    assert rules.status(page, at(dt.date(2026, 2, 28), 23, 59)) == ConsultationStatus.UPCOMING
    assert rules.status(page, at(MARCH_1)) == ConsultationStatus.OPEN
    assert rules.is_open(page, at(dt.date(2026, 3, 31), 23, 59))
    assert rules.days_left(page, at(dt.date(2026, 3, 31), 8)) == 1
    assert rules.days_left(page, at(MARCH_1, 8)) == 31
    assert not rules.is_open(page, at(dt.date(2026, 4, 1)))
    assert rules.status(page, at(dt.date(2026, 4, 1))) == ConsultationStatus.CLOSED
    page.feedback_summary = "<p>采纳情况</p>"
    assert rules.status(page, at(dt.date(2026, 4, 1))) == ConsultationStatus.ANSWERED


def test_the_page_may_be_cached_only_once_nothing_changes_by_itself():
    page = ConsultationPage(opens_on=MARCH_1, closes_on=dt.date(2026, 3, 31))
    assert rules.next_switch(page, at(dt.date(2026, 2, 1))) == at(MARCH_1)
    assert rules.next_switch(page, at(dt.date(2026, 3, 5))) == at(dt.date(2026, 4, 1))
    assert not rules.cacheable(page, at(dt.date(2026, 3, 31), 23, 59))
    assert rules.cacheable(page, at(dt.date(2026, 4, 1)))
