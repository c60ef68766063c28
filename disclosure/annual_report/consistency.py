"""The 勾稽 checks of the annual report (国办公开办函〔2021〕30号, the notes under tables 三 and 四),
run on the figures as they will be published (computed, then overridden by the office):

1. table 三, every column: 一、本年新收 + 二、上年结转 = （七）总计 + 四、结转下年度继续办理;
2. table 三, every row: 总计 = the sum of the six requester columns;
3. table 三, every column: （七）总计 = the sum of the outcome rows （一）–（六）;
4. table 四: each 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结;
5. across years: last year's published 四、结转下年度继续办理 = this year's 二、上年结转, per column;
6. no figure is negative.

Each failed check is one message in Chinese naming the cells and both sides."""

from __future__ import annotations

from django.utils.translation import gettext as _

from disclosure.applications import statistics
from disclosure.applications.choices import RemedyKind, RequesterType

from . import figures as f

ROW_LABELS = dict(statistics.ROW_LABELS)


def _column_label(column):
    return _("总计") if column == f.TOTAL else str(RequesterType(column).label)


def errors(values, previous=None):
    """The failed checks of ``values`` (a figures mapping); ``previous`` is last year's
    published figures, or ``None`` when there is no report for last year."""
    problems = []
    for column in f.THREE_COLUMNS:
        left = values[f.t3("new", column)] + values[f.t3("carried_in", column)]
        right = values[f.t3("total", column)] + values[f.t3("carried_out", column)]
        if left != right:
            problems.append(
                _("表三“%(column)s”列：一加二（%(left)s）不等于（七）总计加四（%(right)s）。")
                % {"column": _column_label(column), "left": left, "right": right}
            )
        outcomes = sum(values[f.t3(row, column)] for row in f.OUTCOME_ROWS)
        if outcomes != values[f.t3("total", column)]:
            problems.append(
                _("表三“%(column)s”列：（七）总计（%(total)s）不等于各项办理结果之和（%(sum)s）。")
                % {
                    "column": _column_label(column),
                    "total": values[f.t3("total", column)],
                    "sum": outcomes,
                }
            )
    for row in f.THREE_ROWS:
        parts = sum(values[f.t3(row, column)] for column in RequesterType.values)
        if parts != values[f.t3(row, f.TOTAL)]:
            problems.append(
                _("表三“%(row)s”行：总计（%(total)s）不等于六类申请人之和（%(sum)s）。")
                % {
                    "row": ROW_LABELS[row],
                    "total": values[f.t3(row, f.TOTAL)],
                    "sum": parts,
                }
            )
    for kind in f.FOUR_KINDS:
        parts = sum(values[f.t4(kind, result)] for result in f.FOUR_PARTS)
        if parts != values[f.t4(kind, f.TOTAL)]:
            problems.append(
                _(
                    "表四“%(kind)s”：总计（%(total)s）不等于结果维持、结果纠正、其他结果、尚未审结之和（%(sum)s）。"
                )
                % {
                    "kind": RemedyKind(kind).label,
                    "total": values[f.t4(kind, f.TOTAL)],
                    "sum": parts,
                }
            )
    if previous:
        for column in f.THREE_COLUMNS:
            before = previous.get(f.t3("carried_out", column))
            now = values[f.t3("carried_in", column)]
            if before is not None and before != now:
                problems.append(
                    _(
                        "表三“%(column)s”列：上年报告的结转下年度继续办理（%(before)s）不等于本年的上年结转（%(now)s）。"
                    )
                    % {"column": _column_label(column), "before": before, "now": now}
                )
    negative = [key for key, value in values.items() if value < 0]
    if negative:
        problems.append(
            _("以下数据不能为负数：%(cells)s。")
            % {"cells": "；".join(f.cell_label(k) for k in negative)}
        )
    return problems
