"""The records table 二 counts that no other app holds (条例 第20条第（五）（六）（八）项):
decisions registered here (行政强制 decisions, and licence or penalty decisions not kept as a
licence record or a penalty notice — a warning, a simplified-procedure penalty) and the
行政事业性收费 collected. Simple records with history."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .choices import CoerciveMeasure, DecisionKind


class DecisionRecord(models.Model):
    """A decision of the year counted in table 二 besides the licence records and the penalty
    notices (which are counted from themselves)."""

    kind = models.CharField(_("决定类别"), max_length=20, choices=DecisionKind.choices)
    decision_number = models.CharField(
        _("决定书文号"),
        max_length=100,
        unique=True,
        help_text=_("已作为行政许可决定或行政处罚公示登记的决定不要重复登记。"),
    )
    decided_on = models.DateField(_("决定日期"))
    measure = models.CharField(
        _("强制措施种类"),
        max_length=20,
        choices=CoerciveMeasure.choices,
        blank=True,
        help_text=_("行政强制决定必填。"),
    )
    party_name = models.CharField(_("当事人"), max_length=200, blank=True)
    department = models.ForeignKey(
        "departments.Department",
        verbose_name=_("承办科室"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    note = models.CharField(_("备注"), max_length=255, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("处理决定登记")
        verbose_name_plural = _("处理决定登记")
        ordering = ["-decided_on", "-pk"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.decision_number}"

    def clean(self):
        errors = {}
        if self.decided_on and self.decided_on > timezone.localdate():
            errors["decided_on"] = _("决定日期不能晚于今天。")
        if self.kind == DecisionKind.COERCIVE and not self.measure:
            errors["measure"] = _("行政强制决定须选择强制措施种类。")
        if self.kind != DecisionKind.COERCIVE and self.measure:
            errors["measure"] = _("只有行政强制决定填写强制措施种类。")
        if errors:
            raise ValidationError(errors)


class FeeRecord(models.Model):
    """行政事业性收费 collected (table 二, 第二十条第（八）项, reported in 万元)."""

    item = models.CharField(_("收费项目"), max_length=200)
    legal_basis = models.CharField(_("收费依据"), max_length=255, blank=True)
    amount = models.DecimalField(
        _("金额（元）"),
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
    )
    collected_on = models.DateField(
        _("收费日期"), help_text=_("按期汇总登记的，填写该期最后一天。")
    )
    department = models.ForeignKey(
        "departments.Department",
        verbose_name=_("收费科室"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    note = models.CharField(_("备注"), max_length=255, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("行政事业性收费登记")
        verbose_name_plural = _("行政事业性收费登记")
        ordering = ["-collected_on", "-pk"]

    def __str__(self):
        return f"{self.item} {self.amount}"
