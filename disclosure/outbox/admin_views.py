from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.model import ModelViewSet

from .models import ChangeEvent


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
    permission_policy_actions = ["view"]

    def get_urlpatterns(self):
        return [p for p in super().get_urlpatterns() if p.name in {"index", "results", "inspect"}]
