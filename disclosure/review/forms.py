"""Forms of the review tasks' actions.

Wagtail's workflow-action modal validates these forms, but the page editor passes the data it
collected to ``Task.on_action`` without validating it again; the tasks therefore re-validate the
submitted data with the same form (:func:`validate_action_data`) before acting.
"""

from django import forms
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from disclosure.publishing.choices import WithholdingGround

from .choices import CHECKLIST, CHECKLIST_FIELDS, Determination

OVERRIDE_HELP = _(
    "仅超级管理员可用：审核自己编辑或提交的信息时（四眼原则例外），必须填写理由，理由将记入页面历史。"
)


class ReviewActionForm(forms.Form):
    """Base: a comment and the superuser's override reason."""

    action = ""

    comment = forms.CharField(
        label=_("意见"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    override_reason = forms.CharField(
        label=_("越权审核理由"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=OVERRIDE_HELP,
    )


class HeadApprovalForm(ReviewActionForm):
    """科室负责人审核: approve or request changes, with an optional comment."""


class ConfidentialityReviewForm(ReviewActionForm):
    """保密审查: the checklist, the determination and, for 不予公开, its legal ground."""

    field_order = [
        *CHECKLIST_FIELDS,
        "determination",
        "withholding_ground",
        "comment",
        "override_reason",
    ]

    determination = forms.ChoiceField(
        label=_("审查结论"), choices=[("", "---------"), *Determination.choices], required=False
    )
    withholding_ground = forms.ChoiceField(
        label=_("不予公开依据"),
        choices=[("", "---------"), *WithholdingGround.choices],
        required=False,
        help_text=_("审查结论为“不予公开”时必填（条例第十四至十六条）。"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, label in CHECKLIST:
            self.fields[name] = forms.BooleanField(label=label, required=False)
        self.order_fields(self.field_order)

    def checklist(self):
        return {name: bool(self.cleaned_data.get(name)) for name in CHECKLIST_FIELDS}

    def missing_checklist_labels(self):
        return [str(label) for name, label in CHECKLIST if not self.cleaned_data.get(name)]

    def effective_determination(self):
        return self.cleaned_data.get("determination") or ""

    def clean(self):
        cleaned = super().clean()
        determination = cleaned.get("determination") or ""
        ground = cleaned.get("withholding_ground") or ""
        if self.action == "withhold" or determination == Determination.WITHHOLD:
            if determination and determination != Determination.WITHHOLD:
                raise forms.ValidationError(
                    _("“不予公开”操作的审查结论只能是“不予公开”。"), code="determination"
                )
            cleaned["determination"] = Determination.WITHHOLD
            if not ground:
                self.add_error(
                    "withholding_ground",
                    _("审查结论为“不予公开”时必须选择不予公开依据（条例第十四至十六条）。"),
                )
            if self.action == "approve":
                raise forms.ValidationError(
                    _("审查结论为“不予公开”时不能审查通过，请使用“不予公开”操作。"),
                    code="determination",
                )
            return cleaned
        if self.action == "approve":
            missing = self.missing_checklist_labels()
            if missing:
                raise forms.ValidationError(
                    _("保密审查清单必须全部勾选才能审查通过，未勾选：%(items)s。")
                    % {"items": "、".join(missing)},
                    code="checklist",
                )
            if determination not in (Determination.MAY_DISCLOSE, Determination.PARTIAL):
                self.add_error("determination", _("请选择审查结论：可以公开或部分公开。"))
            elif determination == Determination.PARTIAL and not cleaned.get("comment", "").strip():
                self.add_error("comment", _("部分公开的，请在意见中说明已作的处理。"))
            if ground:
                self.add_error("withholding_ground", _("审查通过的信息不应填写不予公开依据。"))
        elif self.action == "reject" and determination:
            # 退回修改 records no determination; 不予公开 is handled above.
            self.add_error("determination", _("退回修改不填写审查结论。"))
        return cleaned


def form_class_for(base, action):
    """A subclass of ``base`` that knows which action it validates."""
    return type(f"{base.__name__}_{action}", (base,), {"action": action})


def validate_action_data(form_class, data):
    """Validate ``data`` (what the view or the page editor passed to ``on_action``) again;
    refuse with the form's messages (in Chinese) when invalid. Returns the cleaned data."""
    form = form_class(data={k: v for k, v in data.items() if v is not None})
    if not form.is_valid():
        messages = []
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            for error in errors:
                messages.append(f"{label}：{error}" if label else str(error))
        raise PermissionDenied("；".join(messages))
    return form
