"""Admin of the work ledger (menu 工作台账: 任务, 培训, 政务新媒体): lists with filters, search
and exports, the 销账 and reopen actions, the overdue list, the import of a plan's task list
and the new-media "已更新" action. Registered in :mod:`.wagtail_hooks`.

Who sees what: the disclosure office, the system administrator and superusers see every task;
other staff see the tasks their departments lead or share, and change only those.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_filters import ChoiceFilter, ModelChoiceFilter
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.views.generic import CreateView, EditView, IndexView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.widgets import Button

from disclosure.departments.models import Department
from disclosure.departments.roles import DISCLOSURE_OFFICE, SYSTEM_ADMIN, user_has_role
from disclosure.importing.forms import ImportFileField
from disclosure.opendata.viewsets import HistoryInspectView, RecordViewSet

from . import io
from .dashboard import accounts_needing_update, overdue_by_department, training_check
from .models import (
    OPEN_STATUSES,
    Freshness,
    LedgerTask,
    NewMediaAccount,
    TaskStatus,
    Training,
    plan_year,
)

CHANGE_TASK = "ledger.change_ledgertask"

# --------------------------------------------------------------------------- scoping


def sees_all_tasks(user) -> bool:
    """The disclosure office keeps the ledger; the system administrator and superusers see it
    too. Everyone else sees their departments' tasks."""
    return user.is_active and (
        user.is_superuser
        or user_has_role(user, DISCLOSURE_OFFICE)
        or user_has_role(user, SYSTEM_ADMIN)
    )


def visible_tasks(user, queryset=None):
    """The tasks ``user`` may see: all, or those their departments lead or share."""
    queryset = LedgerTask.objects.all() if queryset is None else queryset
    if sees_all_tasks(user):
        return queryset
    return queryset.for_departments(Department.for_user(user))


def task_for(user, pk, *, change=False) -> LedgerTask:
    """The task ``pk`` if ``user`` may see it (and change it, with ``change``), else 404/403."""
    if change and not user.has_perm(CHANGE_TASK):
        raise PermissionDenied
    return get_object_or_404(visible_tasks(user), pk=pk)


# --------------------------------------------------------------------------- tasks


