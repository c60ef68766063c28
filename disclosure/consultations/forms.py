"""The comment form of a consultation page, with its checks in Chinese and the arithmetic
question of :mod:`disclosure.public_forms`."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from disclosure.public_forms import ChallengeMixin

from . import rules

MIN_COMMENT = 5


class CommentForm(ChallengeMixin, forms.Form):
    author_name = forms.CharField(
        label=gettext_lazy("姓名或称呼（可不填）"), max_length=50, required=False
    )
    contact = forms.CharField(
        label=gettext_lazy("联系方式"),
        max_length=100,
        help_text=gettext_lazy("电话或电子邮箱，仅供核实，不予公开。"),
    )
    text = forms.CharField(
        label=gettext_lazy("意见建议"),
        max_length=rules.MAX_COMMENT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=gettext_lazy("不超过2000字。意见经审核后公开（联系方式不公开）。"),
    )

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if len(text) < MIN_COMMENT:
            raise ValidationError(
                _("意见内容太短，请具体说明（至少%(n)s个字）。") % {"n": MIN_COMMENT}
            )
        return text
