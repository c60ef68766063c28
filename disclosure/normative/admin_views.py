"""Admin of the normative-document database: cleanup decisions, the validity log and the
review reminders (后台 → 规章和规范性文件)."""

from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.auth import permission_required
from wagtail_modeladmin.helpers import PermissionHelper
from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup

from . import validity
from .models import CleanupDecision, NormativeSettings, ValidityChange

HISTORY_TEMPLATE = "normative/admin/inspect_with_history.html"


class ReadOnlyPermissionHelper(PermissionHelper):
    def user_can_create(self, user):
        return False

    def user_can_edit_obj(self, user, obj):
        return False

    def user_can_delete_obj(self, user, obj):
        return False


class CleanupDecisionAdmin(ModelAdmin):
    model = CleanupDecision
    menu_label = gettext_lazy("清理结果")
    menu_icon = "tasks"
    list_display = ("document", "cleanup_year", "outcome", "decided_on")
    list_filter = ("cleanup_year", "outcome")
    search_fields = ("document__title", "document__document_number", "reason")
    inspect_view_enabled = True
    inspect_template_name = HISTORY_TEMPLATE


class ValidityChangeAdmin(ModelAdmin):
    model = ValidityChange
    menu_label = gettext_lazy("有效性变更记录")
    menu_icon = "history"
    list_display = ("document", "old_validity", "new_validity", "source", "changed_at")
    list_filter = ("source", "new_validity")
    search_fields = ("document__title", "reason")
    permission_helper_class = ReadOnlyPermissionHelper
    inspect_view_enabled = True
    inspect_template_name = HISTORY_TEMPLATE


class NormativeAdminGroup(ModelAdminGroup):
    menu_label = gettext_lazy("规范性文件清理")
    menu_icon = "doc-full"
    menu_order = 260
    items = (CleanupDecisionAdmin, ValidityChangeAdmin)


@permission_required("normative.view_cleanupdecision")
def review_reminders(request):
    settings = NormativeSettings.load(request_or_site=request)
    return TemplateResponse(
        request,
        "normative/admin/review_reminders.html",
        {
            "page_title": _("规范性文件清理提醒"),
            "due": validity.due_for_review(settings=settings),
            "settings": settings,
            "today": timezone.localdate(),
            "cleanup_url": reverse("normative_cleanupdecision_modeladmin_create"),
        },
    )


def admin_urls():
    return [
        path("normative/review-reminders/", review_reminders, name="normative_review_reminders")
    ]
