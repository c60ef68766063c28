"""The working-day calendar: the one place that decides whether a date is a 工作日.

Chinese administrative law counts most statutory deadlines in working days. For information
disclosure, 《中华人民共和国政府信息公开条例》(国务院令第711号) sets, among others:

* 第三十条 — an unclear application must be returned for correction (补正) within 7 工作日
  of receipt;
* 第三十三条 — a reply is due within 20 工作日 of receipt, extendable once by at most another
  20 工作日.

Which days are working days is fixed each year by the 国务院办公厅 notice on the holiday
schedule (《国务院办公厅关于××××年部分节假日安排的通知》, issued under 《全国年节及纪念日放假办法》),
which moves some weekend days to be make-up working days (调休上班) and turns some weekdays into
days off. Counting starts on the day after the triggering event (cf. 《中华人民共和国民法典》
第二百零一条: "开始的当日不计入"), so :func:`add_workdays` does not count ``start``.

Sources, first match wins:

1. a :class:`~disclosure.workdays.models.DayOverride` row (entered by an administrator);
2. the ``chinesecalendar`` package (import name ``chinese_calendar``), which carries the
   State Council notices for the years it knows (1.11.0: 2004–2026);
3. for a year that is neither in the package nor marked as entered by a
   :class:`~disclosure.workdays.models.HolidayYear` row: an *estimate* from the law
   (:mod:`disclosure.workdays.statutory`: the holidays of 《全国年节及纪念日放假办法》第二条 and
   the 补假 of its 第六条, weekends as usual). This emits a :class:`FallbackCalendarWarning` and
   logs on ``disclosure.workdays`` — once per year per call — and never raises: a deadline is
   always computed, shown as 预计 (:meth:`WorkdayCalendar.is_estimate`), and the administrator
   is told to enter the schedule. Deadlines are computed when they are shown, never stored, so
   entering the schedule recomputes every open deadline.

The module-level functions each use a fresh :class:`WorkdayCalendar`, which caches the
overrides of each year it touches (one query per year, not per day). Code that computes many
deadlines at once (a listing, a report) can create one ``WorkdayCalendar`` and reuse it for
that request; do not keep one for longer, as it does not see later changes.
"""

from __future__ import annotations

import datetime as dt
import logging
import sys
import warnings
from dataclasses import dataclass

import chinese_calendar
from django.utils import timezone
from django.utils.translation import gettext as _

from . import statutory

logger = logging.getLogger("disclosure.workdays")

SOURCE_OVERRIDE = "override"
SOURCE_PACKAGE = "package"
SOURCE_ENTERED = "entered"
SOURCE_ESTIMATE = "estimate"

#: Years for which the installed ``chinesecalendar`` carries the official schedule.
PACKAGE_FIRST_YEAR = min(chinese_calendar.holidays).year
PACKAGE_LAST_YEAR = max(chinese_calendar.holidays).year

_HOLIDAY_NAMES = {holiday.value: holiday.chinese for holiday in chinese_calendar.Holiday}


class FallbackCalendarWarning(UserWarning):
    """A year's holiday schedule is unknown, so it was estimated from the law."""


@dataclass(frozen=True)
class DayKind:
    """Why a date is or is not a working day.

    ``reason`` is a Chinese label for people (工作日, 周末, 法定节假日（春节）, 调休上班,
    人工调整：<名称>, with （预计） for an estimated year); ``source`` is ``"override"``,
    ``"package"``, ``"entered"`` (a year entered by hand, a day without an override) or
    ``"estimate"`` (the law's holidays and weekends, for years that are not
    covered, see :func:`is_covered`).
    """

    is_workday: bool
    reason: str
    source: str


def _as_date(value) -> dt.date:
    """A ``date`` from a date or datetime (aware datetimes are taken in local time)."""
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.date()
    if isinstance(value, dt.date):
        return value
    raise TypeError(_("需要日期（date），收到的是 %(type)s。") % {"type": type(value).__name__})


def _as_year(value) -> int:
    if isinstance(value, dt.date):
        return value.year
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raise TypeError(
        _("需要年份（整数）或日期，收到的是 %(type)s。") % {"type": type(value).__name__}
    )


