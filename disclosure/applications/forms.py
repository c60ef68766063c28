"""The request form of the portal (条例 第29条) and the status lookup, with their checks in
Chinese: identity numbers with their check characters, a contact, a description, and a small
arithmetic question that needs no outside service (:mod:`disclosure.public_forms`)."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from disclosure.checks.scanner import id_check_character
from disclosure.organisation.credit_code import validate_credit_code
from disclosure.public_forms import ChallengeMixin

from .choices import IdentityDocument, RequesterType
from .models import InformationRequest

#: What a requester or a reply may attach, by extension, with the first bytes its content must
#: start with (a renamed executable or a web page is refused).
ACCEPTED_FILES = {
    "pdf": (b"%PDF",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "png": (b"\x89PNG",),
    "docx": (b"PK\x03\x04",),
    "xlsx": (b"PK\x03\x04",),
    "doc": (b"\xd0\xcf\x11\xe0",),
    "wps": (b"\xd0\xcf\x11\xe0",),
    "xls": (b"\xd0\xcf\x11\xe0",),
}


def validate_upload(upload):
    """Why ``upload`` is refused (in Chinese), or ``""``: its type by extension and content,
    and its size (``APPLICATION_FILE_MAX_BYTES``)."""
    name = upload.name or ""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in ACCEPTED_FILES:
        return _("不支持的文件类型“%(name)s”：请上传 PDF、JPG、PNG、Word、WPS 或 Excel 文件。") % {
            "name": name
        }
    limit = settings.APPLICATION_FILE_MAX_BYTES
    if upload.size > limit:
        return _("文件“%(name)s”过大（上限 %(limit)s MB）。") % {
            "name": name,
            "limit": round(limit / 1024 / 1024),
        }
    head = upload.read(8)
    upload.seek(0)
    if not any(head.startswith(magic) for magic in ACCEPTED_FILES[extension]):
        return _("文件“%(name)s”的内容与扩展名不符，请检查后重新上传。") % {"name": name}
    return ""


class InformationRequestForm(ChallengeMixin, forms.ModelForm):
    attachment = forms.FileField(
        label=gettext_lazy("附件（可选）"),
        required=False,
        help_text=gettext_lazy(
            "如身份证明、授权委托书等，PDF、JPG、PNG、Word 或 Excel，不超过 10 MB。"
        ),
    )

    class Meta:
        model = InformationRequest
        fields = [
            "requester_type",
            "requester_name",
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

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        if upload:
            error = validate_upload(upload)
            if error:
                raise ValidationError(error)
        return upload

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
        applicant = cleaned.get("requester_type")
        if applicant and kind:
            person = applicant == RequesterType.NATURAL_PERSON
            if person and kind == IdentityDocument.CREDIT_CODE:
                self.add_error("identity_type", _("自然人请提供居民身份证等身份证件。"))
            if not person and kind != IdentityDocument.CREDIT_CODE:
                self.add_error("identity_type", _("法人或者其他组织请提供统一社会信用代码。"))
        if kind == IdentityDocument.ID_CARD and number:
            if (
                len(number) != 18
                or not (number[:17].isascii() and number[:17].isdigit())
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
