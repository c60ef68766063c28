from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnnualReportConfig(AppConfig):
    name = "disclosure.annual_report"
    label = "annual_report"
    verbose_name = _("政府信息公开工作年度报告")
