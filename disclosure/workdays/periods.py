"""Periods counted in working days that more than one app uses, each defined once with the
article it comes from. A period that one app alone uses lives in that app's ``rules.py``
(总局令第45号's periods in ``disclosure/enforcement/rules.py``).
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from .calendar import WorkdayCalendar

#: 企业信息公示暂行条例 第6条第2款 (第7条 for other bodies): information formed in the
#: administration of enterprises — 行政许可准予、变更、延续, 行政处罚, 抽查检查结果 — is published
#: within 20 working days of being formed. Used by licensing decisions and inspection results.
ENTERPRISE_INFORMATION_WORKDAYS = 20

#: *(practice)* The admin's lists of publication deadlines show an item as "due soon" when its
#: deadline is at most this many working days away. Used by penalty notices and inspection
#: results.
DUE_SOON_WORKDAYS = 5


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
