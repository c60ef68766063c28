"""The holidays the law itself fixes (disclosure.workdays.statutory), checked against the years
the State Council has published: the estimate must contain every statutory day of those years."""

import datetime as dt

import chinese_calendar
import pytest

from disclosure.workdays.statutory import festival_days, statutory_days_off

D = dt.date.fromisoformat


def test_festival_days_of_2027_by_article_2():
    """《全国年节及纪念日放假办法》第二条: 11 + 2 (2024 revision) = 13 days."""
    days = festival_days(2027)
    assert len(days) == 13
    assert days[D("2027-01-01")] == "元旦"
    assert [day for day, name in sorted(days.items()) if name == "春节"] == [
        D("2027-02-05"),  # 除夕
        D("2027-02-06"),
        D("2027-02-07"),
        D("2027-02-08"),
    ]
    assert days[D("2027-04-05")] == "清明节"
    assert days[D("2027-05-01")] == days[D("2027-05-02")] == "劳动节"
    assert days[D("2027-06-09")] == "端午节"
    assert days[D("2027-09-15")] == "中秋节"
    assert [day for day, name in sorted(days.items()) if name == "国庆节"] == [
        D("2027-10-01"),
        D("2027-10-02"),
        D("2027-10-03"),
    ]


def test_substitute_days_of_article_6_follow_a_weekend_holiday():
    """第六条: 2027-10-02/03 (Saturday, Sunday) give 补假 on Monday 10-04 and Tuesday 10-05;
    2027-05-01/02 (Saturday, Sunday) give 05-03 and 05-04; a weekday holiday gives none."""
    off = statutory_days_off(2027)
    assert off[D("2027-10-04")] == off[D("2027-10-05")] == "补假（国庆节）"
    assert D("2027-10-06") not in off
    assert off[D("2027-05-03")] == off[D("2027-05-04")] == "补假（劳动节）"
    assert D("2027-06-10") not in off  # 端午 on a Wednesday


@pytest.mark.parametrize("year", [2025, 2026])
def test_every_statutory_day_of_a_published_year_is_in_the_estimate(year):
    """The published schedules (chinesecalendar) give each statutory festival day off: the
    estimate from the law finds every one of them (a published year adds 调休 on top)."""
    for day in festival_days(year):
        assert chinese_calendar.is_holiday(day), day