def _external_stacklevel() -> int:
    """The ``stacklevel`` that points a warning at the first caller outside this module."""
    frame = sys._getframe(1)
    level = 1
    while frame is not None and frame.f_code.co_filename == __file__:
        frame = frame.f_back
        level += 1
    return level


def fallback_message(year: int) -> str:
    """The Chinese notice shown when ``year`` is computed Monday–Friday."""
    return _(
        "%(year)s 年的节假日安排尚未录入，工作日按《全国年节及纪念日放假办法》规定的节日和补假预计，"
        "不含调休；请在后台“工作日历”中录入国务院办公厅公布的放假安排。"
    ) % {"year": year}


class WorkdayCalendar:
    """One pass over the calendar, caching per-year lookups; see the module docstring."""

    def __init__(self):
        self._overrides: dict[int, dict[dt.date, tuple[bool, str]]] = {}
        self._entered_years: dict[int, bool] = {}
        self._warned_years: set[int] = set()

    # -- sources -----------------------------------------------------------------------

    def _year_overrides(self, year: int) -> dict[dt.date, tuple[bool, str]]:
        if year not in self._overrides:
            from .models import DayOverride

            rows = DayOverride.objects.filter(
                date__gte=dt.date(year, 1, 1), date__lte=dt.date(year, 12, 31)
            ).values_list("date", "is_workday", "name")
            self._overrides[year] = {day: (is_workday, name) for day, is_workday, name in rows}
        return self._overrides[year]

    def _year_entered(self, year: int) -> bool:
        if year not in self._entered_years:
            from .models import HolidayYear

            self._entered_years[year] = HolidayYear.objects.filter(year=year).exists()
        return self._entered_years[year]

    @staticmethod
    def package_covers(year: int) -> bool:
        """Whether the installed ``chinesecalendar`` carries ``year``'s official schedule."""
        return PACKAGE_FIRST_YEAR <= year <= PACKAGE_LAST_YEAR

    def _package_kind(self, day: dt.date) -> DayKind | None:
        if not self.package_covers(day.year):
            return None
        try:
            is_holiday, name = chinese_calendar.get_holiday_detail(day)
        except NotImplementedError:
            return None
        if name is None:
            reason = _("周末") if is_holiday else _("工作日")
        elif is_holiday:
            reason = _("法定节假日（%(name)s）") % {"name": _HOLIDAY_NAMES.get(name, name)}
        else:
            reason = _("调休上班")
        return DayKind(is_workday=not is_holiday, reason=reason, source=SOURCE_PACKAGE)

    def _weekday_kind(self, day: dt.date) -> DayKind:
        """A year entered by hand: its overrides hold every holiday and make-up day, so any
        other day is a working day from Monday to Friday."""
        workday = day.weekday() < 5
        return DayKind(
            is_workday=workday, reason=_("工作日") if workday else _("周末"), source=SOURCE_ENTERED
        )

    def _estimated_kind(self, day: dt.date) -> DayKind:
        """A year without a published schedule, estimated from the law (see
        :mod:`disclosure.workdays.statutory`)."""
        if day.year not in self._warned_years:
            self._warned_years.add(day.year)
            message = fallback_message(day.year)
            warnings.warn(message, FallbackCalendarWarning, stacklevel=_external_stacklevel())
            logger.warning(message, extra={"workdays_fallback_year": day.year})
        day_off = statutory.statutory_days_off(day.year).get(day)
        if day_off is not None:
            workday, reason = False, day_off
        else:
            workday = day.weekday() < 5
            reason = _("工作日") if workday else _("周末")
        return DayKind(
            is_workday=workday,
            reason=_("%(reason)s（预计）") % {"reason": reason},
            source=SOURCE_ESTIMATE,
        )

    # -- public API --------------------------------------------------------------------

    def day_kind(self, day: dt.date) -> DayKind:
        """Whether ``day`` is a working day, why, and which source decided it."""
        day = _as_date(day)
        override = self._year_overrides(day.year).get(day)
        if override is not None:
            is_workday, name = override
            return DayKind(
                is_workday=is_workday,
                reason=_("人工调整：%(name)s") % {"name": name},
                source=SOURCE_OVERRIDE,
            )
        package = self._package_kind(day)
        if package is not None:
            return package
        if self._year_entered(day.year):
            return self._weekday_kind(day)
        return self._estimated_kind(day)

    def is_workday(self, day: dt.date) -> bool:
        """Whether ``day`` is a 工作日."""
        return self.day_kind(day).is_workday

    def add_workdays(self, start: dt.date, n: int) -> dt.date:
        """The date ``n`` working days after ``start``; ``start`` itself is not counted.

        ``add_workdays(friday, 1)`` is the next Monday if that Monday is a working day;
        ``n == 0`` returns ``start``. For 条例第三十三条, the reply deadline of an application
        received on ``d`` is ``add_workdays(d, 20)``.
        """
        start = _as_date(start)
        if isinstance(n, bool) or not isinstance(n, int):
            raise TypeError(_("工作日天数必须是整数，收到的是 %(value)r。") % {"value": n})
        if n < 0:
            raise ValueError(_("工作日天数不能为负数（收到 %(n)s）。") % {"n": n})
        day, remaining = start, n
        one_day = dt.timedelta(days=1)
        while remaining:
            try:
                day += one_day
            except OverflowError:
                raise ValueError(_("超出可计算的日期范围。")) from None
            if self.is_workday(day):
                remaining -= 1
        return day

    def workdays_between(self, start: dt.date, end: dt.date) -> int:
        """The number of working days after ``start`` up to and including ``end``.

        The inverse of :meth:`add_workdays`: ``workdays_between(d, add_workdays(d, n)) == n``.
        Returns 0 when ``end`` is not after ``start``.
        """
        start, end = _as_date(start), _as_date(end)
        if end <= start:
            return 0
        count = 0
        day = start
        while day < end:
            day += dt.timedelta(days=1)
            if self.is_workday(day):
                count += 1
        return count

    def is_covered(self, year: int) -> bool:
        """Whether ``year``'s official schedule is known: in the package, or entered by hand."""
        year = _as_year(year)
        return self.package_covers(year) or self._year_entered(year)

    def fallback_years(self, start, end) -> list[int]:
        """The years from ``start`` to ``end`` (years or dates, inclusive) that are not covered."""
        first, last = _as_year(start), _as_year(end)
        return [year for year in range(first, last + 1) if not self.is_covered(year)]

    def is_estimate(self, start, due) -> bool:
        """Whether a deadline counted from ``start`` to ``due`` crossed a day of an estimated
        year, so that it is shown as 预计 (to staff and in any letter) until the schedule is
        entered."""
        return bool(self.fallback_years(_as_date(start), _as_date(due)))


