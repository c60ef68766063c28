"""The power and responsibility list (权责清单).

domain.md ("Enforcement disclosure"): each item names its type (行政许可/处罚/强制/检查/征收/
给付/确认/奖励/裁决/其他), its legal basis and the responsible department; the list is updated
when laws change and its history is kept. Every adjustment records its date and reason
(``adjusted_on``, ``adjustment_reason``, also in the history record); an item that is no longer
exercised is ended (``is_active`` off, ``ended_on``), never deleted, so the public can see
what changed and when.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from disclosure.departments.models import Department


class PowerKind(models.TextChoices):
    LICENSING = "licensing", _("行政许可")
    PENALTY = "penalty", _("行政处罚")
    COERCION = "coercion", _("行政强制")
    INSPECTION = "inspection", _("行政检查")
    LEVY = "levy", _("行政征收")
    BENEFIT = "benefit", _("行政给付")
    CONFIRMATION = "confirmation", _("行政确认")
    REWARD = "reward", _("行政奖励")
    ADJUDICATION = "adjudication", _("行政裁决")
    OTHER = "other", _("其他行政权力")


class PowerItemQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class PowerItem(models.Model):
    code = models.CharField(_("事项编码"), max_length=50, unique=True)
    name = models.CharField(_("事项名称"), max_length=300)
    kind = models.CharField(_("权力类型"), max_length=20, choices=PowerKind.choices)
    legal_basis = models.TextField(_("实施依据"))
    department = models.ForeignKey(
        Department,
        verbose_name=_("责任科室"),
        on_delete=models.PROTECT,
        related_name="power_items",
    )
    responsibilities = models.TextField(_("责任事项"), blank=True)
    accountability = models.TextField(_("追责情形"), blank=True)
    is_active = models.BooleanField(_("有效"), default=True)
    adjusted_on = models.DateField(_("调整日期"), default=timezone.localdate)
    adjustment_reason = models.CharField(
        _("调整原因"),
        max_length=300,
        blank=True,
        help_text=_("如：《中华人民共和国食品安全法》修正，依据条款变化"),
    )
    ended_on = models.DateField(_("停止实施日期"), null=True, blank=True)
    history = HistoricalRecords()

    objects = PowerItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("权责事项")
        verbose_name_plural = _("权责清单")
        ordering = ["kind", "code"]

    def __str__(self):
        return f"{self.code} {self.name}"

    def clean(self):
        errors = {}
        if not self.is_active and not self.ended_on:
            errors["ended_on"] = _("停止实施的事项须填写停止实施日期。")
        if self.is_active and self.ended_on:
            errors["ended_on"] = _("有效的事项不应填写停止实施日期。")
        if self.pk and not self.adjustment_reason.strip():
            previous = type(self).objects.filter(pk=self.pk).first()
            if previous and (
                previous.legal_basis != self.legal_basis
                or previous.is_active != self.is_active
                or previous.kind != self.kind
            ):
                errors["adjustment_reason"] = _(
                    "变更实施依据、类型或状态时须填写调整原因（清单调整须留痕）。"
                )
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if self.adjustment_reason and not getattr(self, "_change_reason", None):
            self._change_reason = self.adjustment_reason
        super().save(*args, **kwargs)

    def adjustments(self):
        """The item's versions, newest first: (date, reason, legal basis, active) from its
        history, one per recorded change, for the public "调整记录"."""
        rows = []
        for record in self.history.order_by("-history_date", "-history_id"):
            rows.append(
                {
                    "adjusted_on": record.adjusted_on,
                    "reason": record.adjustment_reason or record.history_change_reason or "",
                    "legal_basis": record.legal_basis,
                    "is_active": record.is_active,
                }
            )
        return rows
