"""The working-day calendar service (disclosure.workdays.calendar).

Holiday facts below were checked against chinesecalendar 1.11.0 (chinese_calendar.holidays /
chinese_calendar.workdays), which follows the 国务院办公厅 notices for 2025 and 2026.
"""

import datetime as dt
import logging
import warnings

import chinese_calendar
import pytest

from disclosure.workdays import calendar
from disclosure.workdays.calendar import (
    DayKind,
    FallbackCalendarWarning,
    WorkdayCalendar,
    add_workdays,
    day_kind,
    fallback_years,
    is_covered,
    is_workday,
    workdays_between,
)
from disclosure.workdays.models import DayOverride, HolidayYear

pytestmark = pytest.mark.django_db

D = dt.date.fromisoformat


def date_range(first, last):
    day = D(first)
    while day <= D(last):
        yield day
        day += dt.timedelta(days=1)


@pytest.fixture
def no_warnings():
    """Turn any warning (in particular FallbackCalendarWarning) into an error."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        yield


def caught_fallback_warnings(func, *args):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = func(*args)
    return result, [w for w in caught if issubclass(w.category, FallbackCalendarWarning)]


# -- official schedules (package) ------------------------------------------------------


HOLIDAY_PERIODS = [
    ("2025-01-28", "2025-02-04"),  # 2025 春节
    ("2025-10-01", "2025-10-08"),  # 2025 国庆节、中秋节
    ("2026-02-15", "2026-02-23"),  # 2026 春节
    ("2026-10-01", "2026-10-07"),  # 2026 国庆节
]

MAKE_UP_DAYS = [
    "2025-01-26",  # Sunday, 春节
    "2025-02-08",  # Saturday, 春节
    "2025-09-28",  # Sunday, 国庆节
    "2025-10-11",  # Saturday, 国庆节
    "2026-02-14",  # Saturday, 春节
    "2026-02-28",  # Saturday, 春节
    "2026-09-20",  # Sunday, 国庆节
    "2026-10-10",  # Saturday, 国庆节
]


@pytest.mark.parametrize(("first", "last"), HOLIDAY_PERIODS)
def test_holiday_periods_are_not_workdays(first, last, no_warnings):
    days = list(date_range(first, last))
    assert all(not is_workday(day) for day in days)
    # The day before and the day after the period are working days.
    assert is_workday(days[0] - dt.timedelta(days=1))
    assert is_workday(days[-1] + dt.timedelta(days=1))


@pytest.mark.parametrize("day", MAKE_UP_DAYS)
def test_make_up_weekend_days_are_workdays(day, no_warnings):
    day = D(day)
    assert day.weekday() >= 5
    assert day_kind(day) == DayKind(is_workday=True, reason="调休上班", source="package")


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ("2025-01-29", DayKind(False, "法定节假日（春节）", "package")),
        ("2025-10-06", DayKind(False, "法定节假日（中秋）", "package")),
        ("2025-10-08", DayKind(False, "法定节假日（国庆节）", "package")),
        ("2026-02-15", DayKind(False, "法定节假日（春节）", "package")),
        ("2026-10-07", DayKind(False, "法定节假日（国庆节）", "package")),
        ("2026-02-14", DayKind(True, "调休上班", "package")),
        ("2026-03-02", DayKind(True, "工作日", "package")),
        ("2026-03-07", DayKind(False, "周末", "package")),
    ],
)
def test_day_kind_reasons(day, expected, no_warnings):
    assert day_kind(D(day)) == expected


def test_agrees_with_package_for_every_covered_day(no_warnings):
    cal = WorkdayCalendar()
    first, last = calendar.PACKAGE_FIRST_YEAR, calendar.PACKAGE_LAST_YEAR
    assert (first, last) == (2004, 2026)
    mismatches = [
        day
        for day in date_range(f"{first}-01-01", f"{last}-12-31")
        if cal.is_workday(day) != chinese_calendar.is_workday(day)
    ]
    assert mismatches == []


# -- add_workdays / workdays_between ---------------------------------------------------


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        ("2025-03-07", 1, "2025-03-10"),  # Friday + 1 = Monday
        ("2025-03-05", 0, "2025-03-05"),
        ("2025-03-08", 0, "2025-03-08"),  # n == 0 returns start even on a weekend
        # 2025 春节: make-up Sunday 01-26 and Saturday 02-08 count, 01-28..02-04 do not.
        ("2025-01-24", 1, "2025-01-26"),
        ("2025-01-27", 1, "2025-02-05"),
        ("2025-02-07", 1, "2025-02-08"),
        ("2025-01-20", 20, "2025-02-21"),
        # 2025 国庆节: make-up Sunday 09-28 and Saturday 10-11.
        ("2025-09-26", 1, "2025-09-28"),
        ("2025-09-30", 1, "2025-10-09"),
        ("2025-10-10", 1, "2025-10-11"),
        ("2025-09-15", 20, "2025-10-17"),
        # 2026 春节: make-up Saturdays 02-14 and 02-28.
        ("2026-02-13", 1, "2026-02-14"),
        ("2026-02-14", 1, "2026-02-24"),
        ("2026-02-27", 1, "2026-02-28"),
        ("2026-02-01", 20, "2026-03-05"),
        # 2026 国庆节 (and 中秋 09-25..09-27): make-up Sunday 09-20 and Saturday 10-10.
        ("2026-09-18", 1, "2026-09-20"),
        ("2026-09-30", 1, "2026-10-08"),
        ("2026-10-09", 1, "2026-10-10"),
        ("2026-09-15", 20, "2026-10-19"),
        # Across a year boundary: 2026 元旦 01-01..01-03 off, make-up Sunday 01-04.
        ("2025-12-25", 10, "2026-01-09"),
    ],
)
def test_add_workdays(start, n, expected, no_warnings):
    assert add_workdays(D(start), n) == D(expected)
    assert workdays_between(D(start), D(expected)) == n


def test_add_workdays_counts_make_up_saturday_in_statutory_reply_deadline(no_warnings):
    # An application received on 2026-02-10 (Tue): 条例第三十三条 20 工作日.
    # 02-11..13 (3), 02-14 调休 Saturday (4), 02-24..27 (8), 02-28 调休 Saturday (9),
    # 03-02..06 (14), 03-09..13 (19), 03-16 (20).
    assert add_workdays(D("2026-02-10"), 20) == D("2026-03-16")
    assert workdays_between(D("2026-02-10"), D("2026-02-14")) == 4


def test_add_workdays_rejects_negative_and_non_integer_counts():
    with pytest.raises(ValueError, match="负数"):
        add_workdays(D("2025-03-03"), -1)
    with pytest.raises(TypeError):
        add_workdays(D("2025-03-03"), 1.5)
    with pytest.raises(TypeError):
        add_workdays("2025-03-03", 1)


def test_add_workdays_accepts_datetimes(no_warnings):
    # 2026-02-13 17:00 UTC is 2026-02-14 01:00 in Asia/Shanghai (a make-up Saturday).
    aware = dt.datetime(2026, 2, 13, 17, 0, tzinfo=dt.UTC)
    assert add_workdays(aware, 1) == D("2026-02-24")
    assert add_workdays(dt.datetime(2026, 2, 13, 9, 0), 1) == D("2026-02-14")


def test_workdays_between_is_zero_when_end_not_after_start(no_warnings):
    assert workdays_between(D("2025-03-05"), D("2025-03-05")) == 0
    assert workdays_between(D("2025-03-05"), D("2025-03-01")) == 0
    assert workdays_between(D("2025-01-27"), D("2025-02-05")) == 1


# -- fallback for years the package does not cover ------------------------------------


def test_unknown_year_is_estimated_from_the_law_with_a_warning(caplog):
    """《全国年节及纪念日放假办法》第二条: 元旦 is a day off whatever the yearly notice says."""
    caplog.set_level(logging.WARNING, logger="disclosure.workdays")
    with pytest.warns(FallbackCalendarWarning, match="2027 年的节假日安排尚未录入") as record:
        assert day_kind(D("2027-01-01")) == DayKind(False, "法定节假日（元旦）（预计）", "estimate")
    assert record[0].filename == __file__  # points at the caller, not at calendar.py
    assert [r.getMessage() for r in caplog.records if r.name == "disclosure.workdays"] == [
        str(record[0].message)
    ]

    with pytest.warns(FallbackCalendarWarning, match="2030"):
        assert day_kind(D("2030-01-05")) == DayKind(False, "周末（预计）", "estimate")
    with pytest.warns(FallbackCalendarWarning):
        assert is_workday(D("2030-01-07"))


def test_a_penalty_decided_before_new_year_is_due_after_the_statutory_new_year_holiday():
    """The issue's case: decided 2026-12-21, 20 working days (总局令第45号 第9条); 2027-01-01
    (Friday) is 元旦 by 《全国年节及纪念日放假办法》第二条 — due 2027-01-19, not 01-18."""
    with pytest.warns(FallbackCalendarWarning, match="2027"):
        assert add_workdays(D("2026-12-21"), 20) == D("2027-01-19")
    assert calendar.is_estimate(D("2026-12-21"), D("2027-01-19"))
    assert not calendar.is_estimate(D("2026-11-02"), D("2026-11-30"))


def test_spring_festival_2027_from_the_lunar_calendar_with_substitute_days():
    """第二条: 春节 is 除夕 and 正月初一至初三 — 2027-02-05 (Fri) to 02-08 (Mon); 第六条: 02-06
    and 02-07 fall on the weekend, so 补假 on the next working days, 02-09 and 02-10."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FallbackCalendarWarning)
        assert day_kind(D("2027-02-04")).is_workday  # the day before 除夕
        for day in date_range("2027-02-05", "2027-02-08"):
            assert day_kind(day) == DayKind(False, "法定节假日（春节）（预计）", "estimate"), day
        for day in ("2027-02-09", "2027-02-10"):
            assert day_kind(D(day)) == DayKind(False, "补假（春节）（预计）", "estimate"), day
        assert day_kind(D("2027-02-11")).is_workday
        assert add_workdays(D("2027-02-04"), 1) == D("2027-02-11")