def day_kind(day: dt.date) -> DayKind:
    """Whether ``day`` is a working day, why, and which source decided it."""
    return WorkdayCalendar().day_kind(day)


def is_workday(day: dt.date) -> bool:
    """Whether ``day`` is a 工作日 under the State Council holiday schedule."""
    return WorkdayCalendar().is_workday(day)


def add_workdays(start: dt.date, n: int) -> dt.date:
    """The date ``n`` working days after ``start`` (``start`` not counted); see
    :meth:`WorkdayCalendar.add_workdays`. Raises ``ValueError`` for a negative ``n``."""
    return WorkdayCalendar().add_workdays(start, n)


def workdays_between(start: dt.date, end: dt.date) -> int:
    """Working days after ``start`` up to and including ``end`` (0 if ``end <= start``)."""
    return WorkdayCalendar().workdays_between(start, end)


def is_covered(year: int) -> bool:
    """Whether ``year``'s schedule is in the package or marked entered (:class:`HolidayYear`)."""
    return WorkdayCalendar().is_covered(year)


def fallback_years(start, end) -> list[int]:
    """The years from ``start`` to ``end`` (ints or dates, inclusive) that are estimated."""
    return WorkdayCalendar().fallback_years(start, end)


def is_estimate(start, due) -> bool:
    """Whether a deadline from ``start`` to ``due`` is 预计; see
    :meth:`WorkdayCalendar.is_estimate`."""
    return WorkdayCalendar().is_estimate(start, due)
