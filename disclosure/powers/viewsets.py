from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet

from disclosure.opendata.viewsets import RecordViewSet

from .models import PowerItem


class PowerItemFilterSet(WagtailFilterSet):
    class Meta:
        model = PowerItem
        fields = ["kind", "department", "is_active"]


class PowerItemViewSet(RecordViewSet):
    """Items are never deleted: ending one is recorded on it (停止实施日期)."""

    model = PowerItem
    icon = "list-ol"
    menu_label = _("权责清单")
    add_to_admin_menu = True
    menu_order = 263
    list_display = ["code", "name", "kind", "department", "is_active", "adjusted_on"]
    filterset_class = PowerItemFilterSet
    search_fields = ["code", "name", "legal_basis"]
    list_export = ["code", "name", "kind", "legal_basis", "department", "is_active", "adjusted_on"]
    export_filename = "power-items"
    exclude_form_fields = []
