"""The FOI clerk's screens (后台 → 依申请公开): the list with each request's due date and
overdue filter, its history, registering a letter or an in-person request, and one page to
handle a request step by step (:mod:`disclosure.applications.steps`)."""

import datetime as dt

from django import forms
from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_filters import ChoiceFilter
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet

from disclosure import spreadsheets
from disclosure.departments.models import Department
from disclosure.departments.roles import (
    CONFIDENTIALITY_REVIEWER,
    DISCLOSURE_OFFICE,
    FOI_CLERK,
    user_has_role,
)
from disclosure.opendata.viewsets import HistoryInspectView
from disclosure.printing import docx, pdf
from disclosure.workdays.calendar import WorkdayCalendar

from . import cases, clock, deadlines, letters, release, repeats, statistics, steps
from .choices import (
    OPEN_STATUSES,
    Channel,
    ConsultationKind,
    FeeBasis,
    FileKind,
    Outcome,
    RemedyKind,
    RemedyResult,
    RequesterType,
    Status,
)
from .forms import InformationRequestForm, validate_upload
from .models import Consultation, InformationRequest, Remedy, RequestCase, RequestFile


def may_handle(user):
    return user_has_role(user, FOI_CLERK) or user_has_role(user, DISCLOSURE_OFFICE)


def may_review(user):
    """The reply's confidentiality review (保密审查) is for a 保密审查员."""
    return user_has_role(user, CONFIDENTIALITY_REVIEWER)


#: The steps a 保密审查员 takes; every other step is the clerk's or the office's.
REVIEW_STEPS = ("approve", "return")


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


class InformationRequestFilterSet(WagtailFilterSet):
    deadline = ChoiceFilter(
        label=gettext_lazy("答复期限"),
        choices=[
            (deadlines.OVERDUE, gettext_lazy("已逾期")),
            (deadlines.DUE_SOON, gettext_lazy("即将到期（5 个工作日内）")),
            (deadlines.UNCONFIRMED, gettext_lazy("网上申请超过 1 个工作日未确认收到")),
        ],
        method="filter_deadline",
    )

    class Meta:
        model = InformationRequest
        fields = ["status", "outcome", "requester_type", "channel", "department", "received_on"]

    def filter_deadline(self, queryset, name, value):
        pks = [
            d.information_request.pk
            for d in deadlines.deadlines(queryset=queryset)
            if d.status == value
        ]
        return queryset.filter(pk__in=pks)


class InformationRequestViewSet(ModelViewSet):
    model = InformationRequest
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
        "requester_type",
        "channel",
        "received_on",
        DueColumn("due", label=gettext_lazy("答复期限")),
        "status",
        "outcome",
        "department",
        HandleColumn("handle", label=gettext_lazy("办理")),
    ]
    filterset_class = InformationRequestFilterSet
    search_fields = ["tracking_number", "requester_name", "description"]
    list_export = [
        "tracking_number",
        "requester_type",
        "channel",
        "received_on",
        "status",
        "outcome",
        "replied_on",
        "department",
    ]
    # The edit form only assigns the department (分办); every other change is a step (办理).
    form_fields = ["department"]


class RequestCaseViewSet(ModelViewSet):
    """The 依申请公开案例库: drafted from concluded requests (办理 → 整理为案例), edited and
    published by the office; every change kept."""

    model = RequestCase
    icon = "doc-full"
    menu_label = gettext_lazy("依申请公开案例库")
    menu_order = 263
    add_to_admin_menu = True
    inspect_view_enabled = True
    inspect_view_class = HistoryInspectView
    list_display = ["title", "requester_type", "outcome", "published", "published_on"]
    list_filter = ["outcome", "requester_type", "published"]
    search_fields = ["title", "facts", "handling"]
    list_export = ["title", "requester_type", "outcome", "published", "published_on"]
    form_fields = [
        "title",
        "requester_type",
        "outcome",
        "facts",
        "handling",
        "legal_basis",
        "commentary",
        "published",
    ]


# --- registering a letter or an in-person request -------------------------------------


