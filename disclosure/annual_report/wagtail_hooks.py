from wagtail import hooks

from .viewsets import AnnualReportRecordsGroup


@hooks.register("register_admin_viewset")
def register_annual_report_records():
    return AnnualReportRecordsGroup()
