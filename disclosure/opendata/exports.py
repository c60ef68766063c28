"""Filters and exports of a :class:`~.registry.Dataset`: the query string, CSV and JSON."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.http import HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from disclosure import spreadsheets

from .registry import Dataset, as_text

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
PAGE_SIZE = 20
JSON_PAGE_SIZE = 100
JSON_MAX_PAGE_SIZE = 1000
#: A CSV export holds at most this many rows (a larger list is filtered first).
CSV_MAX_ROWS = 50_000
MAX_NAME_LENGTH = 100


@dataclass
class Filters:
    year: int | None = None
    kind: str = ""
    department: int | None = None
    name: str = ""

    def as_kwargs(self):
        return {
            "year": self.year,
            "kind": self.kind,
            "department": self.department,
            "name": self.name,
        }

    def query_string(self):
        """The filters as a query string prefix (``year=2026&``) for pagination and export links."""
        from urllib.parse import urlencode

        values = {key: value for key, value in self.as_kwargs().items() if value}
        return urlencode(values) + "&" if values else ""


def parse_filters(dataset: Dataset, params) -> tuple[Filters, list[str]]:
    """Filters from a query string; errors are Chinese messages naming the parameter."""
    filters, errors = Filters(), []
    year = (params.get("year") or "").strip()
    if year:
        if re.fullmatch(r"\d{4}", year):
            filters.year = int(year)
        else:
            errors.append(_("年份“%(value)s”应为四位数字，如 2026。") % {"value": year})
    kind = (params.get("kind") or "").strip()
    if kind:
        allowed = {str(code) for code, _label in dataset.kind_choices()}
        if kind in allowed:
            filters.kind = kind
        else:
            labels = "、".join(f"{code}（{label}）" for code, label in dataset.kind_choices())
            errors.append(
                _("类别“%(value)s”无法识别，可选值：%(allowed)s")
                % {"value": kind, "allowed": labels or _("无")}
            )
    department = (params.get("department") or "").strip()
    if department:
        if department.isdigit():
            filters.department = int(department)
        else:
            errors.append(_("科室参数“%(value)s”应为科室编号。") % {"value": department})
    name = (params.get("name") or "").strip()
    if len(name) > MAX_NAME_LENGTH:
        errors.append(_("名称过长（最多 %(max)s 个字符）。") % {"max": MAX_NAME_LENGTH})
    else:
        filters.name = name
    return filters, errors


def filtered(dataset: Dataset, filters: Filters):
    return dataset.filter(dataset.queryset(), **filters.as_kwargs())


def _filename(dataset: Dataset, extension: str) -> str:
    return f"{dataset.label}-{timezone.localdate():%Y%m%d}.{extension}"


def csv_response(dataset: Dataset, queryset) -> HttpResponse:
    """Every filtered record as CSV (UTF-8 with a byte-order mark, so that Excel opens it)."""
    response = HttpResponse(content_type=CSV_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, _filename(dataset, "csv"))
    response.write("\ufeff")
    writer = spreadsheets.writer(response)
    writer.writerow([column.label for column in dataset.columns])
    for obj in queryset[:CSV_MAX_ROWS]:
        writer.writerow([as_text(value) for value in dataset.row(obj)])
    return response


def json_error(message: str, code: str = "invalid_filter", status: int = 400) -> JsonResponse:
    return JsonResponse(
        {"error": {"code": code, "message": message}},
        status=status,
        json_dumps_params={"ensure_ascii": False},
    )


def json_response(dataset: Dataset, queryset, params) -> JsonResponse:
    """One page of filtered records: ``{"dataset", "title", "count", "page", "page_size",
    "results": [...]}``; ``page`` and ``page_size`` (≤ 1000) from the query string."""
    try:
        page = int(params.get("page") or 1)
        page_size = int(params.get("page_size") or JSON_PAGE_SIZE)
    except ValueError:
        return json_error(_("page 和 page_size 应为正整数。"))
    if page < 1 or not 1 <= page_size <= JSON_MAX_PAGE_SIZE:
        return json_error(
            _("page 应为正整数，page_size 应在 1 到 %(max)s 之间。") % {"max": JSON_MAX_PAGE_SIZE}
        )
    count = queryset.count()
    start = (page - 1) * page_size
    results = [dataset.record(obj) for obj in queryset[start : start + page_size]]
    return JsonResponse(
        {
            "dataset": dataset.name,
            "title": dataset.label,
            "count": count,
            "page": page,
            "page_size": page_size,
            "fields": {column.key: column.label for column in dataset.columns},
            "results": results,
        },
        json_dumps_params={"ensure_ascii": False},
    )
