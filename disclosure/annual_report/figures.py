"""The figures of the annual report's tables 二, 三 and 四 (国办公开办函〔2021〕30号; 条例 第50条),
computed from the records, as one flat mapping ``{cell key: number}`` that the page stores in
each revision, the office may override cell by cell with a reason, the 勾稽 checks read
(:mod:`.consistency`) and the layouts print (:mod:`.layout`).

Cell keys:

- ``t2.<row>.<column>``: rows ``rule`` (规章) and ``normative`` (行政规范性文件) with the columns
  ``issued`` (本年制发件数), ``repealed`` (本年废止件数) and ``in_force`` (现行有效件数); rows
  ``licence``, ``penalty`` and ``coercive`` with ``decisions`` (本年处理决定数量); row ``fees`` with
  ``amount`` (本年收费金额, 万元, four decimals).
- ``t3.<row>.<column>``: the rows of :data:`disclosure.applications.statistics.ROW_LABELS`
  (``new``, ``carried_in``, each outcome, ``total``, ``carried_out``) by requester type and
  ``total`` (总计).
- ``t4.<kind>.<result>``: 行政复议 and the two kinds of 行政诉讼 by ``maintained``, ``corrected``,
  ``other``, ``pending`` (尚未审结) and ``total``.

What is counted (the bureau's own information only, never the reference laws of other bodies):

- 第二十条第（一）项: documents of the normative-document database with ``issued_here``, once
  published; 规章 when their 法规类别 says 规章, otherwise 行政规范性文件. 制发 = 公布日期 (or 成文日期)
  in the year; 废止 = a recorded change of 有效性 to 废止 or 失效 in the year; 现行有效 = 有效 on 31
  December (read back through the recorded changes of 有效性).
- 第（五）（六）项: every decision of the year by its decision date — licence decisions
  (:class:`~disclosure.licensing.models.LicenceDecision`), penalty notices whether published or
  not (a withdrawn notice's decision was still made), and the decisions registered here
  (:class:`~.records.DecisionRecord`); a number registered twice counts once.
- 第（八）项: the 行政事业性收费 registered here (:class:`~.records.FeeRecord`), in 万元.
- Tables 三 and 四: :mod:`disclosure.applications.statistics`.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from disclosure.applications import statistics
from disclosure.applications.choices import Outcome, RemedyKind, RequesterType
from disclosure.enforcement.models import PenaltyNoticePage
from disclosure.licensing.models import LicenceDecision
from disclosure.normative.models import NormativeDocumentPage, ValidityChange
from disclosure.publishing.choices import Validity

from .choices import DecisionKind
from .records import DecisionRecord, FeeRecord

TOTAL = "total"

#: Table 二: (row, label, [(column, label)]), in the format's order.
DOCUMENT_COLUMNS = [
    ("issued", _("本年制发件数")),
    ("repealed", _("本年废止件数")),
    ("in_force", _("现行有效件数")),
]
DECISION_COLUMNS = [("decisions", _("本年处理决定数量"))]
FEE_COLUMNS = [("amount", _("本年收费金额（单位：万元）"))]
TABLE_TWO = [
    (
        _("第二十条第（一）项"),
        [("rule", _("规章")), ("normative", _("行政规范性文件"))],
        DOCUMENT_COLUMNS,
    ),
    (_("第二十条第（五）项"), [("licence", _("行政许可"))], DECISION_COLUMNS),
    (
        _("第二十条第（六）项"),
        [("penalty", _("行政处罚")), ("coercive", _("行政强制"))],
        DECISION_COLUMNS,
    ),
    (_("第二十条第（八）项"), [("fees", _("行政事业性收费"))], FEE_COLUMNS),
]

#: Table 三's rows (codes) in the format's order, and its columns.
THREE_ROWS = [row for row, _label in statistics.ROW_LABELS]
THREE_COLUMNS = [*RequesterType.values, TOTAL]
OUTCOME_ROWS = list(Outcome.values)

#: Table 四's kinds and results.
FOUR_KINDS = list(RemedyKind.values)
FOUR_PARTS = ["maintained", "corrected", "other", statistics.PENDING]
FOUR_RESULTS = [*FOUR_PARTS, TOTAL]

ENDED = (Validity.REPEALED, Validity.EXPIRED)
TEN_THOUSAND = Decimal(10000)
FEE_PLACES = Decimal("0.0001")


def t2(row, column):
    return f"t2.{row}.{column}"


def t3(row, column):
    return f"t3.{row}.{column}"


def t4(kind, result):
    return f"t4.{kind}.{result}"


def cell_keys():
    """Every cell key, in the tables' order."""
    keys = []
    for _item, rows, columns in TABLE_TWO:
        keys += [t2(row, column) for row, _label in rows for column, _l in columns]
    keys += [t3(row, column) for row in THREE_ROWS for column in THREE_COLUMNS]
    keys += [t4(kind, result) for kind in FOUR_KINDS for result in FOUR_RESULTS]
    return keys


