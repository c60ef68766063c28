"""Admin of the bureau's leaders (领导信息) and of the emergency notices (紧急公告), under 设置;
the disclosure office keeps both. A notice is ended by its end time or by switching it off,
never deleted (its history stays)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import ModelPermissionPolicy

from .models import EmergencyNotice, Leader


class NoticePermissionPolicy(ModelPermissionPolicy):
    def user_has_permission(self, user, action):
        if action == "delete":
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class LeaderViewSet(ModelViewSet):
    model = Leader
    icon = "user"
    menu_label = _("领导信息")
    add_to_settings_menu = True
    url_prefix = "organisation/leaders"
    name = "organisation_leaders"
    form_fields = ["name", "post", "duties", "sort_order", "is_active"]
    list_display = ["name", "post", "sort_order", "is_active"]
    copy_view_enabled = False


class EmergencyNoticeViewSet(ModelViewSet):
    model = EmergencyNotice
    icon = "warning"
    menu_label = _("紧急公告")
    add_to_settings_menu = True
    url_prefix = "organisation/emergency-notices"
    name = "organisation_emergency_notices"
    form_fields = ["text", "link", "ends_at", "is_active"]
    list_display = ["text", "ends_at", "is_active"]
    copy_view_enabled = False
