"""The application form of the portal (条例 第29条) and the status lookup, with their checks in
Chinese: identity numbers with their check characters, a contact, a description, and a small
arithmetic question that needs no outside service."""

import secrets

from django import forms
from django.core import signing
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from disclosure.checks.scanner import id_check_character
from disclosure.organisation.credit_code import validate_credit_code

from .choices import ApplicantType, IdentityDocument
from .models import Application

CHALLENGE_SALT = "applications.challenge"
CHALLENGE_MAX_AGE = 3600


def new_challenge():
    """``(question, signed token)`` of a small sum."""
    a, b = secrets.randbelow(9) + 1, secrets.randbelow(9) + 1
    return _("%(a)s 加 %(b)s 等于几？") % {"a": a, "b": b}, signing.dumps(
        [a, b], salt=CHALLENGE_SALT
    )


class ApplicationForm(forms.ModelForm):
    challenge = forms.CharField(widget=forms.HiddenInput)
    answer = forms.CharField(label=gettext_lazy("验证问题"), max_length=3)

    class Meta:
        model = Application
        fields = [
            "applicant_type",
            "applicant_name",
            "identity_type",
            "identity_number",
            "contact_phone",
            "contact_email",
            "contact_address",
            "description",
            "form_wanted",
            "delivery",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.question, self.fields["challenge"].initial = new_challenge()
        else:
            self.question = ""

    def clean_answer(self):
        try:
            a, b = signing.loads(
                self.data.get("challenge", ""), salt=CHALLENGE_SALT, max_age=CHALLENGE_MAX_AGE
            )
        except signing.BadSignature:
            raise ValidationError(_("验证问题已过期，请重新填写。")) from None
        if self.cleaned_data["answer"].strip() != str(a + b):
            raise ValidationError(_("验证问题的答案不正确。"))
        return self.cleaned_data["answer"]

    def clean_description(self):
        text = self.cleaned_data["description"].strip()
        if len(text) < 5:
            raise ValidationError(
                _("请描述所需政府信息的名称、文号或者便于查询的其他特征（条例第二十九条）。")
            )
        return text

    def clean(self):
        cleaned = super().clean()
        kind, number = cleaned.get("identity_type"), (cleaned.get("identity_number") or "")
        number = number.strip().upper()
        applicant = cleaned.get("applicant_type")
        if applicant and kind:
            person = applicant == ApplicantType.NATURAL_PERSON
            if person and kind == IdentityDocument.CREDIT_CODE:
                self.add_error("identity_type", _("自然人请提供居民身份证等身份证件。"))
            if not person and kind != IdentityDocument.CREDIT_CODE:
                self.add_error("identity_type", _("法人或者其他组织请提供统一社会信用代码。"))
        if kind == IdentityDocument.ID_CARD and number:
            if (
                len(number) != 18
                or not number[:17].isdigit()
                or (id_check_character(number[:17]) != number[17])
            ):
                self.add_error("identity_number", _("居民身份证号码不正确，请核对。"))
        if kind == IdentityDocument.CREDIT_CODE and number:
            try:
                validate_credit_code(number)
            except ValidationError as error:
                self.add_error("identity_number", error)
        cleaned["identity_number"] = number
        return cleaned


class TrackForm(forms.Form):
    tracking_number = forms.CharField(label=gettext_lazy("申请编号"), max_length=20)
    code = forms.CharField(label=gettext_lazy("查询码"), max_length=20)
