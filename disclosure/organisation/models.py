"""The bureau's identity: the organisation settings that the portal, the disclosure guide
(条例 第12条) and the 索引号 (the credit code) read.

They sit below publishing in the layer order (``docs/architecture.md``), so that publishing
allocates index numbers and writes the government-website meta tags without reaching up into
the portal's ``home`` app. The tables keep the names they had in ``home``.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Site

from .credit_code import validate_credit_code


@register_setting(icon="group")
class OrganisationSettings(BaseSiteSetting):
    """The bureau's identity and the contact fields the disclosure guide must publish
    (条例 第12条: 工作机构名称、办公地址、办公时间、联系电话、传真号码、互联网联系方式)."""

    name = models.CharField(_("机关名称"), max_length=200, blank=True)
    credit_code = models.CharField(
        _("统一社会信用代码"),
        max_length=18,
        blank=True,
        validators=[validate_credit_code],
        help_text=_("用于生成索引号，一经使用不应更改"),
    )
    site_name = models.CharField(_("网站名称"), max_length=200, blank=True)
    site_domain = models.CharField(_("网站域名"), max_length=200, blank=True)
    site_id_code = models.CharField(_("网站标识码"), max_length=20, blank=True)
    office_name = models.CharField(_("政府信息公开工作机构"), max_length=200, blank=True)
    address = models.CharField(_("办公地址"), max_length=255, blank=True)
    postcode = models.CharField(_("邮政编码"), max_length=10, blank=True)
    office_hours = models.CharField(_("办公时间"), max_length=255, blank=True)
    phone = models.CharField(_("联系电话"), max_length=100, blank=True)
    fax = models.CharField(_("传真号码"), max_length=100, blank=True)
    email = models.EmailField(_("电子邮箱"), blank=True)
    online_contact = models.URLField(_("互联网联系方式"), blank=True)
    withheld_review_months = models.PositiveSmallIntegerField(
        _("不予公开信息定期审查周期（月）"),
        default=12,
        help_text=_(
            "条例第十八条：对不予公开的政府信息定期评估审查；新认定的不予公开信息据此设定审查日期"
        ),
    )
    history = HistoricalRecords(table_name="home_historicalorganisationsettings")

    panels = [
        MultiFieldPanel([FieldPanel("name"), FieldPanel("credit_code")], heading=_("机关")),
        MultiFieldPanel(
            [FieldPanel("site_name"), FieldPanel("site_domain"), FieldPanel("site_id_code")],
            heading=_("网站"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("office_name"),
                FieldPanel("address"),
                FieldPanel("postcode"),
                FieldPanel("office_hours"),
                FieldPanel("phone"),
                FieldPanel("fax"),
                FieldPanel("email"),
                FieldPanel("online_contact"),
            ],
            heading=_("政府信息公开指南"),
        ),
        FieldPanel("withheld_review_months"),
    ]

    class Meta:
        db_table = "home_organisationsettings"
        verbose_name = _("机构设置")

    def save(self, *args, **kwargs):
        self.credit_code = (self.credit_code or "").strip().upper()
        super().save(*args, **kwargs)

    def guide_rows(self):
        return [
            (_("工作机构"), self.office_name),
            (_("办公地址"), self.address),
            (_("邮政编码"), self.postcode),
            (_("办公时间"), self.office_hours),
            (_("联系电话"), self.phone),
            (_("传真号码"), self.fax),
            (_("电子邮箱"), self.email),
            (_("互联网联系方式"), self.online_contact),
        ]


def organisation_for(page=None):
    """The organisation settings of ``page``'s site; a page without a site yet (being created,
    or outside every site) gets the default site's. ``None`` when there is no site at all."""
    site = page.get_site() if page is not None and page.pk else None
    if site is None:
        site = Site.objects.filter(is_default_site=True).first()
    return OrganisationSettings.for_site(site) if site else None
