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
