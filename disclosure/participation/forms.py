"""The message form of the portal and the lookup by query code, with their checks in Chinese
and the arithmetic question of :mod:`disclosure.public_forms`."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from disclosure.departments.models import Department
from disclosure.public_forms import ChallengeMixin

from .choices import MessageCategory
from .models import PublicMessage

MIN_BODY = 10


class MessageForm(ChallengeMixin, forms.ModelForm):
    class Meta:
        model = PublicMessage
        fields = ["category", "department", "subject", "body", "name", "phone", "email"]
        widgets = {"body": forms.Textarea(attrs={"rows": 6})}
        labels = {"department": gettext_lazy("涉及科室（可不选）")}
        help_texts = {
            "department": "",
            "body": gettext_lazy("不超过2000字。请勿填写身份证号、银行卡号等个人信息。"),
            "phone": gettext_lazy("仅用于联系核实，不予公开。"),
            "email": gettext_lazy("仅用于告知办理情况，不予公开。"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.filter(is_active=True)
        self.fields["category"].help_text = _(
            "投诉举报事项将转入投诉举报渠道处理，不在本栏目公开。"
        )
        self.fields["category"].choices = MessageCategory.choices

    def clean_subject(self):
        subject = self.cleaned_data["subject"].strip()
        if len(subject) < 4:
            raise ValidationError(_("标题太短，请用一句话概括留言事项（至少4个字）。"))
        return subject

    def clean_body(self):
        body = self.cleaned_data["body"].strip()
        if len(body) < MIN_BODY:
            raise ValidationError(
                _("留言内容太短，请说明具体事项（至少%(n)s个字）。") % {"n": MIN_BODY}
            )
        return body

    def clean(self):
        cleaned = super().clean()
        if not (cleaned.get("phone") or "").strip() and not cleaned.get("email"):
            self.add_error("phone", _("请至少填写联系电话或电子邮箱中的一项，以便答复和核实。"))
        return cleaned


class LookupForm(forms.Form):
    code = forms.CharField(label=gettext_lazy("查询码"), max_length=20)
