"""The annual report's rule of the publication gate (:mod:`disclosure.publishing.rules`)."""

from django.core.exceptions import NON_FIELD_ERRORS
from django.utils.translation import gettext as _

from disclosure.publishing.rules import register

from .models import AnnualReportPage


@register("annual_report.consistency", "条例 第50条；国办公开办函〔2021〕30号")
def consistency(page, revision):
    """An annual report is published only when its tables pass the 勾稽 checks of the format
    (一+二 = （七）总计+四 per column, totals equal their parts, last year's carry-over equals
    this year's)."""
    if not isinstance(page, AnnualReportPage):
        return {}
    problems = page.consistency_errors()
    if not problems:
        return {}
    return {NON_FIELD_ERRORS: _("年度报告的勾稽关系检查未通过：") + " ".join(problems)}
