"""Fuzzing the working-day calendar (disclosure.workdays.calendar, .statutory) and the statutory
clock of a request (disclosure.applications.clock, 条例 第30–35条) over any date, entered
overrides and pauses: ``add_workdays(d, n)`` is a working day and ``workdays_between(d,
add_workdays(d, n)) == n``, for years in the package, entered by hand or estimated from the law
(《全国年节及纪念日放假办法》); a date beyond what can be counted is refused with a Chinese
ValueError, never an OverflowError."""

import datetime as dt
import functools
import warnings

import pytest
from django.db import transaction
from fuzz_profiles import chinese, fuzz
from hypothesis import example, given
from hypothesis import strategies as st

from disclosure.applications import clock
from disclosure.workdays.calendar import FallbackCalendarWarning, WorkdayCalendar
from disclosure.workdays.models import DayOverride, HolidayYear
from disclosure.workdays.statutory import statutory_days_off

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.filterwarnings("ignore::disclosure.workdays.calendar.FallbackCalendarWarning"),
]

# Mostly the years that matter (the package's, the next ones estimated), and the edges.
DATES = st.one_of(
    st.dates(min_value=dt.date(2003, 1, 1), max_value=dt.date(2035, 12, 31)),
    st.dates(),
)
OVERRIDES = st.lists(
    st.tuples(
        st.dates(min_value=dt.date(2024, 1, 1), max_value=dt.date(2030, 12, 31)), st.booleans()
    ),
    max_size=6,
    unique_by=lambda pair: pair[0],
)
ENTERED = st.lists(st.integers(2027, 2030), max_size=2, unique=True)


def in_rollback(test):
    """Run ``test`` in a transaction rolled back after each example (overrides entered by the
    example do not leak into the next)."""

    @functools.wraps(test)
    def run(*args, **kwargs):
        with transaction.atomic():
            try:
                test(*args, **kwargs)
            finally:
                transaction.set_rollback(True)

    return run


def enter(overrides, years):
    DayOverride.objects.bulk_create(
        DayOverride(date=day, is_workday=workday, name="调整") for day, workday in overrides
    )
    HolidayYear.objects.bulk_create(HolidayYear(year=year) for year in years)


def refused_in_chinese(error):
    return chinese(error)


@fuzz(0.5)
@given(DATES, st.integers(0, 60), OVERRIDES, ENTERED)
@example(dt.date(9999, 12, 20), 20, [], [])
@example(dt.date.max, 1, [], [])
@in_rollback
def test_add_workdays_and_count_are_inverse(start, n, overrides, years):
    enter(overrides, years)
    calendar = WorkdayCalendar()
    try:
        due = calendar.add_workdays(start, n)
    except ValueError as error:  # beyond 9999-12-31
        assert refused_in_chinese(error)
        return
    assert due >= start
    if n:
        assert calendar.is_workday(due)
    assert calendar.workdays_between(start, due) == n
    assert WorkdayCalendar().workdays_between(start, due) == n
    assert isinstance(calendar.is_estimate(start, due), bool)


@fuzz(0.5)
@given(DATES)
@example(dt.date.min)
@example(dt.date.max)
@example(dt.date(237, 6, 1))
def test_every_day_has_a_kind(day):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FallbackCalendarWarning)
        kind = WorkdayCalendar().day_kind(day)
    assert chinese(kind.reason)


@fuzz(0.3)
@given(st.integers(1, 9999))
@example(237)  # the lunar year 237 has no third month: _qingming raised a bare Exception
def test_statutory_days_off_of_any_year(year):
    days = statutory_days_off(year)
    assert dt.date(year, 1, 1) in days
    assert all(chinese(reason) for reason in days.values())


@fuzz(0.3)
@given(st.one_of(st.integers(), st.text(max_size=3), st.none(), st.floats()), st.integers())
def test_bad_arguments_are_refused_in_chinese(start, n):
    calendar = WorkdayCalendar()
    for call in (
        lambda: calendar.add_workdays(start, n),
        lambda: calendar.add_workdays(dt.date(2026, 1, 5), -abs(n) - 1),
        lambda: calendar.is_covered(start),
    ):
        try:
            call()
        except (TypeError, ValueError) as error:
            assert chinese(error)


PAUSES = st.lists(
    st.builds(
        clock.Pause,
        sent_on=st.integers(0, 40),
        answered_on=st.one_of(st.none(), st.integers(-5, 60)),
        limit=st.sampled_from([clock.CONSULTATION_WORKDAYS, clock.FEE_PAYMENT_WORKDAYS]),
    ),
    max_size=3,
)


@fuzz(0.5)
@given(
    DATES,
    st.one_of(st.none(), st.integers(-3, 30)),
    PAUSES,
    st.integers(-2, 25),
    st.one_of(st.none(), st.integers(-10, 90)),
)
@example(dt.date(9999, 12, 20), None, [], 0, None)  # OverflowError in reply_due
@in_rollback
def test_reply_due_counts_twenty_working_days_after_pauses(
    received_on, clarified, pauses, extension, deferred
):
    """Offsets in days from ``received_on`` stand for the dates of the clarification, the
    pauses and the deferred date."""

    def day(offset):
        try:
            return received_on + dt.timedelta(days=offset)
        except OverflowError:
            return dt.date.max if offset > 0 else dt.date.min

    pauses = [
        clock.Pause(day(p.sent_on), None if p.answered_on is None else day(p.answered_on), p.limit)
        for p in pauses
    ]
    calendar = WorkdayCalendar()
    try:
        due = clock.reply_due(
            received_on,
            clarification_received_on=None if clarified is None else day(clarified),
            pauses=pauses,
            extension_workdays=extension,
            deferred_to=None if deferred is None else day(deferred),
            calendar=calendar,
        )
    except ValueError as error:
        assert refused_in_chinese(error)
        return
    assert chinese(clock.format_due(due)) or not (due.estimate or due.deferred)
    if due.deferred:
        return
    counted = calendar.workdays_between(due.counted_from, due.on)
    assert counted == clock.REPLY_WORKDAYS + extension + due.paused_days
    if not pauses:
        assert due.on == calendar.add_workdays(due.counted_from, clock.REPLY_WORKDAYS + extension)
