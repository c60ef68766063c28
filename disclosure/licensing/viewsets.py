"""Admin for the licensing list and decisions; registered in :mod:`.wagtail_hooks`."""

import django_filters
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.auth import permission_required
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.viewsets.base import ViewSetGroup

from disclosure.opendata.viewsets import RecordViewSet
from disclosure.workdays.calendar import WorkdayCalendar

from . import rules
from .choices import ItemStatus
from .models import LicenceDecision, LicensingItem


class LicensingItemFilterSet(WagtailFilterSet):
    guide = django_filters.ChoiceFilter(
        label=_("服务指南"),
        choices=[("incomplete", _("要素不全")), ("complete", _("要素齐全"))],
        method="filter_guide",
    )

    class Meta:
        model = LicensingItem
        fields = ["status", "department"]

    def filter_guide(self, queryset, name, value):
        if value == "incomplete":
            return queryset.filter(rules.incomplete_guide_q())
        if value == "complete":
            return queryset.exclude(rules.incomplete_guide_q())
        return queryset


class LicensingItemViewSet(RecordViewSet):
    model = LicensingItem
    icon = "list-ul"
    menu_label = _("行政许可事项清单")
    list_display = ["code", "name", "status", "department", "guide_status_display"]
    filterset_class = LicensingItemFilterSet
    search_fields = ["code", "name", "legal_basis"]
    list_export = [
        "code",
        "name",
        "status",
        "department",
        "legal_basis",
        "time_limit",
        "guide_status_display",
    ]
    export_filename = "licensing-items"
    exclude_form_fields = []


class LicenceDecisionFilterSet(WagtailFilterSet):
    class Meta:
        model = LicenceDecision
        fields = ["kind", "department", "item"]


class LicenceDecisionViewSet(RecordViewSet):
    model = LicenceDecision
    icon = "doc-full"
    menu_label = _("行政许可决定")
    list_display = ["decision_number", "party_name", "kind", "decided_on", "published_on"]
    filterset_class = LicenceDecisionFilterSet
    search_fields = ["decision_number", "party_name", "party_credit_code", "licence_number"]
    list_export = [
        "decision_number",
        "kind",
        "party_name",
        "party_credit_code",
        "licence_number",
        "decided_on",
        "valid_until",
        "published_on",
    ]
    export_filename = "licence-decisions"
    exclude_form_fields = []


class LicensingViewSetGroup(ViewSetGroup):
    menu_label = _("行政许可")
    menu_icon = "tasks"
    menu_order = 260
    items = (LicensingItemViewSet("licensing_items"), LicenceDecisionViewSet("licence_decisions"))


@permission_required("licensing.view_licensingitem")
def guide_report_view(request):
    """Items whose service guide misses an element (a site whose guides lack them fails the
    government-website inspection), and decisions published after their deadline."""
    items = (
        LicensingItem.objects.filter(rules.incomplete_guide_q())
        .select_related("department")
        .order_by("code")
    )
    rows = [
        {
            "item": item,
            "missing": item.missing_guide_elements,
            "edit_url": reverse("licensing_items:edit", args=[item.pk]),
        }
        for item in items
    ]
    calendar = WorkdayCalendar()
    late = []
    for decision in LicenceDecision.objects.select_related("department").order_by("-decided_on")[
        :500
    ]:
        due = rules.publication_due_on(decision.decided_on, calendar)
        if decision.published_on > due:
            late.append({"decision": decision, "due": due})
    return TemplateResponse(
        request,
        "licensing/guide_report.html",
        {
            "rows": rows,
            "late": late,
            "retained_count": LicensingItem.objects.filter(status=ItemStatus.RETAINED).count(),
            "today": timezone.localdate(),
        },
    )


def admin_urls():
    return [path("licensing/guide-report/", guide_report_view, name="licensing_guide_report")]
