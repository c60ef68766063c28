from django.utils.translation import gettext_lazy as _
from django_filters import ChoiceFilter
from wagtail.admin.filters import WagtailFilterSet

from disclosure.opendata.viewsets import RecordViewSet

from .models import ListEntry


class ListEntryFilterSet(WagtailFilterSet):
    status = ChoiceFilter(
        label=_("状态"),
        choices=[("current", _("在列")), ("removed", _("已移出"))],
        method="filter_status",
    )

    class Meta:
        model = ListEntry
        fields = ["kind", "department"]

    def filter_status(self, queryset, name, value):
        return queryset.current() if value == "current" else queryset.removed()


class ListEntryViewSet(RecordViewSet):
    """Entries are never deleted: removal is recorded on the entry (移出)."""

    model = ListEntry
    icon = "warning"
    menu_label = _("经营异常名录和严重违法失信名单")
    add_to_admin_menu = True
    menu_order = 262
    list_display = ["party_name", "credit_code", "kind", "entry_on", "removed_on", "status_display"]
    filterset_class = ListEntryFilterSet
    search_fields = ["party_name", "credit_code", "entry_reason"]
    list_export = [
        "kind",
        "party_name",
        "credit_code",
        "entry_reason",
        "entry_on",
        "entry_authority",
        "removal_reason",
        "removed_on",
        "removal_authority",
    ]
    export_filename = "credit-lists"
    exclude_form_fields = []
