"""The standard catalogue (基层政务公开标准目录) and its page on the portal.

Every column of the national catalogue format in ``domain.md`` is a field here; the seed plan
requires that every item has a column on the site, which :mod:`.coverage` checks.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField

from disclosure.departments.models import Department
from disclosure.publishing.models import PortalPage

from .choices import Audience, Channel, DisclosureMethod, Level
from .fields import ChoiceListField


class CatalogueItem(models.Model):
    number = models.PositiveIntegerField(_("序号"), unique=True)
    category = models.CharField(_("一级事项"), max_length=100)
    item = models.CharField(_("二级事项"), max_length=200)
    content_elements = models.TextField(_("公开内容（要素）"))
    legal_basis = models.TextField(_("公开依据"))
    time_limit = models.CharField(_("公开时限"), max_length=200)
    lead_department = models.ForeignKey(
        Department,
        verbose_name=_("牵头科室"),
        on_delete=models.PROTECT,
        related_name="led_catalogue_items",
    )
    responsible_departments = models.ManyToManyField(
        Department,
        verbose_name=_("责任科室"),
        related_name="catalogue_items",
        blank=True,
        help_text=_("公开主体；可包含“各起草科室”等泛指"),
    )
    channels = ChoiceListField(_("公开渠道和载体"), choices=Channel.choices)
    audience = models.CharField(
        _("公开对象"), max_length=20, choices=Audience.choices, default=Audience.PUBLIC
    )
    method = models.CharField(
        _("公开方式"),
        max_length=20,
        choices=DisclosureMethod.choices,
        default=DisclosureMethod.PROACTIVE,
    )
    level = models.CharField(
        _("公开层级"), max_length=20, choices=Level.choices, default=Level.CITY
    )
    suggested_column = models.CharField(_("建议栏目"), max_length=100, blank=True)
    history = HistoricalRecords(m2m_fields=[responsible_departments])

    class Meta:
        verbose_name = _("标准目录事项")
        verbose_name_plural = _("标准目录")
        ordering = ["number"]

    def __str__(self):
        return f"{self.number}. {self.category} / {self.item}"

    @property
    def owner_display(self):
        """公开主体 as the catalogue prints it: lead department first."""
        names = [self.lead_department.name]
        names += [
            d.name for d in self.responsible_departments.all() if d.pk != self.lead_department_id
        ]
        return "；".join(names)

    def get_channels_display(self):
        labels = dict(Channel.choices)
        return "；".join(str(labels.get(code, code)) for code in self.channels)


class CataloguePage(PortalPage):
    """The standard catalogue published on the portal (seed plan: 标准规范 published)."""

    intro = RichTextField(_("说明"), blank=True)

    content_panels = PortalPage.content_panels + [FieldPanel("intro")]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("标准目录页面")
        verbose_name_plural = _("标准目录页面")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        items = CatalogueItem.objects.select_related("lead_department").prefetch_related(
            "responsible_departments", "columns"
        )
        groups = {}
        for item in items:
            groups.setdefault(item.category, []).append(item)
        context["catalogue_groups"] = list(groups.items())
        return context
