"""Admin of the public messages (后台 → 政民互动): the list with filters (status, category,
department, where the clock stands), search and exports; the history; and the 办理 page where
each step is taken by whom the rules allow. Registered in :mod:`.wagtail_hooks`.

Who does what: the disclosure office sees every message, assigns it to a department, routes a
complaint to its channel, closes an invalid one, approves answers and takes a published message
down; a department's staff see their department's messages and write the answer; its head (or the
office) reviews it — never the person who wrote it (:meth:`.models.PublicMessage.approve`).
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_filters import ChoiceFilter
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.views.generic import IndexView
from wagtail.admin.widgets import Button

from disclosure.departments.models import Department
from disclosure.departments.roles import DEPARTMENT_HEAD, DISCLOSURE_OFFICE, user_has_role
from disclosure.opendata.viewsets import (
    HistoryInspectView,
    RecordViewSet,
)

from . import rules
from .choices import MessageStatus, Sla
from .models import PublicMessage

CHANGE = "participation.change_publicmessage"


def sees_all(user) -> bool:
    return user.is_active and (user.is_superuser or user_has_role(user, DISCLOSURE_OFFICE))


def visible_messages(user, queryset=None):
    queryset = PublicMessage.objects.all() if queryset is None else queryset
    if sees_all(user):
        return queryset
    return queryset.for_departments(Department.for_user(user))


def may_review(user, message) -> bool:
    if sees_all(user):
        return True
    return (
        user_has_role(user, DEPARTMENT_HEAD)
        and message.department_id is not None
        and Department.for_user(user).filter(pk=message.department_id).exists()
    )


class MessageFilterSet(WagtailFilterSet):
    sla = ChoiceFilter(
        label=gettext_lazy("办理时限"),
        choices=[(value, label) for value, label in Sla.choices if value != Sla.ON_TIME],
        method="filter_sla",
    )

    class Meta:
        model = PublicMessage
        fields = ["status", "category", "department"]

    def filter_sla(self, queryset, name, value):
        today = timezone.localdate(rules.now())
        wanted = [m.pk for m in queryset.open() if rules.sla(m, today) == value]
        return queryset.filter(pk__in=wanted)


class MessageIndexView(IndexView):
    def get_base_queryset(self):
        return visible_messages(
            self.request.user, super().get_base_queryset().select_related("department")
        )

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if self.request.user.has_perm(CHANGE):
            url = reverse("participation_messages:process", args=[instance.pk])
            buttons.append(MenuItem(_("办理"), url=url, icon_name="edit", priority=5))
        return buttons


class MessageInspectView(HistoryInspectView):
    def get_object(self, queryset=None):
        return get_object_or_404(visible_messages(self.request.user), pk=self.pk)

    @property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if self.request.user.has_perm(CHANGE):
            url = reverse("participation_messages:process", args=[self.object.pk])
            buttons.append(Button(_("办理"), url=url, icon_name="edit", priority=5))
        return buttons


class AssignForm(forms.Form):
    department = forms.ModelChoiceField(
        label=gettext_lazy("承办科室"), queryset=Department.objects.filter(is_active=True)
    )


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=gettext_lazy("答复内容"), widget=forms.Textarea(attrs={"rows": 8}), required=False
    )


class ReviewForm(forms.Form):
    """The reviewer's decision; the public text may be edited (masked) before publishing, the
    original stays in the history."""

    subject = forms.CharField(label=gettext_lazy("公开标题"), max_length=100)
    body = forms.CharField(label=gettext_lazy("公开的留言内容"), widget=forms.Textarea)
    answer = forms.CharField(label=gettext_lazy("答复内容"), widget=forms.Textarea)
    decision = forms.ChoiceField(
        label=gettext_lazy("审核决定"),
        choices=[
            ("publish", gettext_lazy("通过，连同答复公开")),
            ("reply", gettext_lazy("通过，只答复留言人、不公开")),
            ("return", gettext_lazy("退回承办科室修改")),
        ],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=gettext_lazy("理由或审核意见"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=gettext_lazy("不公开或退回的，须填写理由。"),
    )


class CloseForm(forms.Form):
    action = forms.ChoiceField(
        label=gettext_lazy("处理方式"),
        choices=[
            ("route", gettext_lazy("转投诉举报渠道（告知留言人）")),
            ("invalid", gettext_lazy("认定为无效留言")),
        ],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=gettext_lazy("理由"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("撤下公开的理由"), widget=forms.Textarea(attrs={"rows": 3})
    )


FORMS = {
    "assign": AssignForm,
    "answer": AnswerForm,
    "review": ReviewForm,
    "close": CloseForm,
    "withdraw": WithdrawForm,
}


def steps_for(user, message):
    """The steps ``user`` may take on ``message`` now."""
    steps = []
    office = sees_all(user)
    if message.is_open and office:
        steps += ["assign", "close"]
    if message.is_open:
        steps.append("answer")
    if message.status == MessageStatus.AWAITING_REVIEW and may_review(user, message):
        if user.pk != message.answered_by_id:
            steps.append("review")
    if message.status == MessageStatus.PUBLISHED and office:
        steps.append("withdraw")
    return steps


def _initial(step, message):
    if step == "assign":
        return {"department": message.department_id}
    if step == "answer":
        return {"answer": message.answer}
    if step == "review":
        return {"subject": message.subject, "body": message.body, "answer": message.answer}
    return {}


def _perform(step, form, user, message):
    data = form.cleaned_data
    if step == "assign":
        message.assign(user, data["department"])
        return _("已分办给%(department)s。") % {"department": data["department"]}
    if step == "answer":
        message.write_answer(user, data["answer"])
        return _("答复已提交审核。")
    if step == "close":
        if data["action"] == "route":
            message.route_as_complaint(user, data["reason"])
            return _("已转投诉举报渠道，并告知留言人。")
        message.mark_invalid(user, data["reason"])
        return _("已认定为无效留言。")
    if step == "withdraw":
        message.withdraw(user, data["reason"])
        return _("已撤下公开。")
    # review
    if data["decision"] == "return":
        message.return_answer(user, data["note"])
        return _("已退回承办科室修改。")
    message.subject, message.body, message.answer = data["subject"], data["body"], data["answer"]
    message.approve(user, publish=data["decision"] == "publish", reason=data["note"])
    if data["decision"] == "publish":
        return _("审核通过，留言和答复已公开。")
    return _("审核通过，已答复留言人（不公开）。")


#: Model fields whose errors show on another form field.
ERROR_FIELDS = {"closing_reason": "note", "review_note": "note"}


def process_view(request, pk):
    """办理: the message, where its clock stands, what the gate finds in its public text, and
    the forms of the steps this user may take."""
    if not request.user.has_perm(CHANGE):
        raise PermissionDenied
    message = get_object_or_404(visible_messages(request.user), pk=pk)
    steps = steps_for(request.user, message)
    forms_by_step = {step: FORMS[step](initial=_initial(step, message)) for step in steps}
    if request.method == "POST":
        step = request.POST.get("step")
        if step not in steps:
            raise PermissionDenied
        form = FORMS[step](request.POST, prefix=None)
        forms_by_step[step] = form
        if form.is_valid():
            try:
                done = _perform(step, form, request.user, message)
            except ValidationError as error:
                message.refresh_from_db()
                _show(form, error)
            else:
                messages.success(request, done)
                return redirect("participation_messages:process", message.pk)
    return TemplateResponse(
        request,
        "participation/admin/process.html",
        {
            "message": message,
            "forms": forms_by_step,
            "sla": message.sla(),
            "veto_day": rules.veto_day(message.received_on),
            "findings": message.public_errors() if message.status != MessageStatus.ROUTED else {},
            "header_title": _("办理留言"),
            "index_url": reverse("participation_messages:index"),
        },
    )


def _show(form, error):
    if hasattr(error, "error_dict"):
        for name, texts in error.message_dict.items():
            field = ERROR_FIELDS.get(name, name)
            for text in texts:
                form.add_error(field if field in form.fields else None, text)
    else:
        for text in error.messages:
            form.add_error(None, text)


class PublicMessageViewSet(RecordViewSet):
    model = PublicMessage
    icon = "comment"
    menu_label = gettext_lazy("政民互动")
    add_to_admin_menu = True
    menu_order = 290
    url_prefix = "participation/messages"
    name = "participation_messages"
    copy_view_enabled = False
    index_view_class = MessageIndexView
    inspect_view_class = MessageInspectView
    list_display = ["subject", "category", "department", "received_on", "due_on", "status"]
    form_fields = ["category", "department"]
    filterset_class = MessageFilterSet
    search_fields = ["subject", "body", "name", "query_code", "answer"]
    list_export = [
        "query_code",
        "get_category_display",
        "department",
        "subject",
        "body",
        "submitted_at",
        "due_on",
        "get_status_display",
        "answer",
        "answered_at",
        "published_at",
        "closing_reason",
    ]
    export_headings = {
        "get_category_display": gettext_lazy("留言类别"),
        "get_status_display": gettext_lazy("办理状态"),
    }
    export_filename = "public-messages"

    def get_urlpatterns(self):
        """No free editing: the edit route leads to 办理, where each change is a step."""
        patterns = [p for p in super().get_urlpatterns() if p.name != "edit"]
        return patterns + [
            path("edit/<int:pk>/", edit_redirect_view, name="edit"),
            path("<int:pk>/process/", process_view, name="process"),
        ]


def edit_redirect_view(request, pk):
    if not request.user.has_perm(CHANGE):
        raise PermissionDenied
    return redirect("participation_messages:process", pk)