def cell_label(key):
    """A cell key in words, as the office picks a figure to override."""
    table, row, column = key.split(".")
    if table == "t2":
        for _item, rows, columns in TABLE_TWO:
            for code, label in rows:
                for col, col_label in columns:
                    if (code, col) == (row, column):
                        return f"{_('表二')} {label} · {col_label}"
    if table == "t3":
        row_label = dict(statistics.ROW_LABELS)[row]
        column_label = _("总计") if column == TOTAL else RequesterType(column).label
        return f"{_('表三')} {row_label} · {column_label}"
    kind_label = RemedyKind(row).label
    result_label = _("总计") if column == TOTAL else statistics.result_label(column)
    return f"{_('表四')} {kind_label} · {result_label}"


def cell_choices():
    return [(key, cell_label(key)) for key in cell_keys()]


# --- table 二 ---------------------------------------------------------------------------------


def _own_documents():
    return NormativeDocumentPage.objects.filter(issued_here=True, first_published_at__isnull=False)


def _is_rule(legal_category):
    return "规章" in (legal_category or "")


def _validity_on(document, day, changes):
    """The document's 有效性 at the end of ``day``, from the recorded changes (oldest first)."""
    before = [c for c in changes if c.changed_at.date() <= day]
    if before:
        return before[-1].new_validity
    after = [c for c in changes if c.changed_at.date() > day]
    return after[0].old_validity if after else document.validity


def document_figures(year):
    """第二十条第（一）项: ``{(row, column): count}``."""
    start, end = statistics.year_bounds(year)
    counts = {(row, col): 0 for row in ("rule", "normative") for col, _l in DOCUMENT_COLUMNS}
    documents = list(_own_documents())
    changes = {}
    for change in ValidityChange.objects.filter(document__in=documents).order_by("changed_at"):
        changes.setdefault(change.document_id, []).append(change)
    for document in documents:
        row = "rule" if _is_rule(document.legal_category) else "normative"
        made_on = document.promulgated_on or document.written_on
        if made_on is None:
            made_on = document.first_published_at.date()
        own_changes = changes.get(document.pk, [])
        if start <= made_on <= end:
            counts[(row, "issued")] += 1
        if any(
            c.new_validity in ENDED and start <= c.changed_at.date() <= end for c in own_changes
        ):
            counts[(row, "repealed")] += 1
        if made_on <= end and _validity_on(document, end, own_changes) == Validity.IN_FORCE:
            counts[(row, "in_force")] += 1
    return counts


def decision_numbers(kind, start, end):
    """The distinct decision numbers of ``kind`` decided in the period (see the module)."""
    numbers = set(
        DecisionRecord.objects.filter(kind=kind, decided_on__range=(start, end)).values_list(
            "decision_number", flat=True
        )
    )
    if kind == DecisionKind.LICENCE:
        numbers |= set(
            LicenceDecision.objects.filter(decided_on__range=(start, end)).values_list(
                "decision_number", flat=True
            )
        )
    if kind == DecisionKind.PENALTY:
        notices = PenaltyNoticePage.objects.filter(decided_on__range=(start, end))
        numbers |= {
            number or f"#{pk}" for pk, number in notices.values_list("pk", "document_number")
        }
    return numbers


def fee_amount(start, end):
    """行政事业性收费 of the period in 万元, four decimals."""
    total = FeeRecord.objects.filter(collected_on__range=(start, end)).aggregate(s=Sum("amount"))
    return ((total["s"] or Decimal(0)) / TEN_THOUSAND).quantize(FEE_PLACES, ROUND_HALF_UP)


# --- all tables -------------------------------------------------------------------------------


def compute(year):
    """Every figure of ``year``'s report from the records: ``{cell key: int or Decimal}``."""
    start, end = statistics.year_bounds(year)
    figures = {t2(row, col): n for (row, col), n in document_figures(year).items()}
    for kind in DecisionKind.values:
        figures[t2(kind, "decisions")] = len(decision_numbers(kind, start, end))
    figures[t2("fees", "amount")] = fee_amount(start, end)
    three = statistics.table_three(start, end)
    for row in THREE_ROWS:
        for column in RequesterType.values:
            figures[t3(row, column)] = three.cell(row, column)
        figures[t3(row, TOTAL)] = three.cell(row)
    four = statistics.table_four(start, end)
    for kind in FOUR_KINDS:
        for result in FOUR_PARTS:
            figures[t4(kind, result)] = four.cell(kind, result)
        figures[t4(kind, TOTAL)] = four.total(kind)
    return figures


def apply_overrides(figures, overrides):
    """``figures`` with each override's value in its cell: ``overrides`` are ``(key, value)``."""
    result = dict(figures)
    for key, value in overrides:
        if key in result and value is not None:
            result[key] = Decimal(value) if key == t2("fees", "amount") else int(value)
    return result


def to_json(figures):
    """The figures as JSON-safe values (the fee amount as a string, exact)."""
    return {
        key: str(value) if isinstance(value, Decimal) else value for key, value in figures.items()
    }


def from_json(data):
    """Back from :func:`to_json`: integers, and the fee amount as a Decimal."""
    result = {}
    for key, value in (data or {}).items():
        result[key] = Decimal(value) if key == t2("fees", "amount") else int(value)
    return result


def today_year(today=None):
    """The year a report is due for today: the previous one (条例 第49条: by 31 January)."""
    return (today or timezone.localdate()).year - 1
