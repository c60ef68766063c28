"""Admin for random inspections and sampling results, the sampling import and the overdue
list; registered in :mod:`.wagtail_hooks`."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_filters import ChoiceFilter
from wagtail.admin.auth import permission_required
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.viewsets.base import ViewSetGroup

from disclosure.departments.models import Department
from disclosure.importing.forms import ImportFileField
from disclosure.opendata.viewsets import RecordViewSet, manages_all_lists, user_departments
from disclosure.workdays import periods
from disclosure.workdays.calendar import WorkdayCalendar

from . import io, rules
from .models import InspectedObject, InspectionItem, InspectionTask, SamplingResult
from .summary import summarise


class InspectionItemViewSet(RecordViewSet):
    model = InspectionItem
    icon = "list-ul"
    menu_label = gettext_lazy("随机抽查事项清单")
    list_display = ["code", "name", "department", "method", "is_active"]
    list_filter = ["department", "is_active"]
    search_fields = ["code", "name", "basis", "content"]
    list_export = ["code", "name", "object_scope", "basis", "department", "content", "method"]
    export_filename = "inspection-items"
    exclude_form_fields = []


class InspectionTaskViewSet(RecordViewSet):
    model = InspectionTask
    icon = "calendar"
    menu_label = gettext_lazy("抽查任务")
    list_display = ["name", "department", "drawn_on", "starts_on", "ends_on"]
    list_filter = ["department"]
    search_fields = ["name"]
    list_export = ["name", "department", "drawn_on", "starts_on", "ends_on"]
    export_filename = "inspection-tasks"
    exclude_form_fields = []


class InspectedObjectFilterSet(WagtailFilterSet):
    result = ChoiceFilter(
        label=gettext_lazy("结果公示"),
        choices=[
            ("pending", gettext_lazy("未检查")),
            ("unpublished", gettext_lazy("已检查未公示")),
            ("published", gettext_lazy("已公示")),
        ],
        method="filter_result",
    )

    class Meta:
        model = InspectedObject
        fields = ["task", "outcome"]

    def filter_result(self, queryset, name, value):
        if value == "pending":
            return queryset.filter(inspected_on__isnull=True)
        if value == "unpublished":
            return queryset.filter(inspected_on__isnull=False, result_published_on__isnull=True)
        return queryset.filter(result_published_on__isnull=False)


class InspectedObjectViewSet(RecordViewSet):
    model = InspectedObject
    department_path = "task__department"
    icon = "group"
    menu_label = gettext_lazy("检查对象和结果")
    list_display = ["party_name", "credit_code", "task", "inspected_on", "outcome"]
    filterset_class = InspectedObjectFilterSet
    search_fields = ["party_name", "credit_code"]
    list_export = [
        "party_name",
        "credit_code",
        "task",
        "inspected_on",
        "outcome",
        "result_published_on",
    ]
    export_filename = "inspected-objects"
    exclude_form_fields = []


class SamplingResultViewSet(RecordViewSet):
    model = SamplingResult
    icon = "doc-full-inverse"
    menu_label = gettext_lazy("抽检结果")
    list_display = ["product_name", "batch", "inspected_unit_name", "sampled_on", "verdict"]
    list_filter = ["kind", "verdict", "disposal_status", "department"]
    search_fields = ["report_number", "product_name", "producer_name", "inspected_unit_name"]
    list_export = list(io.COLUMNS.values())
    export_filename = "sampling-results"
    exclude_form_fields = []
    index_template_name = "inspections/samplingresult_index.html"


class InspectionsViewSetGroup(ViewSetGroup):
    menu_label = gettext_lazy("双随机和抽检")
    menu_icon = "search"
    menu_order = 261
    items = (
        InspectionItemViewSet("inspection_items"),
        InspectionTaskViewSet("inspection_tasks"),
        InspectedObjectViewSet("inspected_objects"),
        SamplingResultViewSet("sampling_results"),
    )


# --------------------------------------------------------------------------- tool views


class SamplingImportForm(forms.Form):
    file = ImportFileField(
        label=gettext_lazy("抽检结果文件"),
        help_text=gettext_lazy(
            ".csv（UTF-8 或 GB18030 编码）或 .xlsx 文件，首行（或标题行下一行）为表头。"
            "按检验报告编号新增或更新；任一行有错误则不作任何改动。"
        ),
    )
    department = forms.ModelChoiceField(
        label=gettext_lazy("承办科室"),
        queryset=Department.objects.filter(is_active=True).order_by("name"),
        required=False,
        help_text=gettext_lazy("文件中没有“承办科室”列时必选"),
    )


@permission_required("inspections.add_samplingresult")
def sampling_import_view(request):
    result = None
    allowed = None
    if not manages_all_lists(request.user):
        allowed = set(user_departments(request.user).values_list("pk", flat=True))
    if request.method == "POST":
        form = SamplingImportForm(request.POST, request.FILES)
    else:
        form = SamplingImportForm()
    if allowed is not None:
        form.fields["department"].queryset = form.fields["department"].queryset.filter(
            pk__in=allowed
        )
    if request.method == "POST":
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                table = io.read_table(upload, upload.name)
            except io.SamplingFileError as error:
                form.add_error("file", str(error))
            else:
                result = io.import_table(
                    table,
                    department=form.cleaned_data["department"],
                    user=request.user,
                    reason=_("导入：%(name)s") % {"name": upload.name},
                    allowed_departments=allowed,
                )
                if result.ok:
                    messages.success(request, result.summary())
                    return redirect(reverse("sampling_results:index"))
    return TemplateResponse(
        request,
        "inspections/sampling_import.html",
        {"form": form, "result": result, "header": io.HEADER, "required": io.REQUIRED},
    )


@permission_required("inspections.view_samplingresult")
def sampling_summary_view(request):
    year = request.GET.get("year") or str(timezone.localdate().year)
    queryset = SamplingResult.objects.all()
    if year.isdigit():
        queryset = queryset.filter(sampled_on__year=int(year))
    kind = request.GET.get("kind") or ""
    if kind:
        queryset = queryset.filter(kind=kind)
    return TemplateResponse(
        request,
        "inspections/sampling_summary_admin.html",
        {"summary": summarise(queryset), "year": year, "kind": kind},
    )


@permission_required("inspections.view_inspectedobject")
def overdue_results_view(request):
    """Inspection results not yet published: overdue (past 20 working days) and due soon."""
    calendar = WorkdayCalendar()  # one calendar for the whole list
    today = timezone.localdate()
    soon = periods.due_soon_until(today, calendar)
    rows = []
    pending = InspectedObject.objects.filter(
        inspected_on__isnull=False, result_published_on__isnull=True
    ).select_related("task")
    for obj in pending.order_by("inspected_on"):
        due = rules.result_due_on(obj.inspected_on, calendar)
        status = periods.deadline_status(due, today, soon)
        rows.append(
            {
                "object": obj,
                "due": due,
                "estimated": calendar.is_estimate(obj.inspected_on, due),
                "overdue": status == "overdue",
                "due_soon": status == "due_soon",
                "edit_url": reverse("inspected_objects:edit", args=[obj.pk]),
            }
        )
    return TemplateResponse(
        request, "inspections/overdue_results.html", {"rows": rows, "today": today}
    )


def admin_urls():
    return [
        path("inspections/sampling/import/", sampling_import_view, name="sampling_import"),
        path("inspections/sampling/summary/", sampling_summary_view, name="sampling_summary"),
        path("inspections/results/overdue/", overdue_results_view, name="inspection_overdue"),
    ]
