"""后台 → 错敏检测: the lists of the content checks (wording rules, sensitive terms, official
names), kept by the disclosure office, with search, filters, CSV/Excel export (written through
:mod:`disclosure.spreadsheets`, see ``PublishingConfig.ready``) and every change in the
history shown on the inspect page."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.generic import InspectView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from .models import OfficialName, SensitiveTerm, WordingRule

#: History records shown on the inspect page (newest first).
HISTORY_LIMIT = 50


class ListHistoryInspectView(InspectView):
    """The entry with its history: who changed what, when."""

    template_name = "opendata/admin/inspect_with_history.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        records = []
        for record in self.object.history.select_related("history_user")[:HISTORY_LIMIT]:
            changes = []
            previous = record.prev_record
            if previous is not None:
                for change in record.diff_against(previous).changes:
                    label = self.model._meta.get_field(change.field).verbose_name
                    changes.append((label, change.old, change.new))
            records.append({"record": record, "changes": changes})
        context["history_records"] = records
        return context


class ListViewSet(ModelViewSet):
    inspect_view_enabled = True
    inspect_view_class = ListHistoryInspectView
    search_backend_name = None
    list_per_page = 50
    add_to_admin_menu = False


class WordingRuleViewSet(ListViewSet):
    model = WordingRule
    icon = "edit"
    menu_label = _("易错词规则")
    list_display = ["wrong", "right", "severity", "enabled"]
    list_filter = ["severity", "enabled"]
    search_fields = ["wrong", "right", "explanation"]
    list_export = ["wrong", "right", "explanation", "severity", "enabled"]
    form_fields = ["wrong", "right", "explanation", "severity", "enabled"]


class SensitiveTermViewSet(ListViewSet):
    model = SensitiveTerm
    icon = "warning"
    menu_label = _("敏感词")
    list_display = ["term", "severity", "note", "enabled"]
    list_filter = ["severity", "enabled"]
    search_fields = ["term", "note"]
    list_export = ["term", "severity", "note", "enabled"]
    form_fields = ["term", "severity", "note", "enabled"]


class OfficialNameViewSet(ListViewSet):
    model = OfficialName
    icon = "group"
    menu_label = _("规范名称")
    list_display = ["name", "kind", "title", "enabled"]
    list_filter = ["kind", "enabled"]
    search_fields = ["name", "short_names", "wrong_names", "title", "outdated_titles"]
    list_export = [
        "kind",
        "name",
        "short_names",
        "wrong_names",
        "title",
        "outdated_titles",
        "enabled",
    ]
    form_fields = [
        "kind",
        "name",
        "short_names",
        "wrong_names",
        "title",
        "outdated_titles",
        "enabled",
    ]


class ContentListsGroup(ViewSetGroup):
    menu_label = _("错敏检测")
    menu_icon = "edit"
    menu_order = 310
    items = (
        WordingRuleViewSet("checks_wording_rules", url_prefix="checks/wording-rules"),
        SensitiveTermViewSet("checks_sensitive_terms", url_prefix="checks/sensitive-terms"),
        OfficialNameViewSet("checks_official_names", url_prefix="checks/official-names"),
    )
