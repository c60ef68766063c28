"""Wagtail admin for the standard catalogue (wagtail-modeladmin) and its tools: import,
export and the coverage check. Registered in :mod:`disclosure.catalogue.wagtail_hooks`."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import RelatedOnlyFieldListFilter
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.auth import permission_required
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail_modeladmin.options import ModelAdmin

from disclosure.importing.forms import ImportFileField

from .coverage import coverage_report
from .io import (
    CSV_CONTENT_TYPE,
    HEADER,
    XLSX_CONTENT_TYPE,
    CatalogueFileError,
    export_csv,
    export_xlsx,
    import_rows,
    read_table,
)
from .models import CatalogueItem

#: Permission needed for every tool view (import, export, coverage).
TOOLS_PERMISSION = "catalogue.change_catalogueitem"


class CatalogueItemAdmin(ModelAdmin):
    model = CatalogueItem
    menu_label = gettext_lazy("标准目录")
    menu_icon = "list-ul"
    menu_order = 250
    list_display = ("number", "category", "item", "lead_department", "method", "column_count")
    list_filter = (
        "category",
        "method",
        "level",
        ("lead_department", RelatedOnlyFieldListFilter),
    )
    search_fields = (
        "category",
        "item",
        "content_elements",
        "legal_basis",
        "suggested_column",
        "lead_department__name",
    )
    ordering = ("number",)
    list_per_page = 100
    index_template_name = "catalogue/catalogueitem_index.html"
    panels = [
        MultiFieldPanel(
            [FieldPanel("number"), FieldPanel("category"), FieldPanel("item")],
            heading=gettext_lazy("公开事项"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("content_elements"),
                FieldPanel("legal_basis"),
                FieldPanel("time_limit"),
            ],
            heading=gettext_lazy("公开内容"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("lead_department"),
                FieldPanel("responsible_departments", widget=forms.CheckboxSelectMultiple),
            ],
            heading=gettext_lazy("公开主体"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("channels", widget=forms.CheckboxSelectMultiple),
                FieldPanel("audience"),
                FieldPanel("method"),
                FieldPanel("level"),
            ],
            heading=gettext_lazy("公开渠道、对象、方式和层级"),
        ),
        FieldPanel("suggested_column"),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("lead_department")
            .annotate(
                live_column_count=Count("columns", filter=Q(columns__live=True), distinct=True)
            )
        )

    @admin.display(description=gettext_lazy("栏目数"), ordering="live_column_count")
    def column_count(self, obj):
        """Live columns that link the item (the coverage check's rule)."""
        return obj.live_column_count


# --------------------------------------------------------------------------- tool views


def index_url():
    return reverse("catalogue_catalogueitem_modeladmin_index")


class ImportForm(forms.Form):
    file = ImportFileField(
        label=gettext_lazy("目录文件"),
        help_text=gettext_lazy(
            "基层政务公开标准目录格式的 .csv（UTF-8 或 GB18030 编码）或 .xlsx 文件，"
            "第一行为表头。按序号新增或更新；任一行有错误则不作任何改动。"
        ),
    )


@permission_required(TOOLS_PERMISSION)
def import_view(request):
    result = None
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                table = read_table(upload, upload.name)
            except CatalogueFileError as error:
                form.add_error("file", str(error))
            else:
                result = import_rows(
                    table,
                    user=request.user,
                    reason=_("导入：%(name)s") % {"name": upload.name},
                )
                if result.ok:
                    messages.success(request, result.summary())
                    for warning in result.warnings:
                        messages.info(request, warning)
                    return redirect(index_url())
    else:
        form = ImportForm()
    return TemplateResponse(
        request,
        "catalogue/import.html",
        {
            "form": form,
            "result": result,
            "header": HEADER,
            "index_url": index_url(),
        },
    )


def _export_filename(extension):
    return f"{_('标准目录')}-{timezone.localdate():%Y%m%d}.{extension}"


@permission_required(TOOLS_PERMISSION)
def export_csv_view(request):
    response = HttpResponse(content_type=CSV_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, _export_filename("csv"))
    export_csv(response)
    return response


@permission_required(TOOLS_PERMISSION)
def export_xlsx_view(request):
    response = HttpResponse(content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, _export_filename("xlsx"))
    export_xlsx(response)
    return response


@permission_required(TOOLS_PERMISSION)
def coverage_view(request):
    report = coverage_report()
    edit_url = "catalogue_catalogueitem_modeladmin_edit"
    uncovered = [
        {
            "item": item,
            "edit_url": reverse(edit_url, args=[item.pk]),
            "suggested_column": report.suggestions.get(item.pk),
        }
        for item in report.uncovered_items
    ]
    return TemplateResponse(
        request,
        "catalogue/coverage.html",
        {"report": report, "uncovered": uncovered, "index_url": index_url()},
    )


def admin_urls():
    """URLs for the ``register_admin_urls`` hook."""
    return [
        path("catalogue/import/", import_view, name="catalogue_import"),
        path("catalogue/export/csv/", export_csv_view, name="catalogue_export_csv"),
        path("catalogue/export/xlsx/", export_xlsx_view, name="catalogue_export_xlsx"),
        path("catalogue/coverage/", coverage_view, name="catalogue_coverage"),
    ]
