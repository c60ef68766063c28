from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from .models import ChangeEvent


class ViewOnlyPolicy(ModelPermissionPolicy):
    """Records written by the system (the outbox, webhook deliveries): nobody adds, edits or
    deletes them in the admin, superusers included; they are only looked at."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class ChangeEventViewSet(ModelViewSet):
    """Read-only listing of the outbox (append-only: no create, edit or delete)."""

    model = ChangeEvent
    icon = "history"
    menu_label = _("变更事件")
    add_to_admin_menu = False
    list_display = ["pk", "kind", "title", "index_number", "occurred_at"]
    list_filter = ["kind"]
    search_fields = ["title", "index_number"]
    inspect_view_enabled = True
    form_fields = ["reason"]