class RegisterForm(InformationRequestForm):
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
    form = RegisterForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        received_on = data.pop("received_on")
        upload = data.pop("attachment", None)
        with transaction.atomic():
            information_request, code = steps.register(
                request.user, received_on=received_on, **data
            )
            if upload:
                steps.attach(
                    information_request,
                    request.user,
                    kind=FileKind.SUBMITTED,
                    name=upload.name,
                    content=upload,
                )
        messages.success(
            request,
            _("已登记申请 %(number)s，查询码 %(code)s（请告知申请人，只显示这一次）。")
            % {"number": information_request.tracking_number, "code": code},
        )
        return redirect("applications_handle", information_request.pk)
    return TemplateResponse(request, "applications/admin/register.html", {"form": form})


# --- handling a request step by step ------------------------------------------------


def _date(request, name):
    value = request.POST.get(name) or ""
    if not value:
        return timezone.localdate()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise steps.StepRefused(_("日期格式不正确：%(value)s") % {"value": value}) from None


def _optional_date(request, name):
    return _date(request, name) if request.POST.get(name) else None


def _number(request, name):
    try:
        return int(request.POST.get(name) or 0)
    except ValueError:
        return 0


def _perform(request, information_request, step):
    post = request.POST
    if step in REVIEW_STEPS:
        _review(request, information_request, step)
    elif not may_handle(request.user):
        raise PermissionDenied
    elif step == "confirm":
        steps.confirm_receipt(information_request, request.user, on=_date(request, "on"))
    elif step == "clarification":
        steps.request_clarification(
            information_request,
            request.user,
            items=post.get("items", ""),
            on=_date(request, "on"),
            due_on=_date(request, "due_on"),
        )
    elif step == "clarified":
        steps.receive_clarification(information_request, request.user, on=_date(request, "on"))
    elif step == "abandoned":
        steps.close_without_clarification(
            information_request, request.user, on=_date(request, "on")
        )
    elif step == "assign":
        department = Department.objects.filter(pk=post.get("department") or 0).first()
        if department is None:
            raise steps.StepRefused(_("请选择承办科室。"))
        steps.assign(information_request, request.user, department)
    elif step == "consult":
        if post.get("kind") not in ConsultationKind.values or not post.get("party", "").strip():
            raise steps.StepRefused(_("请选择征求意见的类型并填写对象。"))
        steps.start_consultation(
            information_request,
            request.user,
            kind=post["kind"],
            party=post["party"].strip(),
            sent_on=_date(request, "on"),
        )
    elif step == "opinion":
        consultation = get_object_or_404(
            Consultation, pk=post.get("consultation") or 0, information_request=information_request
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
        steps.extend(
            information_request, request.user, workdays=workdays, reason=post.get("reason", "")
        )
    elif step == "reply":
        steps.reply(
            information_request,
            request.user,
            outcome=post.get("outcome", ""),
            summary=post.get("summary", ""),
            on=_date(request, "on"),
        )
    elif step == "reasons":
        steps.ask_reasons(
            information_request,
            request.user,
            request=post.get("request", ""),
            on=_date(request, "on"),
        )
    elif step == "reasons_received":
        steps.receive_reasons(
            information_request,
            request.user,
            reasons=post.get("reasons", ""),
            accepted=post.get("accepted") == "yes",
            deferred_to=_optional_date(request, "deferred_to"),
            deferred_reason=post.get("deferred_reason", ""),
            on=_date(request, "on"),
        )
    elif step == "fee":
        steps.notify_fee(
            information_request,
            request.user,
            basis=post.get("basis", ""),
            nth=_number(request, "nth"),
            pages=_number(request, "pages"),
            on=_date(request, "on"),
        )
    elif step == "paid":
        steps.record_payment(information_request, request.user, on=_date(request, "on"))
    elif step == "fee_unpaid":
        steps.close_fee_unpaid(information_request, request.user, on=_date(request, "on"))
    elif step == "repeat":
        earlier = get_object_or_404(InformationRequest, pk=post.get("earlier") or 0)
        steps.mark_repeat(information_request, request.user, earlier)
    elif step == "release":
        upload = request.FILES.get("file")
        if upload is None:
            raise steps.StepRefused(_("请选择要上传的文件。"))
        error = validate_upload(upload)
        if error:
            raise steps.StepRefused(error)
        steps.attach(
            information_request,
            request.user,
            kind=FileKind.RELEASED,
            name=upload.name,
            content=upload,
        )
    elif step == "archive":
        steps.archive(
            information_request,
            request.user,
            reference=post.get("reference", ""),
            on=_date(request, "on"),
        )
    elif step == "remedy":
        steps.add_remedy(
            information_request,
            request.user,
            kind=post.get("kind", ""),
            body=post.get("body", ""),
            case_number=post.get("case_number", ""),
            filed_on=_date(request, "on"),
        )
    elif step == "case":
        try:
            case = cases.draft_from(information_request, request.user)
        except ValueError as error:
            raise steps.StepRefused(str(error)) from None
        return redirect("request_cases:edit", case.pk)
    elif step == "remedy_result":
        remedy = get_object_or_404(
            Remedy, pk=post.get("remedy") or 0, information_request=information_request
        )
        steps.conclude_remedy(
            remedy, request.user, result=post.get("result", ""), concluded_on=_date(request, "on")
        )
    else:
        raise steps.StepRefused(_("不支持的办理操作。"))


def _review(request, information_request, step):
    if step == "approve":
        steps.approve_reply(
            information_request,
            request.user,
            note=request.POST.get("note", ""),
            override=request.POST.get("override", ""),
        )
    else:
        steps.return_reply(information_request, request.user, note=request.POST.get("note", ""))


def handle_view(request, pk):
    if not (may_handle(request.user) or may_review(request.user)):
        raise PermissionDenied
    information_request = get_object_or_404(InformationRequest, pk=pk)
    if request.method == "POST":
        try:
            response = _perform(request, information_request, request.POST.get("step", ""))
        except steps.StepRefused as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(request, _("已保存。"))
            if response is not None:
                return response
        return redirect("applications_handle", information_request.pk)
    calendar = WorkdayCalendar()
    due = information_request.due(calendar)
    context = {
        "information_request": information_request,
        "due": clock.format_due(due) if due else "",
        "paused_days": due.paused_days if due else 0,
        "clarification_latest": (
            clock.clarification_request_due(information_request.received_on, calendar)
            if information_request.received_on
            else None
        ),
        "consultations": information_request.consultations.all(),
        "departments": Department.objects.order_by("name"),
        "kinds": ConsultationKind.choices,
        "outcomes": [
            (value, label)
            for value, label in Outcome.choices
            if value not in steps.OUTCOMES_BY_STEP
        ],
        "may_extend": user_has_role(request.user, DISCLOSURE_OFFICE),
        "may_handle": may_handle(request.user),
        "may_review": may_review(request.user),
        "is_open": information_request.status in OPEN_STATUSES,
        "repeat_candidates": repeats.candidates(information_request),
        "fee_bases": FeeBasis.choices,
        "fee_payment_due": (
            clock.fee_payment_due(information_request.fee_notified_on, calendar)
            if information_request.fee_notified_on
            else None
        ),
        "files": information_request.files.all(),
        "remedies": information_request.remedies.all(),
        "remedy_kinds": RemedyKind.choices,
        "remedy_results": RemedyResult.choices,
        "review_findings": (
            release.findings(information_request)
            if information_request.status == Status.REPLY_REVIEW
            else []
        ),
        "history": information_request.history.select_related("history_user").order_by(
            "-history_id"
        ),
    }
    return TemplateResponse(request, "applications/admin/handle.html", context)


# --- the reply letter (告知书) as DOCX or PDF --------------------------------------------------


def _letter(request, pk, render, content_type, extension):
    if not may_handle(request.user):
        raise PermissionDenied
    information_request = get_object_or_404(InformationRequest, pk=pk)
    if not information_request.outcome:
        raise Http404(_("该申请尚未答复，没有答复告知书。"))
    try:
        content = render(information_request)
    except pdf.PrintingUnavailable as unavailable:
        messages.error(request, str(unavailable))
        return redirect("applications_handle", information_request.pk)
    response = HttpResponse(content, content_type=content_type)
    filename = _("答复告知书-%(number)s") % {"number": information_request.tracking_number}
    response["Content-Disposition"] = content_disposition_header(True, f"{filename}.{extension}")
    return response


def letter_docx_view(request, pk):
    return _letter(request, pk, letters.reply_letter_docx, docx.CONTENT_TYPE, "docx")


def letter_pdf_view(request, pk):
    return _letter(request, pk, letters.reply_letter_pdf, pdf.CONTENT_TYPE, "pdf")


def file_view(request, pk, file_pk):
    """A file of the request, for the clerk, the office and the reviewer only (private
    storage, never a media URL)."""
    if not (may_handle(request.user) or may_review(request.user)):
        raise PermissionDenied
    item = get_object_or_404(RequestFile, pk=file_pk, information_request_id=pk)
    return FileResponse(item.file.open("rb"), as_attachment=True, filename=item.name)


# --- statistics (the annual report's tables 三 and 四) -----------------------------------


def statistics_view(request):
    """Tables 三 and 四 for a year or a period, optionally one department's; ``?format=csv``
    exports them (one CSV, the two tables one after the other)."""
    if not may_handle(request.user):
        raise PermissionDenied
    today = timezone.localdate()
    try:
        year = int(request.GET.get("year") or today.year)
        start = dt.date.fromisoformat(request.GET["start"]) if request.GET.get("start") else None
        end = dt.date.fromisoformat(request.GET["end"]) if request.GET.get("end") else None
    except ValueError:
        messages.error(request, _("年份或日期格式不正确，已显示本年度。"))
        year, start, end = today.year, None, None
    year_start, year_end = statistics.year_bounds(year)
    start, end = start or year_start, end or year_end
    department = Department.objects.filter(pk=request.GET.get("department") or 0).first()
    three = statistics.table_three(start, end, department)
    four = statistics.table_four(start, end, department)
    three_rows = statistics.table_three_rows(three)
    four_rows = statistics.table_four_rows(four)
    columns = [label for _value, label in RequesterType.choices]
    result_columns = [statistics.result_label(r) for r in statistics.RESULT_COLUMNS]
    if request.GET.get("format") == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        name = _("依申请公开统计-%(start)s-%(end)s.csv") % {
            "start": start.isoformat(),
            "end": end.isoformat(),
        }
        response["Content-Disposition"] = content_disposition_header(True, name)
        response.write("\ufeff")  # Excel reads UTF-8 with the mark
        out = spreadsheets.writer(response)
        out.writerow([_("三、收到和处理政府信息公开申请情况"), *columns, _("总计")])
        for label, counts, total in three_rows:
            out.writerow([label, *counts, total])
        out.writerow([])
        out.writerow([_("四、政府信息公开行政复议、行政诉讼情况"), *result_columns, _("总计")])
        for label, counts, total in four_rows:
            out.writerow([label, *counts, total])
        return response
    context = {
        "start": start,
        "end": end,
        "year": year,
        "department": department,
        "departments": Department.objects.order_by("name"),
        "columns": columns,
        "three_rows": three_rows,
        "result_columns": result_columns,
        "four_rows": four_rows,
        "problems": statistics.check(three),
    }
    return TemplateResponse(request, "applications/admin/statistics.html", context)


def admin_urls():
    return [
        path("applications/statistics/", statistics_view, name="applications_statistics"),
        path(
            "applications/<int:pk>/files/<int:file_pk>/",
            file_view,
            name="applications_file",
        ),
        path("applications/register/", register_view, name="applications_register"),
        path("applications/<int:pk>/handle/", handle_view, name="applications_handle"),
        path(
            "applications/<int:pk>/letter.docx", letter_docx_view, name="applications_letter_docx"
        ),
        path("applications/<int:pk>/letter.pdf", letter_pdf_view, name="applications_letter_pdf"),
    ]
