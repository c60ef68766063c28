"""惠民政策项目资金: the policies, projects and funds for people's livelihood, in one place
(seed plan 三(二) "惠民政策项目资金信息公开"; 条例 第20条 (八)(九) for fees and budgets).

Recipients are published in aggregate (a count and a description), never as a list of
persons (条例 第15条: personal information of third parties)."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField

from disclosure.publishing.models import PortalPage


class FundKind(models.TextChoices):
    POLICY = "policy", _("惠民政策")
    PROJECT = "project", _("惠民项目")
    FUND = "fund", _("惠民资金")


class FundRecord(models.Model):
    """One policy, project or fund with its amount, recipients (in aggregate), department and
    period."""

    kind = models.CharField(_("类别"), max_length=20, choices=FundKind.choices)
    name = models.CharField(_("名称"), max_length=255)
    policy = models.ForeignKey(
        "policies.PolicyDocumentPage",
        verbose_name=_("政策依据"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="fund_records",
    )
    amount = models.DecimalField(
        _("资金金额（万元）"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"), message=_("资金金额不能为负数。"))],
    )
    recipient_count = models.PositiveIntegerField(_("受益对象数量"), null=True, blank=True)
    recipients = models.CharField(
        _("受益对象（汇总）"),
        max_length=255,
        blank=True,
        help_text=_("如：小微企业 120 户；只填汇总情况，不列个人信息"),
    )
    department = models.ForeignKey(
        "departments.Department",
        verbose_name=_("主管科室"),
        on_delete=models.PROTECT,
        related_name="fund_records",
    )
    period_start = models.DateField(_("实施期限起"))
    period_end = models.DateField(_("实施期限止"), null=True, blank=True)
    summary = models.TextField(_("内容概述"), blank=True)
    is_public = models.BooleanField(_("在网站公开"), default=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("惠民政策项目资金")
        verbose_name_plural = _("惠民政策项目资金")
        ordering = ["-period_start", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gte=0) | models.Q(amount__isnull=True),
                name="fund_amount_not_negative",
                violation_error_message=_("资金金额不能为负数。"),
            )
        ]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        errors = {}
        if self.amount is not None and self.amount < 0:
            errors["amount"] = _("资金金额不能为负数（填写的是 %(amount)s 万元）。") % {
                "amount": self.amount
            }
        if self.period_start and self.period_end and self.period_end < self.period_start:
            errors["period_end"] = _("实施期限止不能早于实施期限起。")
        if self.kind in (FundKind.PROJECT, FundKind.FUND) and self.amount is None:
            errors["amount"] = _("项目和资金须填写资金金额。")
        if errors:
            raise ValidationError(errors)

    @property
    def period_display(self):
        end = self.period_end.isoformat() if self.period_end else _("长期")
        return gettext("%(start)s 至 %(end)s") % {
            "start": self.period_start.isoformat(),
            "end": end,
        }


class FundListPage(PortalPage):
    """The public list of 惠民政策项目资金: filterable by category, department, year and
    keyword, paginated, and downloadable as CSV (``?format=csv``)."""

    intro = RichTextField(_("说明"), blank=True)

    content_panels = PortalPage.content_panels + [FieldPanel("intro")]
    parent_page_types = ["columns.ColumnPage", "home.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("惠民政策项目资金页面")
        verbose_name_plural = _("惠民政策项目资金页面")

    def serve(self, request, *args, **kwargs):
        if request.GET.get("format") == "csv":
            from .listing import csv_response, filtered_records

            return csv_response(filtered_records(request.GET)[0])
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from .listing import list_context

        context = super().get_context(request, *args, **kwargs)
        context.update(list_context(request))
        return context
