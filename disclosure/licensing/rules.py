"""The rules of licensing disclosure, each written once.

- Service guide (服务指南): 行政许可法 第30条 requires the licensing body to publish the items,
  their basis, conditions, quantity, procedure, time limit, the list of materials and a model
  application form; the government-website inspection rules (国办秘函〔2019〕19号, 服务实用:
  办事指南要素) mark a site down whose guides lack 事项名称, 设定依据, 申请条件, 申请材料,
  办理流程, 办理时限, 收费依据及标准, 办理地点和时间 or 咨询和投诉电话. Only items that are still
  handled here (保留) need a complete guide.
- Publication deadline of a licence decision: 准予、变更、延续 of a licence (企业信息公示暂行条例
  第7条 lists them, without a period) are published within 20 working days of the decision
  (政府信息公开条例 第26条), on the working-day calendar.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from disclosure.workdays.calendar import WorkdayCalendar
from disclosure.workdays.periods import PROACTIVE_DISCLOSURE_WORKDAYS

from .choices import DecisionKind, ItemStatus

#: The elements of a service guide, as (field, label), in the order guides print them.
GUIDE_ELEMENTS = [
    ("name", _("事项名称")),
    ("legal_basis", _("设定依据")),
    ("conditions", _("申请条件")),
    ("materials", _("申请材料")),
    ("procedure", _("办理流程")),
    ("time_limit", _("办理时限")),
    ("fees", _("收费依据及标准")),
    ("place_and_hours", _("办理地点和时间")),
    ("consultation_phone", _("咨询电话")),
    ("complaint_phone", _("投诉电话")),
]

#: Decisions that grant a licence carry its validity period.
GRANTING_KINDS = {DecisionKind.GRANT, DecisionKind.CHANGE, DecisionKind.RENEW}


def needs_guide(item) -> bool:
    """Only an item still handled by this body (保留) must have a complete service guide."""
    return item.status == ItemStatus.RETAINED


def missing_guide_elements(item) -> list[str]:
    """Labels of the guide elements ``item`` leaves blank (empty when it needs no guide)."""
    if not needs_guide(item):
        return []
    return [
        str(label) for name, label in GUIDE_ELEMENTS if not str(getattr(item, name) or "").strip()
    ]


def incomplete_guide_q() -> Q:
    """Items that need a guide and miss at least one element, as a queryset filter."""
    blank = Q()
    for name, _label in GUIDE_ELEMENTS:
        blank |= Q(**{name: ""})
    return Q(status=ItemStatus.RETAINED) & blank


def publication_due_on(decided_on: dt.date, calendar: WorkdayCalendar | None = None) -> dt.date:
    """The last day to publish a licence decision: 20 working days after the decision
    (the decision day not counted; 政府信息公开条例 第26条)."""
    return (calendar or WorkdayCalendar()).add_workdays(decided_on, PROACTIVE_DISCLOSURE_WORKDAYS)
