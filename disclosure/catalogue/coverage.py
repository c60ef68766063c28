"""Coverage of the standard catalogue by the site's columns.

The seed plan requires that every item of the standard catalogue (基层政务公开标准目录) has a
column on the site to publish it in. This module finds the items that no live column links
(:attr:`ColumnPage.catalogue_items`) and, the other way round, the live columns that link no
item, leaving out columns that only group sub-columns. Only the first breaks the rule; the
second is a hint (a news column such as 工作动态 legitimately has no item).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from disclosure.columns.models import ColumnPage

from .models import CatalogueItem


@dataclass
class CoverageReport:
    uncovered_items: list[CatalogueItem]
    empty_columns: list[ColumnPage]
    item_count: int
    column_count: int
    #: For an uncovered item whose 建议栏目 names an existing live column: that column, by
    #: item pk, so the user knows which column to link it to.
    suggestions: dict[int, ColumnPage] = field(default_factory=dict)

    @property
    def covered_item_count(self) -> int:
        return self.item_count - len(self.uncovered_items)

    @property
    def complete(self) -> bool:
        """Every catalogue item has a live column (the seed plan's rule)."""
        return not self.uncovered_items


def live_columns():
    return ColumnPage.objects.live()


def coverage_report() -> CoverageReport:
    """Items that no live column links, and live columns that link no item."""
    columns = live_columns()
    links = ColumnPage.catalogue_items.through.objects.filter(columnpage__in=columns)
    covered_ids = set(links.values_list("catalogueitem_id", flat=True))
    linking_column_ids = set(links.values_list("columnpage_id", flat=True))

    items = list(CatalogueItem.objects.select_related("lead_department").order_by("number"))
    uncovered = [item for item in items if item.pk not in covered_ids]
    all_columns = list(columns.order_by("path"))
    # A column that only groups sub-columns is not expected to carry items itself.
    step = ColumnPage.steplen
    container_paths = {column.path[:-step] for column in all_columns}
    empty = [
        column
        for column in all_columns
        if column.pk not in linking_column_ids and column.path not in container_paths
    ]

    by_title = {}
    for column in all_columns:
        by_title.setdefault(column.title.strip(), column)
    suggestions = {
        item.pk: by_title[item.suggested_column.strip()]
        for item in uncovered
        if item.suggested_column.strip() in by_title
    }
    return CoverageReport(
        uncovered_items=uncovered,
        empty_columns=empty,
        item_count=len(items),
        column_count=len(all_columns),
        suggestions=suggestions,
    )