def test_qingming_2028_is_the_solar_term_day():
    """第二条: 清明节, 1 day, 农历清明当日 — in 2028 Tuesday 4 April (the solar term), not 5 April."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FallbackCalendarWarning)
        assert day_kind(D("2028-04-03")).is_workday
        assert day_kind(D("2028-04-04")) == DayKind(
            False, "法定节假日（清明节）（预计）", "estimate"
        )
        assert day_kind(D("2028-04-05")).is_workday
        assert add_workdays(D("2028-04-03"), 1) == D("2028-04-05")
        # 2028's 除夕 is 25 January (春节 26 January).
        assert not day_kind(D("2028-01-25")).is_workday
        assert day_kind(D("2028-01-24")).is_workday


def test_entering_the_published_schedule_recomputes_the_open_deadline():
    """Deadlines are computed when shown: once the office enters 2027's schedule, the same
    decision gets the official due date and it is no longer 预计."""
    with pytest.warns(FallbackCalendarWarning):
        assert add_workdays(D("2026-12-21"), 20) == D("2027-01-19")
    # A (hypothetical) published schedule: 元旦 1–3 January, 1–2 off on top of the weekend.
    DayOverride.objects.create(date=D("2027-01-01"), is_workday=False, name="元旦")
    DayOverride.objects.create(date=D("2027-01-04"), is_workday=False, name="元旦调休")
    HolidayYear.objects.create(year=2027, note="国办发明电〔2026〕×号")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert add_workdays(D("2026-12-21"), 20) == D("2027-01-20")
        assert not calendar.is_estimate(D("2026-12-21"), D("2027-01-20"))
        assert day_kind(D("2027-01-05")) == DayKind(True, "工作日", "entered")


def test_fallback_warns_once_per_year_per_call():
    result, caught = caught_fallback_warnings(add_workdays, D("2027-01-01"), 200)
    # 200 working days: Monday–Friday less the weekdays off by law before it (02-05, 02-08,
    # 补假 02-09/10, 04-05, 补假 05-03/04, 06-09, 09-15, 10-01, 补假 10-04/05).
    assert result == D("2027-10-26")
    assert len(caught) == 1

    # Spanning several uncovered years: one warning for each.
    _, caught = caught_fallback_warnings(add_workdays, D("2026-12-01"), 1000)
    assert [str(w.message)[:4] for w in caught] == ["2027", "2028", "2029", "2030"]

    # A new call warns again.
    _, caught = caught_fallback_warnings(add_workdays, D("2027-01-01"), 1)
    assert len(caught) == 1


def test_deadline_crossing_into_uncovered_year_is_computed():
    with pytest.warns(FallbackCalendarWarning, match="2027"):
        # 2026-12: 11, 14-18, 21-25, 28-31 (15); 2027 estimated: 01-01 元旦, 01-04..01-08.
        assert add_workdays(D("2026-12-10"), 20) == D("2027-01-08")


def test_entered_year_uses_overrides_without_warning(no_warnings):
    DayOverride.objects.create(date=D("2027-01-01"), is_workday=False, name="元旦")
    DayOverride.objects.create(date=D("2027-02-06"), is_workday=True, name="春节调休")
    for day in date_range("2027-02-08", "2027-02-12"):
        DayOverride.objects.create(date=day, is_workday=False, name="春节")
    HolidayYear.objects.create(year=2027, note="国办发明电〔2026〕×号")

    assert add_workdays(D("2026-12-31"), 1) == D("2027-01-04")
    assert add_workdays(D("2027-02-05"), 1) == D("2027-02-06")  # make-up Saturday
    assert add_workdays(D("2027-02-06"), 1) == D("2027-02-15")
    assert day_kind(D("2027-02-08")) == DayKind(False, "人工调整：春节", "override")
    assert is_covered(2027)
    assert fallback_years(2026, 2028) == [2028]


def test_overrides_apply_in_an_uncovered_year_but_still_warn():
    DayOverride.objects.create(date=D("2027-01-01"), is_workday=False, name="元旦")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        # Only an override day is touched: nothing fell back, nothing to warn about.
        assert day_kind(D("2027-01-01")) == DayKind(False, "人工调整：元旦", "override")
    with pytest.warns(FallbackCalendarWarning, match="2027"):
        assert add_workdays(D("2026-12-31"), 1) == D("2027-01-04")


def test_is_covered_and_fallback_years():
    assert is_covered(2004) and is_covered(2026)
    assert not is_covered(2003)
    assert not is_covered(2027)
    assert fallback_years(2025, 2030) == [2027, 2028, 2029, 2030]
    assert fallback_years(D("2026-05-01"), D("2027-03-01")) == [2027]
    DayOverride.objects.create(date=D("2028-01-01"), is_workday=False, name="元旦")
    HolidayYear.objects.create(year=2028)
    assert fallback_years(2025, 2030) == [2027, 2029, 2030]


# -- overrides -------------------------------------------------------------------------


def test_override_wins_over_package(no_warnings):
    # 2025-03-03 is an ordinary Monday in the package.
    assert is_workday(D("2025-03-03"))
    DayOverride.objects.create(date=D("2025-03-03"), is_workday=False, name="临时停止办公")
    assert day_kind(D("2025-03-03")) == DayKind(False, "人工调整：临时停止办公", "override")
    assert add_workdays(D("2025-02-28"), 1) == D("2025-03-04")

    # And the other way round: a package holiday made a working day.
    DayOverride.objects.create(date=D("2025-10-08"), is_workday=True, name="测试上班")
    assert add_workdays(D("2025-09-30"), 1) == D("2025-10-08")


# -- performance -----------------------------------------------------------------------


def test_one_query_per_year_touched(django_assert_num_queries, no_warnings):
    with django_assert_num_queries(1):
        add_workdays(D("2025-01-20"), 20)
    with django_assert_num_queries(2):
        add_workdays(D("2025-12-25"), 10)  # 2025 and 2026 overrides

    cal = WorkdayCalendar()
    with django_assert_num_queries(1):
        cal.add_workdays(D("2025-01-20"), 20)
        cal.add_workdays(D("2025-09-15"), 20)
        cal.workdays_between(D("2025-01-01"), D("2025-12-31"))


def test_uncovered_year_costs_two_queries(django_assert_num_queries):
    with pytest.warns(FallbackCalendarWarning), django_assert_num_queries(2):
        add_workdays(D("2027-01-01"), 60)  # overrides + HolidayYear for 2027
