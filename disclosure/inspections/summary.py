"""The periodic summary of sampling inspections (seed plan: "定期公布全市食品抽检总体情况"),
built from the sampling records: batches, pass rate, the main problems and the handling of
non-conforming products."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from .choices import DisposalStatus, SamplingVerdict

#: Separators between non-conforming items in one cell (outside brackets).
_SEPARATORS = set(";；、,，\n")
_OPENING, _CLOSING = set("（([【"), set("）)]】")
#: A measured value written after an item: "铅（以Pb计）：0.52mg/kg" → "铅（以Pb计）".
_VALUE = re.compile(r"\s*[:：]\s*.*$")
#: How many problems the summary names.
TOP_PROBLEMS = 5


def split_items(text: str) -> list[str]:
    """The non-conforming items of one cell, without their measured values, in order."""
    items = []
    for part in _split_outside_brackets(text or ""):
        name = _VALUE.sub("", part).strip()
        if name and name not in items:
            items.append(name)
    return items


def _split_outside_brackets(text: str) -> list[str]:
    """``text`` cut at the separators that are not inside brackets: "铝的残留量（干样品，以Al计）"
    is one item."""
    parts, current, depth = [], [], 0
    for char in text:
        if char in _OPENING:
            depth += 1
        elif char in _CLOSING:
            depth = max(depth - 1, 0)
        if char in _SEPARATORS and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts


def _percent(part: int, whole: int) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.01"), ROUND_HALF_UP)


@dataclass
class CategoryFigures:
    name: str
    batches: int = 0
    failed: int = 0

    @property
    def pass_rate(self):
        return _percent(self.batches - self.failed, self.batches)


@dataclass
class SamplingSummary:
    first: object = None
    last: object = None
    batches: int = 0
    passed: int = 0
    failed: int = 0
    #: (item, batches in which it failed), most frequent first.
    problems: list[tuple[str, int]] = field(default_factory=list)
    categories: list[CategoryFigures] = field(default_factory=list)
    disposal_done: int = 0
    disposal_in_progress: int = 0

    @property
    def pass_rate(self):
        """Share of conforming batches in per cent, two decimals (None without batches)."""
        return _percent(self.passed, self.batches)

    def text(self) -> str:
        """The summary as the paragraph a bureau publishes."""
        if not self.batches:
            return _("所选期间暂无抽检记录。")
        period = ""
        if self.first and self.last:
            period = _("%(first)s至%(last)s，") % {
                "first": self.first.strftime(_("%Y年%-m月%-d日")),
                "last": self.last.strftime(_("%Y年%-m月%-d日")),
            }
        text = _(
            "%(period)s本局共完成抽检 %(batches)s 批次，检验合格 %(passed)s 批次，"
            "不合格 %(failed)s 批次，合格率 %(rate)s%%。"
        ) % {
            "period": period,
            "batches": self.batches,
            "passed": self.passed,
            "failed": self.failed,
            "rate": self.pass_rate,
        }
        if self.problems:
            text += _("不合格项目主要为：%(problems)s。") % {
                "problems": "、".join(
                    _("%(name)s（%(count)s 批次）") % {"name": name, "count": count}
                    for name, count in self.problems
                )
            }
        if self.failed:
            text += _(
                "对抽检发现的不合格产品，已完成核查处置 %(done)s 批次，正在核查处置 %(doing)s 批次，"
                "依法采取下架、召回等措施控制风险，并对相关生产经营者依法查处。"
            ) % {"done": self.disposal_done, "doing": self.disposal_in_progress}
        return text


def summarise(queryset) -> SamplingSummary:
    """Figures of the sampling records in ``queryset`` (filter it to a period and kind first)."""
    summary = SamplingSummary()
    problems = Counter()
    categories: dict[str, CategoryFigures] = {}
    rows = queryset.values_list(
        "sampled_on", "verdict", "nonconforming_items", "disposal_status", "food_category"
    )
    for sampled_on, verdict, items, disposal, category in rows:
        summary.batches += 1
        summary.first = min(summary.first or sampled_on, sampled_on)
        summary.last = max(summary.last or sampled_on, sampled_on)
        figures = categories.setdefault(
            category or _("其他"), CategoryFigures(category or _("其他"))
        )
        figures.batches += 1
        if verdict == SamplingVerdict.FAIL:
            summary.failed += 1
            figures.failed += 1
            problems.update(split_items(items))
            if disposal == DisposalStatus.DONE:
                summary.disposal_done += 1
            else:
                summary.disposal_in_progress += 1
        else:
            summary.passed += 1
    summary.problems = sorted(problems.items(), key=lambda pair: (-pair[1], pair[0]))[:TOP_PROBLEMS]
    summary.categories = sorted(categories.values(), key=lambda c: (-c.batches, c.name))
    return summary
