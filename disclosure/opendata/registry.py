"""The machine-readable public lists (开放数据): one :class:`Dataset` per kind of record.

Each app registers its datasets in its ``AppConfig.ready``; a :class:`~.models.DatasetPage`
on the portal shows one of them as a filterable table with CSV and JSON export. The same
definition drives the HTML table, the CSV columns and the JSON keys, so the three never
disagree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Model, Q, QuerySet
from django.utils.translation import gettext, gettext_lazy


@dataclass(frozen=True)
class Column:
    """One column of a public list: ``key`` in JSON, ``label`` (Chinese) as table and CSV
    header, ``value`` an attribute path (``department.name``) or a callable of the record."""

    key: str
    label: str
    value: str | Callable[[Model], object] | None = None
    #: Shown in the portal's table (every column is always in CSV, JSON and the detail view).
    in_table: bool = True

    def get(self, obj):
        if callable(self.value):
            return self.value(obj)
        path = self.value or self.key
        value = obj
        for part in path.split("."):
            if value is None:
                return None
            display = getattr(value, f"get_{part}_display", None)
            value = display() if display is not None else getattr(value, part)
        return value


def as_text(value) -> str:
    """A cell as text (CSV, HTML): dates ISO, empty for None, lists joined by ``；``."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return gettext("是") if value else gettext("否")
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return "；".join(as_text(item) for item in value)
    return str(value)


def as_json(value):
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [as_json(item) for item in value]
    return str(value)


@dataclass
class Dataset:
    """A public list. ``queryset`` returns the public records (never drafts or withdrawn
    records); the filters name model fields (``None`` = no such filter)."""

    name: str
    label: str
    queryset: Callable[[], QuerySet]
    columns: list[Column]
    #: Date field the 年份 filter applies to.
    date_field: str | None = None
    #: Choice field the 类别 filter applies to.
    kind_field: str | None = None
    #: Or named conditions for the 类别 filter: ``{code: (label, Q)}`` (e.g. 在列 / 已移出).
    kind_filters: dict[str, tuple[str, Q]] | None = None
    #: ForeignKey to ``departments.Department`` the 科室 filter applies to.
    department_field: str | None = "department"
    #: Fields searched (icontains) by the 名称 filter: party names, product names.
    name_fields: tuple[str, ...] = ()
    name_label: str = gettext_lazy("名称")
    #: Optional: a callable(queryset) -> dict shown at ``summary/`` (e.g. the sampling summary).
    summary: Callable[[QuerySet], object] | None = None
    summary_template: str = ""
    description: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def model(self):
        return self.queryset().model

    def kind_choices(self):
        if self.kind_filters:
            return [(code, label) for code, (label, _q) in self.kind_filters.items()]
        if not self.kind_field:
            return []
        return list(self.model._meta.get_field(self.kind_field).choices or [])

    def table_columns(self):
        return [column for column in self.columns if column.in_table]

    def row(self, obj, columns=None):
        return [column.get(obj) for column in columns or self.columns]

    def record(self, obj) -> dict:
        """A record as JSON: ``id`` and one key per column."""
        data = {"id": obj.pk}
        for column in self.columns:
            data[column.key] = as_json(column.get(obj))
        return data

    def filter(self, queryset, *, year=None, kind=None, department=None, name=None):
        if year and self.date_field:
            queryset = queryset.filter(**{f"{self.date_field}__year": year})
        if kind and self.kind_filters and kind in self.kind_filters:
            queryset = queryset.filter(self.kind_filters[kind][1])
        elif kind and self.kind_field:
            queryset = queryset.filter(**{self.kind_field: kind})
        if department and self.department_field:
            queryset = queryset.filter(**{f"{self.department_field}_id": department})
        if name and self.name_fields:
            condition = Q()
            for field_name in self.name_fields:
                condition |= Q(**{f"{field_name}__icontains": name})
            queryset = queryset.filter(condition)
        return queryset

    def years(self):
        if not self.date_field:
            return []
        dates = self.queryset().dates(self.date_field, "year", order="DESC")
        return [value.year for value in dates]


_registry: dict[str, Dataset] = {}


def register(dataset: Dataset) -> Dataset:
    _registry[dataset.name] = dataset
    return dataset


def get(name: str) -> Dataset | None:
    return _registry.get(name)


def all_datasets() -> list[Dataset]:
    return list(_registry.values())


def dataset_choices():
    """Choices for :attr:`DatasetPage.dataset` (a callable, so migrations do not churn)."""
    return [(dataset.name, dataset.label) for dataset in _registry.values()]
