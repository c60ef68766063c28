"""The FOI clerk's screens (后台 → 依申请公开): the list with each application's due date and
overdue filter, its history, registering a letter or an in-person application, and one page to
handle an application step by step (:mod:`disclosure.applications.steps`)."""

import datetime as dt

from django import forms
from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet

from disclosure.departments.models import Department
from disclosure.departments.roles import DISCLOSURE_OFFICE, FOI_CLERK, user_has_role
from disclosure.opendata.viewsets import HistoryInspectView
from disclosure.printing import docx, pdf
from disclosure.workdays.calendar import WorkdayCalendar

from . import clock, letters, steps
from .choices import Channel, ConsultationKind, Outcome
from .forms import ApplicationForm
from .models import Application, Consultation


def may_handle(user):
    return user_has_role(user, FOI_CLERK) or user_has_role(user, DISCLOSURE_OFFICE)


class DueColumn(Column):
    def get_value(self, instance):
        due = instance.due(WorkdayCalendar())
        if due is None:
            return "—"
        text = clock.format_due(due)
        if due.on < timezone.localdate():
            return format_html(
                '<strong class="w-text-critical-200">{}（{}）</strong>', text, _("已逾期")
            )
        return text


class HandleColumn(Column):
    def get_value(self, instance):
        return format_html(
            '<a class="button button-small" href="{}">{}</a>',
            reverse("applications_handle", args=[quote(instance.pk)]),
            _("办理"),
        )


class ApplicationViewSet(ModelViewSet):
    model = Application
    icon = "mail"
    menu_label = gettext_lazy("依申请公开")
    menu_order = 260
    add_to_admin_menu = True
    add_view_enabled = False  # registered through 登记申请 (tracking number, query code)
    delete_view_enabled = False
    inspect_view_enabled = True
    inspect_view_class = HistoryInspectView
    list_display = [
        "tracking_number",
        "applicant_type",
        "channel",
        "received_on",
        DueColumn("due", label=gettext_lazy("答复期限")),
        "status",
        "outcome",
        "department",
        HandleColumn("handle", label=gettext_lazy("办理")),
    ]
    list_filter = ["status", "outcome", "applicant_type", "channel", "department", "received_on"]
    search_fields = ["tracking_number", "applicant_name", "description"]
    list_export = [
        "tracking_number",
        "applicant_type",
        "channel",
        "received_on",
        "status",
        "outcome",
        "replied_on",
        "department",
    ]
    # The edit form only assigns the department (分办); every other change is a step (办理).
    form_fields = ["department"]


# --- registering a letter or an in-person application -------------------------------------


