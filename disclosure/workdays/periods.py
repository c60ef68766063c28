"""Periods counted in working days that more than one app uses, each defined once with the
article it comes from. A period that one app alone uses lives in that app's ``rules.py``
(总局令第45号's periods in ``disclosure/enforcement/rules.py``).
"""

from __future__ import annotations

import calendar as month_calendar
import datetime as dt

from django.utils import timezone

from .calendar import WorkdayCalendar

#: 政府信息公开条例 第26条: "属于主动公开范围的政府信息，应当自该政府信息形成或者变更之日起
#: 20个工作日内及时公开". This is the ground of the 20 working days of licence decisions and
#: random-inspection results (企业信息公示暂行条例 第7条 lists 许可 and 第14条 the 抽查, neither
#: with a period of its own; its 第6条 period covers only what the 工商 department itself
#: produces: 登记备案, 抵押, 出质, 行政处罚). Used by licensing decisions and inspection results.
PROACTIVE_DISCLOSURE_WORKDAYS = 20

#: *(practice)* The admin's lists of publication deadlines show an item as "due soon" when its
#: deadline is at most this many working days away. Used by penalty notices and inspection
#: results.
DUE_SOON_WORKDAYS = 5


def add_months(day: dt.date, months: int) -> dt.date:
    """Calendar months as 民法典 第202条 counts them: the corresponding day of the month
    ``months`` later, or that month's last day when it has none (31 January + 1 month = 28/29
    February). Used by penalty publicity and the periodic review of withheld information."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, month_calendar.monthrange(year, month)[1]))


def due_soon_until(today: dt.date | None = None, calendar: WorkdayCalendar | None = None):
    """The last due date that counts as due soon on ``today``: :data:`DUE_SOON_WORKDAYS`
    working days after it (``today`` not counted)."""
    calendar = calendar or WorkdayCalendar()
    return calendar.add_workdays(today or timezone.localdate(), DUE_SOON_WORKDAYS)


def deadline_status(due: dt.date, today: dt.date, soon_until: dt.date) -> str:
    """``"overdue"`` (``due`` has passed), ``"due_soon"`` (``due`` is at most ``soon_until``,
    see :func:`due_soon_until`) or ``"later"``."""
    if due < today:
        return "overdue"
    if due <= soon_until:
        return "due_soon"
    return "later"
