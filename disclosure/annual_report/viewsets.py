"""Admin lists of the records table 二 counts: decisions registered here and fees (with their
history on the inspect page, exports, editors limited to their departments' records)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.viewsets.base import ViewSetGroup

from disclosure.opendata.viewsets import RecordViewSet

from .records import DecisionRecord, FeeRecord


class DecisionRecordFilterSet(WagtailFilterSet):
    class Meta:
        model = DecisionRecord
        fields = ["kind", "measure", "department"]


class DecisionRecordViewSet(RecordViewSet):
    model = DecisionRecord
    icon = "doc-full"
    menu_label = _("处理决定登记")
    list_display = ["decision_number", "kind", "decided_on", "party_name", "department"]
    filterset_class = DecisionRecordFilterSet
    search_fields = ["decision_number", "party_name", "note"]
    list_export = [
        "kind",
        "decision_number",
        "decided_on",
        "measure",
        "party_name",
        "department",
        "note",
    ]
    export_filename = "decision-records"
    form_fields = [
        "kind",
        "decision_number",
        "decided_on",
        "measure",
        "party_name",
        "department",
        "note",
    ]


class FeeRecordFilterSet(WagtailFilterSet):
    class Meta:
        model = FeeRecord
        fields = ["department"]


class FeeRecordViewSet(RecordViewSet):
    model = FeeRecord
    icon = "doc-full"
    menu_label = _("行政事业性收费登记")
    list_display = ["item", "amount", "collected_on", "department"]
    filterset_class = FeeRecordFilterSet
    search_fields = ["item", "legal_basis", "note"]
    list_export = ["item", "legal_basis", "amount", "collected_on", "department", "note"]
    export_filename = "fee-records"
    form_fields = ["item", "legal_basis", "amount", "collected_on", "department", "note"]


class AnnualReportRecordsGroup(ViewSetGroup):
    menu_label = _("年度报告数据")
    menu_icon = "table"
    menu_order = 280
    items = (DecisionRecordViewSet("decision_records"), FeeRecordViewSet("fee_records"))
