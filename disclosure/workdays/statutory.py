"""The statutory holidays of a year, computed from the law, for a year whose State Council
schedule has not been published yet.

《全国年节及纪念日放假办法》(2024年11月10日修订) fixes the days off without any notice:

* 第二条 — 全体公民放假的节日: 元旦 1 day (1月1日); 春节 4 days (农历除夕、正月初一至初三);
  清明节 1 day (农历清明当日); 劳动节 2 days (5月1日、2日); 端午节 1 day (农历端午当日);
  中秋节 1 day (农历中秋当日); 国庆节 3 days (10月1日至3日).
* 第六条 — "全体公民放假的假日，如果适逢周六、周日，应当在工作日补假": a holiday on a weekend
  gives a day off on the next working day after it (补假).

What the law does not fix is the 调休 of 第七条 (weekends moved to make longer breaks): only the
yearly 国务院办公厅 notice does. So a year computed here is an *estimate*: its working days are
the weekdays that are neither a statutory holiday nor a 补假 day, and every deadline that
touches it is shown as 预计 (:meth:`~disclosure.workdays.calendar.WorkdayCalendar.is_estimate`)
until the office enters the published schedule.

Lunar dates (除夕, 春节, 端午, 中秋) and the solar term 清明 come from ``lunar-python``.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from django.utils.translation import gettext as _
from lunar_python import Lunar, Solar

ONE_DAY = dt.timedelta(days=1)


def _lunar(year: int, month: int, day: int) -> dt.date:
    solar = Lunar.fromYmd(year, month, day).getSolar()
    return dt.date(solar.getYear(), solar.getMonth(), solar.getDay())


def _qingming(year: int) -> dt.date:
    """清明 of ``year``, from the solar terms of the lunar year that 15 April lies in (清明 falls
    on 4–6 April). Not from 农历三月初一: the lunar year 237 has no third month, and
    ``lunar-python`` raises for it."""
    solar = Solar.fromYmd(year, 4, 15).getLunar().getJieQiTable()["清明"]
    return dt.date(solar.getYear(), solar.getMonth(), solar.getDay())


def festival_days(year: int) -> dict[dt.date, str]:
    """第二条: the statutory holidays of ``year`` by date, with the festival's name.

    春节 counts towards the solar year of its 正月初一; its 除夕 is the day before (in a year
    whose 春节 falls on 1 or 2 January, 除夕 lies in the year before; that has not happened
    since 1900 and cannot before 2100)."""
    spring = _lunar(year, 1, 1)
    days = {dt.date(year, 1, 1): _("元旦")}
    for offset in range(-1, 3):  # 除夕, 正月初一至初三
        days[spring + offset * ONE_DAY] = _("春节")
    days[_qingming(year)] = _("清明节")
    days[dt.date(year, 5, 1)] = days[dt.date(year, 5, 2)] = _("劳动节")
    days[_lunar(year, 5, 5)] = _("端午节")
    days[_lunar(year, 8, 15)] = _("中秋节")
    for day in (1, 2, 3):
        days[dt.date(year, 10, day)] = _("国庆节")
    return days


@lru_cache(maxsize=64)
def statutory_days_off(year: int) -> dict[dt.date, str]:
    """第二条 and 第六条: every day off of ``year`` that the law itself fixes — the festival days
    and, for each of them that falls on a Saturday or Sunday, a 补假 day on the next weekday
    that is not already off. Returns ``{date: reason}`` (Chinese, for people)."""
    festivals = festival_days(year)
    days = {day: _("法定节假日（%(name)s）") % {"name": name} for day, name in festivals.items()}
    for day in sorted(festivals):
        if day.weekday() < 5:
            continue
        substitute = day + ONE_DAY
        while substitute.weekday() >= 5 or substitute in days:
            substitute += ONE_DAY
        days[substitute] = _("补假（%(name)s）") % {"name": festivals[day]}
    return days
