"""统一社会信用代码 (unified social credit code), GB 32100-2015: the one module of the format.

18 characters from the GB 32100 alphabet (digits and capitals without I, O, S, V, Z); the last
is a check character over the first 17 with the standard's weights (mod 31).
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

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
