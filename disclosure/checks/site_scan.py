"""The site-wide scan (issue #17 item 3): every published item — or, for the daily run from
cron, those first published since the previous run — through every registered check, the
findings stored with the item's column and responsible departments for the report (counts by
kind, department and column, the trend over runs) and its export for the office's
rectification report (整改报告). Ignored findings (:mod:`disclosure.checks.decisions`) are not
counted."""

from __future__ import annotations

import time
from collections import Counter

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from disclosure import spreadsheets
from disclosure.columns.models import ColumnPage, item_models
from disclosure.columns.timeliness_report import column_departments, departments_of
from disclosure.publishing.visibility import visible_pages

from . import decisions
from .models import ScanFinding, ScanRun
from .registry import get_check, run_checks

ALL = "all"
NEW = "new"


def items(since=None):
    """Every publicly visible item (first published after ``since`` when given)."""
    for model in item_models():
        queryset = visible_pages(model.objects.live())
        if since is not None:
            queryset = queryset.filter(first_published_at__gte=since)
        yield from queryset.order_by("pk").iterator(chunk_size=200)


def _columns():
    return [(c.path, c.title) for c in ColumnPage.objects.order_by("-depth")]


def _column_of(page, columns):
    for path, title in columns:
        if page.path.startswith(path) and page.path != path:
            return title
    return ""


def scan(scope=ALL, progress=None):
    """Run a scan; returns the saved :class:`ScanRun`. ``progress(n)`` is called per item."""
    since = None
    if scope == NEW:
        previous = ScanRun.objects.filter(finished_at__isnull=False).first()
        since = previous.started_at if previous else None
    started = time.perf_counter()
    run = ScanRun.objects.create(scope=scope)
    departments, columns = column_departments(), _columns()
    rows, count = [], 0
    for page in items(since):
        count += 1
        for finding in run_checks(page):
            check = get_check(finding.check)
            rows.append(
                ScanFinding(
                    run=run,
                    page_id=page.pk,
                    page_title=page.title[:255],
                    column=_column_of(page, columns)[:255],
                    departments="、".join(departments_of(page, departments))[:255],
                    check_name=finding.check,
                    check_label=str(check.label)[:100],
                    kind_label=str(finding.kind_label)[:100],
                    source_label=str(finding.source_label)[:100],
                    shown=decisions.shown(finding)[:255],
                    suggestion=str(getattr(finding, "suggestion", "") or "")[:255],
                    blocking=finding.blocking,
                )
            )
        if progress:
            progress(count)
    with transaction.atomic():
        ScanFinding.objects.bulk_create(rows, batch_size=500)
        run.items_scanned = count
        run.seconds = round(time.perf_counter() - started, 2)
        run.finished_at = timezone.now()
        run.save()
    return run


def summary(run):
    """Counts of one run: ``{"kind": Counter, "department": Counter, "column": Counter}``."""
    by_kind, by_department, by_column = Counter(), Counter(), Counter()
    for check_label, kind_label, department_names, column in run.findings.values_list(
        "check_label", "kind_label", "departments", "column"
    ):
        by_kind[f"{check_label}：{kind_label}"] += 1
        for name in department_names.split("、") if department_names else []:
            by_department[name] += 1
        by_column[column] += 1
    return {"kind": by_kind, "department": by_department, "column": by_column}


def trend(limit=12):
    """``[(run, findings count)]`` of the latest complete runs, oldest first."""
    runs = list(ScanRun.objects.filter(finished_at__isnull=False)[:limit])
    return [(run, run.findings.count()) for run in reversed(runs)]


CSV_FIELDS = [
    "page_title",
    "column",
    "departments",
    "check_label",
    "kind_label",
    "source_label",
    "shown",
    "suggestion",
    "blocking",
]


def write_csv(stream, run):
    """The findings of ``run`` as CSV for the rectification report (the one CSV writer)."""
    out = spreadsheets.writer(stream)
    out.writerow([str(ScanFinding._meta.get_field(name).verbose_name) for name in CSV_FIELDS])
    for finding in run.findings.all():
        row = [getattr(finding, name) for name in CSV_FIELDS]
        row[-1] = _("是") if finding.blocking else _("否")
        out.writerow(row)
