"""Columns (栏目) of the portal, their departments, catalogue items and update class.

The update class records how often a column must be updated; the government-website
inspection rules (国办秘函〔2019〕19号) fail a site whose news columns go 2 weeks, or whose
notice/policy columns go 6 months, without an update.
"""

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from simple_history.models import HistoricalRecords
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page
from wagtail.search import index

from disclosure.publishing.listing import LINK_FIELDS, ItemListing, narrow_items_of_rows
from disclosure.publishing.models import PortalPage
from disclosure.publishing.visibility import restricted_below, restricted_q
from disclosure.statements import fetch_rows, kept_statement, stand_in, tree_key

ITEMS_PER_PAGE = 20
# Who may change a column's departments, catalogue items and update class (the disclosure
# office): an editor must not widen their own department's rights.
MANAGE_PERMISSION = "columns.manage_column_settings"


class UpdateClass(models.Model):
    """更新频率类别; ``max_interval_days`` empty means irregular (不定期)."""

    name = models.CharField(_("名称"), max_length=50, unique=True)
    max_interval_days = models.PositiveIntegerField(_("最长更新间隔（天）"), null=True, blank=True)
    sort_order = models.PositiveIntegerField(_("排序"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("栏目更新类别")
        verbose_name_plural = _("栏目更新类别")
        ordering = ["sort_order", "name"]

    def __str__(self):
        if self.max_interval_days:
            return gettext("%(name)s（%(days)s 天）") % {
                "name": self.name,
                "days": self.max_interval_days,
            }
        return self.name


def item_type_choices():
    """The content types an editor may choose among for a column's 信息类型."""
    types = ContentType.objects.get_for_models(*item_models())
    return {"pk__in": [content_type.pk for content_type in types.values()]}


class ColumnPage(PortalPage):
    description = models.TextField(_("栏目描述"), blank=True)
    keywords = models.CharField(_("栏目关键词"), max_length=255, blank=True)
    column_type = models.CharField(
        _("栏目类型"), max_length=50, blank=True, help_text=_("如：信息公开、政务动态、办事服务")
    )
    update_class = models.ForeignKey(
        UpdateClass,
        verbose_name=_("更新类别"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="columns",
    )
    departments = ParentalManyToManyField(
        "departments.Department", verbose_name=_("负责科室"), blank=True, related_name="columns"
    )
    catalogue_items = ParentalManyToManyField(
        "catalogue.CatalogueItem",
        verbose_name=_("标准目录事项"),
        blank=True,
        related_name="columns",
    )
    item_types = ParentalManyToManyField(
        "contenttypes.ContentType",
        verbose_name=_("信息类型"),
        blank=True,
        related_name="+",
        limit_choices_to=item_type_choices,
        help_text=_("本栏目可发布的信息类型；不选则可发布所有类型。"),
    )

    content_panels = Page.content_panels + [FieldPanel("description")]
    settings_panels = Page.settings_panels + [
        MultiFieldPanel(
            [
                FieldPanel("column_type"),
                FieldPanel("keywords"),
                FieldPanel("update_class", permission=MANAGE_PERMISSION),
                FieldPanel(
                    "departments", widget=forms.CheckboxSelectMultiple, permission=MANAGE_PERMISSION
                ),
                FieldPanel("catalogue_items", permission=MANAGE_PERMISSION),
                FieldPanel(
                    "item_types",
                    widget=forms.CheckboxSelectMultiple,
                    permission=MANAGE_PERMISSION,
                ),
            ],
            heading=_("栏目设置"),
        )
    ]
    search_fields = Page.search_fields + [index.SearchField("description")]
    subpage_types = [
        "columns.ColumnPage",
        "publishing.ArticlePage",
        "normative.NormativeDocumentPage",
        "home.DisclosureGuidePage",
        "home.InstitutionPage",
        "catalogue.CataloguePage",
        "policies.PolicyDocumentPage",
        "policies.InterpretationPage",
        "policies.ConcernResponsePage",
        "normative.NormativeDatabasePage",
        "normative.CleanupListPage",
        "gazette.GazetteArchivePage",
        "funds.FundListPage",
        "opendata.DatasetPage",
        "enforcement.PenaltyListPage",
        "enforcement.PenaltyNoticePage",
        "annual_report.AnnualReportPage",
        "consultations.ConsultationPage",
    ]

    class Meta:
        verbose_name = _("栏目")
        verbose_name_plural = _("栏目")
        permissions = [("manage_column_settings", _("可设置栏目的负责科室、目录事项和更新类别"))]

    def allows_subpage_type(self, model):
        """A column holds the item types it lists (all when it lists none); other page types
        (subcolumns, the database, list pages…) as Wagtail's ``subpage_types`` allow — who
        may create those is :mod:`disclosure.columns.page_types`."""
        if model not in item_models():
            return True
        chosen = self.item_types.all() if self.pk else []
        return not chosen or any(ct.model_class() is model for ct in chosen)

    def item_departments(self):
        """The column's own departments (not placeholders such as 各业务科室), in the admin's
        order: the first is a new item's default 责任科室."""
        if not self.pk:
            return []
        return [
            department
            for department in self.departments.filter(is_active=True).order_by("sort_order", "name")
            if not department.is_placeholder
        ]

    def items(self):
        return live_items_below(self)

    def child_links(self):
        """The live children a column links to beside its items, as link rows in one query:
        ``(subcolumns, feature pages)`` — the feature pages being those neither columns nor
        items, the pages a column presents (the database, the gazette archive, a list page, the
        guide). A column is a ``ColumnPage`` itself: no page type extends it."""
        column = ContentType.objects.get_for_model(ColumnPage)
        subcolumns, features = [], []
        children = (
            Page.objects.child_of(self)
            .live()
            .not_type(*item_models())
            .order_by("path")
            .only(*LINK_FIELDS, "content_type")
        )
        for child in children:
            (subcolumns if child.content_type_id == column.pk else features).append(child)
        return subcolumns, features

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        paginator = Paginator(ItemListing(self.items()), ITEMS_PER_PAGE)
        context["page_obj"] = paginator.get_page(request.GET.get("page"))
        context["subcolumns"], context["feature_pages"] = self.child_links()
        return context


def item_models():
    """Every concrete page type that is a disclosure item."""
    from django.apps import apps

    from disclosure.publishing.models import DisclosureItemPage

    return [m for m in apps.get_models() if issubclass(m, DisclosureItemPage)]


def live_items_below(page, restricted=None):
    """Live items below ``page`` (a column, the home page), newest first, as pages: a list
    reads each one's own row with :mod:`disclosure.publishing.listing`. Items under a view
    restriction set below ``page`` are left out (:func:`restricted_below`; ``restricted``: those
    paths, when the caller has them): their titles are not public either."""
    if restricted is None:
        restricted = restricted_below(page)
    return (
        Page.objects.live()
        .descendant_of(page)
        .exclude(restricted_q(paths=restricted))
        .type(*item_models())
        .order_by("-first_published_at", "-pk")
    )


@kept_statement
def latest_items_statement(page_key, restricted, count, database):
    """The ``(pk, content type)`` rows of the ``count`` newest :func:`live_items_below` the page
    of ``page_key`` (:func:`~disclosure.statements.tree_key`), ``restricted`` the
    view restrictions below it."""
    page = stand_in(page_key)
    return (
        live_items_below(page, list(restricted))
        .using(database)[:count]
        .values_list("pk", "content_type")
    )


def latest_items(page, count):
    """The ``count`` newest live items below ``page``, as a list shows them (each item's narrow
    row, :mod:`disclosure.publishing.listing`); the statement kept per page and restrictions."""
    database = Page.objects.db
    statement = latest_items_statement(
        tree_key(page), tuple(restricted_below(page)), count, database
    )
    return narrow_items_of_rows(fetch_rows(database, statement))
