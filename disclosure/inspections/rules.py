"""Rules of inspection disclosure, each written once.

- 双随机、一公开: the random-inspection item list (依据, 主体, 内容, 方式), the inspected-object
  directory and the results are published; results within **20 working days** of being formed
  (政府信息公开条例 第26条; 企业信息公示暂行条例 第14条 requires the results to be published
  but sets no period), on the working-day calendar.
- 抽检: a non-conforming result names the non-conforming items and is followed by handling
  (核查处置, 食品安全抽样检验管理办法 第39条); a conforming one has none. The seed plan asks for
  a periodic summary of the city's food sampling ("定期公布全市食品抽检总体情况"), built by
  :mod:`.summary` from the records.
"""

from __future__ import annotations

import datetime as dt

from disclosure.workdays.calendar import WorkdayCalendar
from disclosure.workdays.periods import PROACTIVE_DISCLOSURE_WORKDAYS


def result_due_on(inspected_on: dt.date, calendar: WorkdayCalendar | None = None) -> dt.date:
    """The last day to publish the result of an inspection finished on ``inspected_on``
    (that day not counted; 政府信息公开条例 第26条)."""
    return (calendar or WorkdayCalendar()).add_workdays(inspected_on, PROACTIVE_DISCLOSURE_WORKDAYS)