class LedgerTaskFilterSet(WagtailFilterSet):
    plan = ChoiceFilter(label=gettext_lazy("计划"), choices=[])
    department = ModelChoiceFilter(
        label=gettext_lazy("科室（牵头或责任）"),
        queryset=Department.objects.filter(is_active=True),
        method="filter_department",
    )
    overdue = ChoiceFilter(
        label=gettext_lazy("是否逾期"),
        choices=[("yes", gettext_lazy("已逾期")), ("no", gettext_lazy("未逾期"))],
        method="filter_overdue",
    )

    class Meta:
        model = LedgerTask
        fields = ["status", "year", "lead_department"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        plans = LedgerTask.objects.order_by("plan").values_list("plan", flat=True).distinct()
        self.filters["plan"].extra["choices"] = [(plan, plan) for plan in plans]

    def filter_department(self, queryset, name, value):
        return queryset.filter(
            Q(lead_department=value) | Q(responsible_departments=value)
        ).distinct()

    def filter_overdue(self, queryset, name, value):
        overdue = LedgerTask.objects.overdue().values("pk")
        if value == "yes":
            return queryset.filter(pk__in=overdue)
        return queryset.exclude(pk__in=overdue)


class LedgerTaskIndexView(IndexView):
    def get_base_queryset(self):
        queryset = super().get_base_queryset().select_related("lead_department")
        return visible_tasks(
            self.request.user, queryset.prefetch_related("responsible_departments")
        )

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if self.request.user.has_perm(CHANGE_TASK):
            if instance.is_closed:
                url = reverse("ledger_tasks:reopen", args=[instance.pk])
                buttons.append(MenuItem(_("重新打开"), url=url, icon_name="rotate", priority=15))
            else:
                url = reverse("ledger_tasks:close", args=[instance.pk])
                buttons.append(MenuItem(_("销账"), url=url, icon_name="check", priority=5))
        return buttons

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        tasks = visible_tasks(self.request.user)
        context["open_count"] = tasks.open().count()
        context["overdue_count"] = tasks.overdue().count()
        context["can_import"] = self.request.user.has_perm("ledger.add_ledgertask")
        return context


class TaskFormMixin:
    """The status offered is 未开始 or 进行中 (已完成 only by 销账); staff who do not keep the
    whole ledger choose among their own departments as the lead department."""

    department_path = "lead_department"

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        status = form.fields.get("status")
        if status is not None:
            status.choices = [
                (value, label) for value, label in TaskStatus.choices if value in OPEN_STATUSES
            ]
        lead = form.fields.get("lead_department")
        if lead is not None and not sees_all_tasks(self.request.user):
            mine = Q(pk__in=Department.for_user(self.request.user))
            current = getattr(getattr(self, "object", None), "lead_department_id", None)
            lead.queryset = lead.queryset.filter(mine | Q(pk=current))
        return form


class LedgerTaskCreateView(TaskFormMixin, CreateView):
    pass


class LedgerTaskEditView(TaskFormMixin, EditView):
    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        if not visible_tasks(self.request.user).filter(pk=obj.pk).exists():
            raise PermissionDenied
        return obj

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.object = self.get_object()

    def dispatch(self, request, *args, **kwargs):
        if self.object.is_closed:
            messages.error(request, _("该任务已销账，不能修改；如需修改请先重新打开并说明原因。"))
            return redirect("ledger_tasks:inspect", self.object.pk)
        return super().dispatch(request, *args, **kwargs)


class LedgerTaskInspectView(HistoryInspectView):
    def get_object(self, queryset=None):
        return get_object_or_404(visible_tasks(self.request.user), pk=self.pk)

    @property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if self.request.user.has_perm(CHANGE_TASK):
            if self.object.is_closed:
                url = reverse("ledger_tasks:reopen", args=[self.object.pk])
                buttons.append(Button(_("重新打开"), url=url, icon_name="rotate", priority=15))
            else:
                url = reverse("ledger_tasks:close", args=[self.object.pk])
                buttons.append(Button(_("销账"), url=url, icon_name="check", priority=5))
        return buttons


class CloseForm(forms.Form):
    evidence_links = forms.CharField(
        label=gettext_lazy("完成佐证"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=gettext_lazy(
            "每行一个链接：网址（http:// 或 https://）或本站页面路径（以 / 开头）"
        ),
    )
    closing_note = forms.CharField(
        label=gettext_lazy("销账说明"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("重新打开原因"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": gettext_lazy("请填写重新打开的原因")},
    )


class ImportForm(forms.Form):
    file = ImportFileField(
        label=gettext_lazy("任务清单文件"),
        help_text=gettext_lazy(
            ".csv（UTF-8 或 GB18030 编码）或 .xlsx 文件，表头为：序号、工作任务、牵头科室、"
            "责任科室、完成时限。按计划名称和序号新增或更新；任一行有错误则不作任何改动。"
        ),
    )
    plan = forms.CharField(
        label=gettext_lazy("计划名称"),
        max_length=200,
        help_text=gettext_lazy("如：2026年政务公开工作要点"),
    )
    year = forms.IntegerField(
        label=gettext_lazy("年度"),
        required=False,
        min_value=2000,
        max_value=2100,
        help_text=gettext_lazy("计划名称以年份开头时可留空"),
    )

    def clean(self):
        cleaned = super().clean()
        plan = cleaned.get("plan")
        if plan and not cleaned.get("year") and plan_year(plan) is None:
            self.add_error("year", _("计划名称不以年份开头，请填写年度"))
        return cleaned


class LedgerTaskViewSet(RecordViewSet):
    model = LedgerTask
    icon = "tasks"
    menu_label = gettext_lazy("任务")
    index_view_class = LedgerTaskIndexView
    add_view_class = LedgerTaskCreateView
    edit_view_class = LedgerTaskEditView
    inspect_view_class = LedgerTaskInspectView
    index_template_name = "ledger/ledgertask_index.html"
    index_results_template_name = "ledger/ledgertask_index_results.html"
    list_display = ["number", "task", "lead_department", "due_display", "status"]
    filterset_class = LedgerTaskFilterSet
    search_fields = ["number", "task", "plan", "progress", "lead_department__name"]
    list_export = [
        "plan",
        "number",
        "task",
        "lead_department",
        "responsible_departments_display",
        "due_display",
        "get_status_display",
        "progress",
        "evidence_display",
        "closed_at",
        "closed_by",
        "closing_note",
    ]
    export_headings = {
        "lead_department": gettext_lazy("牵头科室"),
        "get_status_display": gettext_lazy("状态"),
        "closed_by": gettext_lazy("销账人"),
    }
    export_filename = "ledger-tasks"
    panels = [
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("plan"), FieldPanel("year")]), FieldPanel("number")],
            heading=gettext_lazy("计划"),
        ),
        FieldPanel("task"),
        MultiFieldPanel(
            [
                FieldPanel("lead_department"),
                FieldPanel("responsible_departments", widget=forms.CheckboxSelectMultiple),
            ],
            heading=gettext_lazy("牵头科室和责任科室"),
        ),
        FieldRowPanel([FieldPanel("due_on"), FieldPanel("due_note")]),
        FieldPanel("status"),
        FieldPanel("progress"),
        FieldPanel("evidence_links"),
    ]

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("<int:pk>/close/", self.close_view, name="close"),
            path("<int:pk>/reopen/", self.reopen_view, name="reopen"),
            path("overdue/", self.overdue_view, name="overdue"),
            path("import/", self.import_view, name="import"),
            path("import/sample.csv", self.sample_view, name="import_sample"),
        ]

    def sample_view(self, request):
        """The sample task list, to start a file from."""
        if not request.user.has_perm("ledger.add_ledgertask"):
            raise PermissionDenied
        return FileResponse(
            io.SAMPLE_TASK_LIST.open("rb"),
            as_attachment=True,
            filename="task-list-sample.csv",
            content_type="text/csv; charset=utf-8",
        )

    def close_view(self, request, pk):
        """销账: evidence (one link a line) and a note; refused without evidence."""
        task = task_for(request.user, pk, change=True)
        if task.is_closed:
            messages.warning(request, _("该任务已销账。"))
            return redirect("ledger_tasks:inspect", task.pk)
        if request.method == "POST":
            form = CloseForm(request.POST)
            if form.is_valid():
                try:
                    task.close(
                        request.user,
                        form.cleaned_data["evidence_links"],
                        form.cleaned_data["closing_note"],
                    )
                except ValidationError as error:
                    _add_errors(form, error, {"evidence_links": "evidence_links"})
                else:
                    messages.success(request, _("已销账：%(task)s") % {"task": task})
                    return redirect("ledger_tasks:index")
        else:
            form = CloseForm(initial={"evidence_links": task.evidence_links})
        return TemplateResponse(
            request,
            "ledger/close_task.html",
            {"task": task, "form": form, "header_title": _("销账")},
        )

    def reopen_view(self, request, pk):
        """Reopen a closed task; the reason is required and stored on the task."""
        task = task_for(request.user, pk, change=True)
        if not task.is_closed:
            messages.warning(request, _("该任务尚未销账，无需重新打开。"))
            return redirect("ledger_tasks:inspect", task.pk)
        if request.method == "POST":
            form = ReopenForm(request.POST)
            if form.is_valid():
                try:
                    task.reopen(request.user, form.cleaned_data["reason"])
                except ValidationError as error:
                    _add_errors(form, error, {"reopen_reason": "reason"})
                else:
                    messages.success(request, _("已重新打开：%(task)s") % {"task": task})
                    return redirect("ledger_tasks:edit", task.pk)
        else:
            form = ReopenForm()
        return TemplateResponse(
            request,
            "ledger/reopen_task.html",
            {"task": task, "form": form, "header_title": _("重新打开任务")},
        )

    def overdue_view(self, request):
        """逾期任务: tasks not closed past their due date, by department, with counts."""
        if not self.permission_policy.user_has_any_permission(
            request.user, ["view", "change", "add"]
        ):
            raise PermissionDenied
        today = timezone.localdate()
        tasks = visible_tasks(request.user)
        overdue = (
            tasks.overdue(today)
            .select_related("lead_department")
            .prefetch_related("responsible_departments")
            .order_by("due_on", "pk")
        )
        rows = [
            {
                "task": task,
                "days": task.days_overdue(today),
                "url": reverse("ledger_tasks:inspect", args=[task.pk]),
            }
            for task in overdue
        ]
        return TemplateResponse(
            request,
            "ledger/overdue.html",
            {
                "rows": rows,
                "departments": overdue_by_department(tasks, today),
                "today": today,
                "index_url": reverse("ledger_tasks:index"),
            },
        )

    def import_view(self, request):
        """Upload a plan's task list (all or nothing)."""
        if not request.user.has_perm("ledger.add_ledgertask"):
            raise PermissionDenied
        result = None
        if request.method == "POST":
            form = ImportForm(request.POST, request.FILES)
            if form.is_valid():
                upload = form.cleaned_data["file"]
                try:
                    result = io.import_file(
                        upload,
                        upload.name,
                        plan=form.cleaned_data["plan"],
                        year=form.cleaned_data["year"],
                        user=request.user,
                        reason=_("导入：%(name)s") % {"name": upload.name},
                    )
                except io.LedgerFileError as error:
                    form.add_error("file", str(error))
                else:
                    if result.ok:
                        messages.success(request, result.summary())
                        for warning in result.warnings:
                            messages.warning(request, warning)
                        return redirect("ledger_tasks:index")
        else:
            form = ImportForm()
        return TemplateResponse(
            request,
            "ledger/import.html",
            {
                "form": form,
                "result": result,
                "header": io.HEADER,
                "index_url": reverse("ledger_tasks:index"),
            },
        )


