"""Statistics of information requests for a period, exactly the inputs of the annual report's
tables 三 and 四 (国办公开办函〔2021〕30号; 条例 第50条), computed from the records.

Table 三, per requester type (its columns) and in total:

- 一、本年新收: requests received in the period (the received date of 第31条; an online request
  not yet confirmed is not received).
- 二、上年结转: received before the period and not concluded before it starts.
- 三、本年度办理结果: requests concluded in the period (the reply sent after its review, or the
  request ended: 视为放弃, fee unpaid), one row per outcome; （七）总计 their sum.
- 四、结转下年度继续办理: received by the end of the period and not concluded by then.

So 一 + 二 = （七）总计 + 四 in every column (the 勾稽 check of the format), which
:func:`check` verifies.

Table 四 counts each 行政复议 and 行政诉讼 active in the period — accepted by its end and not
concluded before its start — by its result at the end of the period; one without a result by
then is 尚未审结.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .choices import CONCLUDED_STATUSES, Outcome, RemedyKind, RemedyResult, RequesterType
from .models import InformationRequest, Remedy

COLUMNS = list(RequesterType)
PENDING = "pending"


@dataclass
class TableThree:
    """Counts by row and requester type: ``rows[row][type]``; rows are ``new``, ``carried_in``,
    every outcome value, ``total`` and ``carried_out``."""

    rows: dict = field(default_factory=dict)

    def cell(self, row, column=None):
        counts = self.rows.get(row, Counter())
        if column is None:
            return sum(counts.values())
        return counts.get(column, 0)


@dataclass
class TableFour:
    """``counts[kind][result]`` with ``pending`` for 尚未审结; totals by :meth:`total`."""

    counts: dict = field(default_factory=dict)

    def cell(self, kind, result):
        return self.counts.get(kind, Counter()).get(result, 0)

    def total(self, kind):
        return sum(self.counts.get(kind, Counter()).values())


def year_bounds(year):
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def _concluded_by(day):
    """Concluded on or before ``day``."""
    return Q(status__in=CONCLUDED_STATUSES, replied_on__lte=day)


def requests(start, end, department=None):
    """The requests counted in the period: received by its end and not concluded before it."""
    queryset = InformationRequest.objects.filter(received_on__lte=end).exclude(
        _concluded_by(start - dt.timedelta(days=1))
    )
    if department is not None:
        queryset = queryset.filter(department=department)
    return queryset


def table_three(start, end, department=None):
    """Table 三 for the period ``start``–``end`` (both included)."""
    rows = {name: Counter() for name in ("new", "carried_in", "total", "carried_out")}
    for value in Outcome.values:
        rows[value] = Counter()
    fields = ("requester_type", "received_on", "status", "replied_on", "outcome")
    for requester_type, received_on, status, replied_on, outcome in requests(
        start, end, department
    ).values_list(*fields):
        if received_on >= start:
            rows["new"][requester_type] += 1
        else:
            rows["carried_in"][requester_type] += 1
        concluded = status in CONCLUDED_STATUSES and replied_on is not None and replied_on <= end
        if concluded:
            rows[outcome][requester_type] += 1
            rows["total"][requester_type] += 1
        else:
            rows["carried_out"][requester_type] += 1
    return TableThree(rows)


def table_four(start, end, department=None):
    """Table 四 for the period."""
    remedies = Remedy.objects.filter(filed_on__lte=end).exclude(concluded_on__lt=start)
    if department is not None:
        remedies = remedies.filter(information_request__department=department)
    counts = {kind: Counter() for kind in RemedyKind.values}
    for kind, result, concluded_on in remedies.values_list("kind", "result", "concluded_on"):
        done = result and concluded_on is not None and concluded_on <= end
        counts[kind][result if done else PENDING] += 1
    return TableFour(counts)


def check(three):
    """The 勾稽 checks of table 三, as Chinese messages (empty when they hold)."""
    problems = []
    for column in [*COLUMNS, None]:
        left = three.cell("new", column) + three.cell("carried_in", column)
        right = three.cell("total", column) + three.cell("carried_out", column)
        if left != right:
            label = RequesterType(column).label if column else _("总计")
            problems.append(
                _("%(column)s：一+二（%(left)s）≠（七）总计+四（%(right)s）")
                % {"column": label, "left": left, "right": right}
            )
    outcomes = sum(three.cell(value) for value in Outcome.values)
    if outcomes != three.cell("total"):
        problems.append(_("（七）总计不等于各办理结果之和。"))
    return problems


ROW_LABELS = [
    ("new", gettext_lazy("一、本年新收政府信息公开申请数量")),
    ("carried_in", gettext_lazy("二、上年结转政府信息公开申请数量")),
    *[(value, label) for value, label in Outcome.choices],
    ("total", gettext_lazy("（七）总计")),
    ("carried_out", gettext_lazy("四、结转下年度继续办理")),
]
RESULT_COLUMNS = [*RemedyResult.values, PENDING]


def result_label(result):
    return _("尚未审结") if result == PENDING else RemedyResult(result).label


def table_three_rows(three):
    """``[(label, [count per requester type…], total)]`` for display and export."""
    return [
        (str(label), [three.cell(row, column) for column in COLUMNS], three.cell(row))
        for row, label in ROW_LABELS
    ]


def table_four_rows(four):
    """``[(kind label, [count per result…, 尚未审结], total)]``."""
    return [
        (str(label), [four.cell(kind, result) for result in RESULT_COLUMNS], four.total(kind))
        for kind, label in RemedyKind.choices
    ]
