"""The report of policies without interpretations (后台 → 报表 → 未解读的政策文件)."""

from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext as _

from .rules import policies_without_interpretations


def missing_interpretations_report(request):
    policies = policies_without_interpretations()
    return TemplateResponse(
        request,
        "policies/admin/missing_interpretations.html",
        {"policies": policies, "page_title": _("未解读的政策文件")},
    )


def admin_urls():
    return [
        path(
            "policies/missing-interpretations/",
            missing_interpretations_report,
            name="policies_missing_interpretations",
        )
    ]
