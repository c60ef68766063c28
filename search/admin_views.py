from datetime import timedelta

from django.db.models import FloatField, Max, Sum
from django.db.models.functions import Cast
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse, reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.auth import permission_required
from wagtail.admin.menu import MenuItem
from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup

from disclosure import spreadsheets

from .models import QueryLog, Synonym


class SynonymAdmin(ModelAdmin):
    model = Synonym
    menu_label = _("同义词和口语词")
    menu_icon = "link"
    list_display = ("__str__", "kind", "note", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("terms", "note")


class QueryLogAdmin(ModelAdmin):
    """Searches people made; filter 结果数 = 0 for the zero-result report."""

    model = QueryLog
    menu_label = _("检索记录")
    menu_icon = "list-ul"
    list_display = ("query", "result_count", "relaxed", "source", "created_at")
    list_filter = ("relaxed", "source", "created_at")
    search_fields = ("query",)
    inspect_view_enabled = True


class SearchAdminGroup(ModelAdminGroup):
    menu_label = _("站内搜索")
    menu_icon = "search"
    menu_order = 400
    items = (SynonymAdmin, QueryLogAdmin)

    def get_submenu_items(self):
        items = super().get_submenu_items()
        items.append(
            QueryReportMenuItem(
                _("检索统计"),
                reverse_lazy("search_query_report"),
                name="search-query-report",
                icon_name="table",
                order=len(items) + 1,
            )
        )
        return items


# 检索统计: the top and the zero-result queries of a period, with CSV export.

REPORT_PERMISSION = "search.view_querylog"
REPORT_PERIODS = (7, 30, 90)
REPORT_DEFAULT_PERIOD = 30
REPORT_ROWS = 50
EXPORT_ROWS = 5000


def top_queries(since, limit=REPORT_ROWS):
    """The most frequent queries since ``since``: one grouped query."""
    rows = (
        QueryLog.objects.filter(last_seen__gte=since)
        .values("query")
        .annotate(
            n=Sum("searches"),
            average_results=Cast(Sum("results_total"), FloatField()) / Sum("searches"),
            seen=Max("last_seen"),
        )
        .order_by("-n", "-seen", "query")[:limit]
    )
    return [_renamed(row) for row in rows]


def _renamed(row):
    """A report row with the names the template and the export read."""
    row["searches"], row["last_seen"] = row.pop("n"), row.pop("seen")
    return row


def zero_result_queries(since, limit=REPORT_ROWS):
    """The queries that found nothing (even after relaxing) since ``since``: one grouped query."""
    rows = (
        QueryLog.objects.filter(last_seen__gte=since, results_total=0)
        .values("query")
        .annotate(n=Sum("searches"), seen=Max("last_seen"))
        .order_by("-n", "-seen", "query")[:limit]
    )
    return [_renamed(row) for row in rows]


def _period(request):
    value = request.GET.get("days", "")
    return int(value) if value.isdigit() and int(value) in REPORT_PERIODS else REPORT_DEFAULT_PERIOD


def _export_csv(kind, days, rows):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = f"search-{kind}-queries-{days}d-{timezone.localdate():%Y%m%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # a BOM, so that Excel reads the Chinese as UTF-8
    writer = spreadsheets.writer(response)  # queries are typed by the public
    if kind == "top":
        writer.writerow([_("检索词"), _("检索次数"), _("平均结果数"), _("最近检索时间")])
        for row in rows:
            writer.writerow(
                [
                    row["query"],
                    row["searches"],
                    f"{row['average_results']:.1f}",
                    timezone.localtime(row["last_seen"]).strftime("%Y-%m-%d %H:%M:%S"),
                ]
            )
    else:
        writer.writerow([_("检索词"), _("检索次数"), _("最近检索时间")])
        for row in rows:
            writer.writerow(
                [
                    row["query"],
                    row["searches"],
                    timezone.localtime(row["last_seen"]).strftime("%Y-%m-%d %H:%M:%S"),
                ]
            )
    return response


@permission_required(REPORT_PERMISSION)
def query_report_view(request):
    days = _period(request)
    since = timezone.now() - timedelta(days=days)
    export = request.GET.get("export")
    if export == "top":
        return _export_csv("top", days, top_queries(since, EXPORT_ROWS))
    if export == "zero":
        return _export_csv("zero", days, zero_result_queries(since, EXPORT_ROWS))
    base = reverse("search_query_report")
    return TemplateResponse(
        request,
        "search/admin/query_report.html",
        {
            "days": days,
            "periods": [
                {"days": d, "url": f"{base}?days={d}", "active": d == days} for d in REPORT_PERIODS
            ],
            "top": top_queries(since),
            "zero": zero_result_queries(since),
            "export_top_url": f"{base}?days={days}&export=top",
            "export_zero_url": f"{base}?days={days}&export=zero",
            "log_url": reverse("search_querylog_modeladmin_index"),
            "limit": REPORT_ROWS,
        },
    )


class QueryReportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(REPORT_PERMISSION)


def admin_urls():
    """URLs for the ``register_admin_urls`` hook."""
    return [path("search/report/", query_report_view, name="search_query_report")]
