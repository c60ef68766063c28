"""Admin screens of penalty notices: the publication deadlines (overdue and due soon, 第9条),
recording a decision change that withdraws a notice (第11条), and the records of corrections
(第12条) and early-end applications (第14条)."""

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail.admin import messages
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from disclosure.opendata.viewsets import HistoryInspectView
from disclosure.publishing import permissions
from disclosure.workdays import periods
from disclosure.workdays.calendar import WorkdayCalendar

from . import rules, services
from .choices import DecisionChangeKind, RequestStatus
from .models import CorrectionRequest, DecisionChange, EarlyEndApplication, PenaltyNoticePage


def deadlines(today=None, user=None):
    """Notices with a duty still open, with its due date: (overdue, due_soon, later).

    The duty is the publication (第9条, 20 working days) for a party of this province and the
    push to the bureau of the party's place of registration (第10条, 10 working days) for a
    party of another province (:func:`~disclosure.enforcement.rules.next_duty`). Each row also
    says whether the party was told in writing that the decision will be published (第8条)."""
    today = today or timezone.localdate()
    calendar = WorkdayCalendar()  # one calendar for the whole list
    soon = rules.due_soon_until(today, calendar)
    rows = {"overdue": [], "due_soon": [], "later": []}
    pending = PenaltyNoticePage.objects.filter(
        Q(first_published_at__isnull=True) | Q(party_in_other_province=True, pushed_on__isnull=True)
    ).select_related("latest_revision")
    if user is not None:
        # The notices of the user's departments' columns (the office sees all).
        pending = permissions.scope(pending, user, path_field="path")
    # Until its first publication a page's row keeps the values it was created with; the draft
    # as last saved (a decision date filled in later, a kind changed) is the latest revision.
    drafts = [page.get_latest_revision_as_object() for page in pending]
    drafts = sorted((d for d in drafts if d.decided_on), key=lambda d: (d.decided_on, d.pk))
    for notice in drafts:
        duty = rules.next_duty(notice, calendar)
        if duty is None:
            continue  # never published (第2条; minors) or nothing left to do
        action, due = duty
        row = {
            "notice": notice,
            "action": action,
            "due_on": due,
            "days_left": (due - today).days,
            "estimated": calendar.is_estimate(notice.decided_on, due),
        }
        rows[periods.deadline_status(due, today, soon)].append(row)
    return rows["overdue"], rows["due_soon"], rows["later"]


def deadlines_view(request):
    if not request.user.has_perm("wagtailadmin.access_admin"):
        raise PermissionDenied
    overdue, due_soon, later = deadlines(user=request.user)
    return TemplateResponse(
        request,
        "enforcement/admin/deadlines.html",
        {
            "overdue": overdue,
            "due_soon": due_soon,
            "later": later,
            "soon_days": periods.DUE_SOON_WORKDAYS,
        },
    )