def _add_errors(form, error: ValidationError, fields: dict):
    """Show a model ``ValidationError`` on the form: its fields mapped by ``fields``."""
    if hasattr(error, "error_dict"):
        for name, messages_ in error.message_dict.items():
            for message in messages_:
                form.add_error(fields.get(name), message)
    else:
        for message in error.messages:
            form.add_error(None, message)


# --------------------------------------------------------------------------- trainings


class TrainingFilterSet(WagtailFilterSet):
    year = ChoiceFilter(label=gettext_lazy("年度"), choices=[], method="filter_year")

    class Meta:
        model = Training
        fields = ["organiser"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        years = sorted(
            {day.year for day in Training.objects.dates("held_on", "year")}, reverse=True
        )
        self.filters["year"].extra["choices"] = [(str(year), str(year)) for year in years]

    def filter_year(self, queryset, name, value):
        return queryset.filter(held_on__year=int(value))


class TrainingIndexView(IndexView):
    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related("organiser")
            .prefetch_related("attendances__department")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["training_check"] = training_check()
        return context


class TrainingViewSet(RecordViewSet):
    model = Training
    icon = "group"
    menu_label = gettext_lazy("培训")
    index_view_class = TrainingIndexView
    index_template_name = "ledger/training_index.html"
    department_path = "organiser"
    list_display = ["held_on", "topic", "organiser", "total_attendees"]
    filterset_class = TrainingFilterSet
    search_fields = ["topic", "speaker", "notes"]
    list_export = [
        "held_on",
        "topic",
        "organiser",
        "speaker",
        "total_attendees",
        "attendance_display",
        "materials_url",
    ]
    export_filename = "trainings"
    panels = [
        FieldRowPanel([FieldPanel("held_on"), FieldPanel("organiser")]),
        FieldPanel("topic"),
        FieldPanel("speaker"),
        InlinePanel("attendances", heading=gettext_lazy("参训科室"), label=gettext_lazy("科室")),
        FieldPanel("materials_url"),
        FieldPanel("notes"),
    ]


# --------------------------------------------------------------------------- new media


class NewMediaFilterSet(WagtailFilterSet):
    freshness = ChoiceFilter(
        label=gettext_lazy("更新情况"),
        choices=[
            (Freshness.OVERDUE, Freshness.OVERDUE.label),
            (Freshness.DUE_SOON, Freshness.DUE_SOON.label),
            (Freshness.UNKNOWN, Freshness.UNKNOWN.label),
            (Freshness.OK, Freshness.OK.label),
        ],
        method="filter_freshness",
    )

    class Meta:
        model = NewMediaAccount
        fields = ["platform", "status", "owner_department"]

    def filter_freshness(self, queryset, name, value):
        today = timezone.localdate()
        keep = [account.pk for account in queryset if account.freshness(today) == value]
        return queryset.filter(pk__in=keep)


class NewMediaIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("owner_department")

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if self.request.user.has_perm("ledger.change_newmediaaccount"):
            url = reverse("new_media_accounts:mark_updated", args=[instance.pk])
            buttons.append(MenuItem(_("登记今日已更新"), url=url, icon_name="check", priority=5))
        return buttons

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["accounts_needing_update"] = accounts_needing_update()
        return context


class NewMediaAccountViewSet(RecordViewSet):
    model = NewMediaAccount
    icon = "mobile-alt"
    menu_label = gettext_lazy("政务新媒体")
    index_view_class = NewMediaIndexView
    index_template_name = "ledger/newmediaaccount_index.html"
    department_path = "owner_department"
    list_display = [
        "name",
        "platform",
        "owner_department",
        "status",
        "last_updated_on",
        "freshness_display",
    ]
    filterset_class = NewMediaFilterSet
    search_fields = ["name", "address", "notes"]
    list_export = [
        "get_platform_display",
        "name",
        "owner_department",
        "address",
        "get_status_display",
        "last_updated_on",
        "max_interval_days",
        "freshness_display",
    ]
    export_headings = {
        "get_platform_display": gettext_lazy("平台"),
        "owner_department": gettext_lazy("主办科室"),
        "get_status_display": gettext_lazy("状态"),
    }
    export_filename = "new-media-accounts"
    panels = [
        FieldRowPanel([FieldPanel("platform"), FieldPanel("name")]),
        FieldPanel("owner_department"),
        FieldPanel("address"),
        FieldPanel("status"),
        FieldRowPanel([FieldPanel("last_updated_on"), FieldPanel("max_interval_days")]),
        FieldPanel("notes"),
    ]

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("<int:pk>/updated/", self.mark_updated_view, name="mark_updated"),
        ]

    def mark_updated_view(self, request, pk):
        """登记今日已更新: GET asks to confirm, POST records today's date."""
        if not request.user.has_perm("ledger.change_newmediaaccount"):
            raise PermissionDenied
        account = get_object_or_404(NewMediaAccount, pk=pk)
        if (
            not sees_all_tasks(request.user)
            and not Department.for_user(request.user)
            .filter(pk=account.owner_department_id)
            .exists()
        ):
            raise PermissionDenied
        if request.method == "POST":
            account.mark_updated(request.user)
            messages.success(request, _("已登记“%(account)s”今日更新。") % {"account": account})
            return redirect("new_media_accounts:index")
        return TemplateResponse(
            request,
            "ledger/mark_updated.html",
            {"account": account, "header_title": _("登记今日已更新")},
        )


class LedgerViewSetGroup(ViewSetGroup):
    menu_label = gettext_lazy("工作台账")
    menu_icon = "clipboard-list"
    menu_order = 264
    items = (
        LedgerTaskViewSet("ledger_tasks"),
        TrainingViewSet("trainings"),
        NewMediaAccountViewSet("new_media_accounts"),
    )
