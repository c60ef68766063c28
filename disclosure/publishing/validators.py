"""Validators of the catalogue metadata; messages in Chinese."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

_OPEN = "〔[(（【"
_CLOSE = "〕])）】"
_NUMERAL = r"[0-9０-９〇零一二三四五六七八九十百千]+"

# X〔YYYY〕N号 with any of the bracket spellings in use; X令第N号 (order numbers).
DOCUMENT_NUMBER_FORMS = (
    re.compile(
        rf"^\S.*[{re.escape(_OPEN)}]\s*\d{{4}}\s*[{re.escape(_CLOSE)}]\s*第?\s*{_NUMERAL}\s*号$"
    ),
    re.compile(rf"^\S.*令\s*[（(]?\s*第\s*{_NUMERAL}\s*号\s*[）)]?$"),
)


def validate_document_number(value):
    """文号 must look like ``X〔YYYY〕N号`` or ``X令第N号``."""
    value = (value or "").strip()
    if value and not any(form.match(value) for form in DOCUMENT_NUMBER_FORMS):
        raise ValidationError(
            _(
                "文号“%(value)s”格式不正确，应为“机关代字〔年份〕序号号”（如 黔府办函〔2020〕23号）或“××令第N号”。"
            ),
            code="document_number",
            params={"value": value},
        )


CREDIT_CODE_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_CODE_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def credit_code_check_character(first17):
    """The check character of a unified social credit code (GB 32100-2015)."""
    total = sum(
        CREDIT_CODE_CHARS.index(c) * w for c, w in zip(first17, CREDIT_CODE_WEIGHTS, strict=True)
    )
    return CREDIT_CODE_CHARS[(31 - total % 31) % 31]


def validate_credit_code(value):
    """统一社会信用代码: 18 characters from the GB 32100 alphabet with a valid check character."""
    value = (value or "").strip().upper()
    if not value:
        return
    if len(value) != 18 or any(c not in CREDIT_CODE_CHARS for c in value):
        raise ValidationError(
            _("统一社会信用代码应为 18 位数字或大写字母（不含 I、O、S、V、Z）。"),
            code="credit_code",
        )
    if credit_code_check_character(value[:17]) != value[17]:
        raise ValidationError(_("统一社会信用代码校验位不正确，请核对。"), code="credit_code_check")
