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

from disclosure.statements import first_instance, kept_statement

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
    regions = models.CharField(
        _("所在地区"),
        max_length=100,
        blank=True,
        help_text=_(
            "本机关所在的省、市，与法规库的“地域”同名（如：河南，洛阳），用逗号或顿号分隔。"
            "检索时，未提地名的问题先给出全国性的法律法规，其他地区的地方性法规排在其后；"
            "本地区的不受影响。"
        ),
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
    icp_number = models.CharField(
        _("ICP备案号"), max_length=50, blank=True, help_text=_("如：京ICP备12345678号")
    )
    police_record_number = models.CharField(
        _("公安机关备案号"),
        max_length=50,
        blank=True,
        help_text=_("如：京公网安备11010502000001号"),
    )
    party_government_mark_url = models.URLField(
        _("党政机关网站标识链接"),
        blank=True,
        help_text=_("党政机关网站标识（开办单位核验）的链接，由机构编制部门核发。"),
    )
    functions = models.TextField(
        _("机构职能"), blank=True, help_text=_("“机构信息”页面显示的主要职责，每段一行。")
    )
    history = HistoricalRecords(table_name="home_historicalorganisationsettings")

    panels = [
        MultiFieldPanel(
            [FieldPanel("name"), FieldPanel("credit_code"), FieldPanel("regions")],
            heading=_("机关"),
        ),
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
        MultiFieldPanel(
            [
                FieldPanel("icp_number"),
                FieldPanel("police_record_number"),
                FieldPanel("party_government_mark_url"),
            ],
            heading=_("网站备案和标识（页脚）"),
        ),
        FieldPanel("functions"),
        FieldPanel("withheld_review_months"),
    ]

    class Meta:
        db_table = "home_organisationsettings"
        verbose_name = _("机构设置")

    def save(self, *args, **kwargs):
        self.credit_code = (self.credit_code or "").strip().upper()
        super().save(*args, **kwargs)

    @classmethod
    def for_site(cls, site):
        """Wagtail's ``for_site``: the site's settings, read by a kept statement (every portal
        page reads them for its title, footer and meta tags); created by Wagtail if missing."""
        if site is not None and site.pk is not None:
            database = cls.objects.db
            found = first_instance(cls, database, settings_statement(database, site.pk))
            if found is not None:
                return found
        return super().for_site(site)

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


@kept_statement(values=1)
def settings_statement(database, site_id):
    """The organisation settings of the site ``site_id``."""
    return OrganisationSettings.objects.using(database).filter(site_id=site_id).order_by("pk")[:1]


@kept_statement
def default_settings_statement(database):
    """The organisation settings of the default site."""
    return (
        OrganisationSettings.base_queryset()
        .using(database)
        .filter(site__is_default_site=True)
        .order_by("pk")[:1]
    )


def organisation_for(page=None):
    """The organisation settings of ``page``'s site; a page without a site yet (being created,
    or outside every site) gets the default site's. ``None`` when there is no site at all."""
    site = page.get_site() if page is not None and page.pk else None
    if site is None:
        # The default site's settings by one kept statement (each search asks: the ORM built it
        # again every time, 0.7 ms on PostgreSQL); created below if none.
        database = OrganisationSettings.objects.db
        found = first_instance(OrganisationSettings, database, default_settings_statement(database))
        if found is not None:
            return found
        site = Site.objects.filter(is_default_site=True).first()
    return OrganisationSettings.for_site(site) if site else None


class Leader(models.Model):
    """领导信息: a leader of the bureau, shown on the 机构信息 page (name, post, duties)."""

    name = models.CharField(_("姓名"), max_length=50)
    post = models.CharField(_("职务"), max_length=100)
    duties = models.TextField(_("工作分工"), blank=True)
    sort_order = models.PositiveIntegerField(_("排序"), default=0)
    is_active = models.BooleanField(_("在任"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("领导信息")
        verbose_name_plural = _("领导信息")
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return f"{self.name}（{self.post}）"


class EmergencyNotice(models.Model):
    """A notice editors raise on every portal page until a set time (e.g. a severe weather
    closure of the service hall, an urgent food-safety warning). Saving or ending it renews the
    page cache; a page cached before its end hides it in the browser once the end has passed."""

    text = models.CharField(_("公告内容"), max_length=300)
    link = models.URLField(_("详情链接"), blank=True)
    ends_at = models.DateTimeField(_("显示截止时间"))
    is_active = models.BooleanField(_("启用"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("紧急公告")
        verbose_name_plural = _("紧急公告")
        ordering = ["-ends_at", "-pk"]

    def __str__(self):
        return self.text


@kept_statement
def raised_notices_statement(database, since):
    """The notices raised and not ended at the minute ``since``, newest end first."""
    return EmergencyNotice.objects.using(database).filter(is_active=True, ends_at__gt=since)


def raised_notices(now):
    """The emergency notices raised and not yet ended at ``now``, newest end first (every portal
    page shows them): read by a statement kept for the minute, so composed once a minute, the
    end compared to the second here."""
    since = now.replace(second=0, microsecond=0)
    database = EmergencyNotice.objects.db
    sql, params = raised_notices_statement(database, since)
    notices = EmergencyNotice.objects.db_manager(database).raw(sql, params)
    return [notice for notice in notices if notice.ends_at > now]