class DecisionChangeForm(forms.Form):
    kind = forms.ChoiceField(label=_("情形"), choices=DecisionChangeKind.choices)
    occurred_on = forms.DateField(
        label=_("变更、撤销或确认日期"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={
            "required": _("请填写变更、撤销或确认日期。"),
            "invalid": _("日期格式不正确。"),
        },
    )
    reason = forms.CharField(
        label=_("撤回理由（将在原网址公开）"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("请填写撤回理由，撤回理由将在原网址公开。")},
    )


def decision_change_view(request, page_id):
    notice = get_object_or_404(PenaltyNoticePage, pk=page_id)
    if not notice.permissions_for_user(request.user).can_unpublish():
        raise PermissionDenied
    form = DecisionChangeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            change = services.record_decision_change(notice, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            for field, messages_ in error.message_dict.items():
                form.add_error(field if field in form.fields else None, messages_)
        else:
            messages.success(
                request,
                _("已登记处罚决定%(kind)s并撤回公示（撤回期限 %(due)s）。")
                % {"kind": change.get_kind_display(), "due": change.withdrawal_due_on.isoformat()},
            )
            return redirect("wagtailadmin_pages:edit", notice.pk)
    return TemplateResponse(
        request,
        "enforcement/admin/decision_change.html",
        {"notice": notice, "form": form},
    )


def decide_early_end_view(request, pk):
    """GET: the conditions and what the rule says; POST: decide (第14条)."""
    application = get_object_or_404(EarlyEndApplication, pk=pk)
    notice = application.notice.specific
    if not notice.permissions_for_user(request.user).can_unpublish():
        raise PermissionDenied
    if request.method != "POST":
        conditions = application.conditions()  # one look-up of the lists
        return TemplateResponse(
            request,
            "enforcement/admin/decide_early_end.html",
            {
                "application": application,
                "notice": notice,
                "refusal": rules.early_end_refusal(notice, conditions),
                "list_entries": application.list_entries(),
                "conditions": [
                    (label, conditions[name]) for name, label in rules.EARLY_END_CONDITIONS.items()
                ],
            },
        )
    try:
        application = services.decide_early_end(application, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if application.status == RequestStatus.ACCEPTED:
            messages.success(request, _("已同意提前停止公示，该信息已下线，记录保留。"))
        else:
            messages.warning(request, application.refusal_reason)
    return redirect("enforcement_early_end:index")


def admin_urls():
    return [
        path("enforcement/deadlines/", deadlines_view, name="enforcement_deadlines"),
        path(
            "enforcement/notice/<int:page_id>/decision-change/",
            decision_change_view,
            name="enforcement_decision_change",
        ),
        path(
            "enforcement/early-end/<int:pk>/decide/",
            decide_early_end_view,
            name="enforcement_decide_early_end",
        ),
    ]


class ReadOnlyPolicy(ModelPermissionPolicy):
    """Decision changes are written by :func:`services.record_decision_change` only."""

    def user_has_permission(self, user, action):
        return action in {"view", "inspect", "export"} and user.has_perm(
            "wagtailadmin.access_admin"
        )

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class DecisionChangeViewSet(ModelViewSet):
    model = DecisionChange
    icon = "warning"
    menu_label = _("决定变更与撤回")
    add_to_admin_menu = False
    list_display = ["notice", "kind", "occurred_on", "withdrawal_due_on", "withdrawn_at"]
    list_filter = ["kind", "occurred_on"]
    search_fields = ["reason"]
    inspect_view_enabled = True
    inspect_view_class = HistoryInspectView  # shows the django-simple-history records
    form_fields = ["reason"]
    list_export = ["notice", "kind", "occurred_on", "withdrawal_due_on", "withdrawn_at", "reason"]


class CorrectionRequestViewSet(ModelViewSet):
    model = CorrectionRequest
    icon = "edit"
    menu_label = _("更正申请")
    add_to_admin_menu = False
    list_display = ["notice", "requester", "received_on", "status"]
    list_filter = ["status", "received_on"]
    search_fields = ["requester", "inaccuracy"]
    form_fields = ["notice", "requester", "received_on", "inaccuracy", "status", "response"]
    inspect_view_enabled = True
    inspect_view_class = HistoryInspectView  # shows the django-simple-history records
    list_export = ["notice", "requester", "received_on", "status", "inaccuracy", "response"]


class DecideColumn(Column):
    def get_value(self, instance):
        if instance.status != RequestStatus.PENDING:
            return instance.refusal_reason or instance.get_status_display()
        return format_html(
            '<a class="button button-small" href="{}">{}</a>',
            reverse("enforcement_decide_early_end", args=[instance.pk]),
            _("审查并决定"),
        )


class EarlyEndApplicationViewSet(ModelViewSet):
    model = EarlyEndApplication
    icon = "date"
    menu_label = _("提前停止公示申请")
    add_to_admin_menu = False
    list_display = [
        "notice",
        "applicant",
        "applied_on",
        "status",
        DecideColumn("decide", label=_("处理")),
    ]
    list_filter = ["status", "applied_on"]
    search_fields = ["applicant"]
    form_fields = [
        "notice",
        "applicant",
        "applied_on",
        "obligations_fulfilled",
        "harm_eliminated",
        "no_repeat_violation",
    ]
    inspect_view_enabled = True
    inspect_view_class = HistoryInspectView  # shows the django-simple-history records
