"""The portal home page and the disclosure guide (条例 第12条); the organisation settings it
shows live in :mod:`disclosure.organisation`."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from disclosure.columns.models import latest_items
from disclosure.departments.models import Department, DepartmentKind
from disclosure.organisation.models import Leader
from disclosure.publishing.models import PortalPage
from disclosure.publishing.routing import find_by_url_path
from disclosure.publishing.visibility import restrictions_read_once

from . import entries


class HomePage(PortalPage):
    intro = RichTextField(_("首页导语"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = [
        "columns.ColumnPage",
        "home.DisclosureGuidePage",
        "home.InstitutionPage",
        "catalogue.CataloguePage",
    ]
    max_count = 1

    class Meta:
        verbose_name = _("门户首页")

    def route(self, request, path_components):
        """Wagtail's routing from the site root, in two queries where it safely can
        (:mod:`disclosure.publishing.routing`); the tree walk otherwise."""
        page = find_by_url_path(self, path_components)
        if page is None:
            return super().route(request, path_components)
        return page.route(request, [])

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        with restrictions_read_once():  # the quick links and the latest items both need them
            context["quick_links"] = entries.quick_links(self, DisclosureGuidePage, request)
            context["latest_items"] = latest_items(self, 10)
        return context


class DisclosureGuidePage(PortalPage):
    """政府信息公开指南 (条例 第12条): renders the organisation settings plus the editor's text."""

    body = RichTextField(_("指南正文"), blank=True, help_text=_("信息分类、编排体系、获取方式等"))

    content_panels = Page.content_panels + [FieldPanel("body")]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("政府信息公开指南")


class InstitutionPage(PortalPage):
    """机构信息 (条例 第20条第（一）项: 机构职能、机构设置、办公地址、办公时间、联系方式、负责人姓名):
    the bureau's functions and contacts from the organisation settings, its leaders and its
    internal departments (内设机构) from their records — one source, edited once."""

    intro = RichTextField(_("导语"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("机构信息")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["leaders"] = Leader.objects.filter(is_active=True)
        context["departments"] = (
            Department.objects.filter(is_active=True)
            .exclude(kind=DepartmentKind.PLACEHOLDER)
            .order_by("sort_order", "name")
        )
        return context