class RegisterForm(ApplicationForm):
    channel = forms.ChoiceField(
        label=gettext_lazy("申请方式"),
        choices=[(c.value, c.label) for c in Channel if c != Channel.ONLINE],
    )
    received_on = forms.DateField(
        label=gettext_lazy("收到申请之日"),
        help_text=gettext_lazy(
            "当面提交为当日；信函为签收之日；传真为双方确认之日（条例第三十一条）。"
        ),
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Staff register what arrived on paper: no arithmetic question.
        del self.fields["challenge"]
        del self.fields["answer"]


def register_view(request):
    if not may_handle(request.user):
        raise PermissionDenied
    form = RegisterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        received_on = data.pop("received_on")
        application, code = steps.register(request.user, received_on=received_on, **data)
        messages.success(
            request,
            _("已登记申请 %(number)s，查询码 %(code)s（请告知申请人，只显示这一次）。")
            % {"number": application.tracking_number, "code": code},
        )
        return redirect("applications_handle", application.pk)
    return TemplateResponse(request, "applications/admin/register.html", {"form": form})


# --- handling an application step by step ------------------------------------------------


def _date(request, name):
    value = request.POST.get(name) or ""
    if not value:
        return timezone.localdate()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise steps.StepRefused(_("日期格式不正确：%(value)s") % {"value": value}) from None


def _perform(request, application, step):
    post = request.POST
    if step == "confirm":
        steps.confirm_receipt(application, request.user, on=_date(request, "on"))
    elif step == "correction":
        steps.request_correction(
            application,
            request.user,
            items=post.get("items", ""),
            on=_date(request, "on"),
            due_on=_date(request, "due_on"),
        )
    elif step == "corrected":
        steps.receive_correction(application, request.user, on=_date(request, "on"))
    elif step == "abandoned":
        steps.close_without_correction(application, request.user, on=_date(request, "on"))
    elif step == "assign":
        department = Department.objects.filter(pk=post.get("department") or 0).first()
        if department is None:
            raise steps.StepRefused(_("请选择承办科室。"))
        steps.assign(application, request.user, department)
    elif step == "consult":
        if post.get("kind") not in ConsultationKind.values or not post.get("party", "").strip():
            raise steps.StepRefused(_("请选择征求意见的类型并填写对象。"))
        steps.start_consultation(
            application,
            request.user,
            kind=post["kind"],
            party=post["party"].strip(),
            sent_on=_date(request, "on"),
        )
    elif step == "opinion":
        consultation = get_object_or_404(
            Consultation, pk=post.get("consultation") or 0, application=application
        )
        steps.record_opinion(
            consultation,
            request.user,
            answered_on=_date(request, "on"),
            opinion=post.get("opinion", ""),
            public_interest=post.get("public_interest", ""),
        )
    elif step == "extend":
        try:
            workdays = int(post.get("workdays") or 0)
        except ValueError:
            workdays = 0
        steps.extend(application, request.user, workdays=workdays, reason=post.get("reason", ""))
    elif step == "reply":
        steps.reply(
            application,
            request.user,
            outcome=post.get("outcome", ""),
            summary=post.get("summary", ""),
            on=_date(request, "on"),
        )
    else:
        raise steps.StepRefused(_("不支持的办理操作。"))


def handle_view(request, pk):
    if not may_handle(request.user):
        raise PermissionDenied
    application = get_object_or_404(Application, pk=pk)
    if request.method == "POST":
        try:
            _perform(request, application, request.POST.get("step", ""))
        except steps.StepRefused as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(request, _("已保存。"))
        return redirect("applications_handle", application.pk)
    calendar = WorkdayCalendar()
    due = application.due(calendar)
    context = {
        "application": application,
        "due": clock.format_due(due) if due else "",
        "paused_days": due.paused_days if due else 0,
        "correction_latest": (
            clock.correction_request_due(application.received_on, calendar)
            if application.received_on
            else None
        ),
        "consultations": application.consultations.all(),
        "departments": Department.objects.order_by("name"),
        "kinds": ConsultationKind.choices,
        "outcomes": Outcome.choices,
        "may_extend": user_has_role(request.user, DISCLOSURE_OFFICE),
        "history": application.history.select_related("history_user").order_by("-history_id"),
    }
    return TemplateResponse(request, "applications/admin/handle.html", context)


# --- the reply letter (告知书) as DOCX or PDF --------------------------------------------------


def _letter(request, pk, render, content_type, extension):
    if not may_handle(request.user):
        raise PermissionDenied
    application = get_object_or_404(Application, pk=pk)
    if not application.outcome:
        raise Http404(_("该申请尚未答复，没有答复告知书。"))
    try:
        content = render(application)
    except pdf.PrintingUnavailable as unavailable:
        messages.error(request, str(unavailable))
        return redirect("applications_handle", application.pk)
    response = HttpResponse(content, content_type=content_type)
    filename = _("答复告知书-%(number)s") % {"number": application.tracking_number}
    response["Content-Disposition"] = content_disposition_header(True, f"{filename}.{extension}")
    return response


def letter_docx_view(request, pk):
    return _letter(request, pk, letters.reply_letter_docx, docx.CONTENT_TYPE, "docx")


def letter_pdf_view(request, pk):
    return _letter(request, pk, letters.reply_letter_pdf, pdf.CONTENT_TYPE, "pdf")


def admin_urls():
    return [
        path("applications/register/", register_view, name="applications_register"),
        path("applications/<int:pk>/handle/", handle_view, name="applications_handle"),
        path(
            "applications/<int:pk>/letter.docx", letter_docx_view, name="applications_letter_docx"
        ),
        path("applications/<int:pk>/letter.pdf", letter_pdf_view, name="applications_letter_pdf"),
    ]
