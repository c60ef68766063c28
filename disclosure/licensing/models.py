"""The administrative-licensing item list with service guides, and licence decisions.

Records are public as soon as they are saved (they appear in the portal's public lists), so
``clean`` runs the pre-publication checks (:func:`disclosure.publishing.rules.check_record`). History is kept
with django-simple-history; nothing is deleted from the public record without a trace.
"""

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from disclosure.departments.models import Department
from disclosure.organisation.credit_code import validate_credit_code
from disclosure.publishing.rules import check_record

from . import rules
from .choices import DecisionKind, ItemStatus


class LicensingItem(models.Model):
    """An item of the administrative-licensing list (行政许可事项清单) with its service guide."""

    code = models.CharField(_("事项编码"), max_length=50, unique=True)
    name = models.CharField(_("事项名称"), max_length=200)
    status = models.CharField(
        _("事项状态"), max_length=20, choices=ItemStatus.choices, default=ItemStatus.RETAINED
    )
    status_basis = models.CharField(
        _("取消或下放依据"), max_length=300, blank=True, help_text=_("如 国发〔2024〕X号")
    )
    delegated_to = models.CharField(_("下放至"), max_length=100, blank=True)
    department = models.ForeignKey(
        Department,
        verbose_name=_("承办科室"),
        on_delete=models.PROTECT,
        related_name="licensing_items",
    )
    legal_basis = models.TextField(_("设定依据"), blank=True)
    conditions = models.TextField(_("申请条件"), blank=True)
    materials = models.TextField(_("申请材料"), blank=True)
    procedure = models.TextField(_("办理流程"), blank=True)
    time_limit = models.CharField(_("办理时限"), max_length=200, blank=True)
    fees = models.TextField(_("收费依据及标准"), blank=True, help_text=_("不收费的填写“不收费”"))
    place_and_hours = models.TextField(_("办理地点和时间"), blank=True)
    consultation_phone = models.CharField(_("咨询电话"), max_length=100, blank=True)
    complaint_phone = models.CharField(_("投诉电话"), max_length=100, blank=True)
    updated_on = models.DateField(_("更新日期"), default=timezone.localdate)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("行政许可事项")
        verbose_name_plural = _("行政许可事项清单")
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} {self.name}"

    @property
    def missing_guide_elements(self):
        return rules.missing_guide_elements(self)

    @property
    def guide_complete(self):
        return not self.missing_guide_elements

    @admin.display(description=_("服务指南"))
    def guide_status_display(self):
        missing = self.missing_guide_elements
        if missing:
            return _("缺：%(elements)s") % {"elements": "、".join(missing)}
        return _("齐全")

    def clean(self):
        errors = {}
        if self.status == ItemStatus.DELEGATED and not self.delegated_to.strip():
            errors["delegated_to"] = _("下放的事项须填写下放至哪一级。")
        if self.status != ItemStatus.RETAINED and not self.status_basis.strip():
            errors["status_basis"] = _("取消或下放的事项须填写依据。")
        if errors:
            raise ValidationError(errors)
        check_record(self, ["materials", "place_and_hours", "procedure"])


class LicenceDecision(models.Model):
    """A licence decision (准予/变更/延续/撤销/注销) published under 企业信息公示暂行条例
    第6–7条, with the fields of the national "双公示" licensing format."""

    decision_number = models.CharField(_("许可决定书文号"), max_length=100, unique=True)
    kind = models.CharField(_("决定类别"), max_length=20, choices=DecisionKind.choices)
    item = models.ForeignKey(
        LicensingItem,
        verbose_name=_("许可事项"),
        on_delete=models.PROTECT,
        related_name="decisions",
    )
    licence_name = models.CharField(_("许可证书名称"), max_length=200, blank=True)
    licence_number = models.CharField(_("许可证编号"), max_length=100, blank=True)
    party_name = models.CharField(_("行政相对人名称"), max_length=200)
    party_credit_code = models.CharField(
        _("统一社会信用代码"), max_length=18, validators=[validate_credit_code]
    )
    legal_representative = models.CharField(_("法定代表人（负责人）"), max_length=100, blank=True)
    content = models.TextField(_("许可内容"))
    decided_on = models.DateField(_("决定日期"))
    valid_from = models.DateField(_("有效期自"), null=True, blank=True)
    valid_until = models.DateField(_("有效期至"), null=True, blank=True)
    authority = models.CharField(_("许可机关"), max_length=200)
    department = models.ForeignKey(
        Department,
        verbose_name=_("承办科室"),
        on_delete=models.PROTECT,
        related_name="licence_decisions",
    )
    published_on = models.DateField(_("公示日期"), default=timezone.localdate)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("行政许可决定")
        verbose_name_plural = _("行政许可决定")
        ordering = ["-decided_on", "-pk"]

    def __str__(self):
        return f"{self.decision_number} {self.party_name}"

    @property
    def publication_due_on(self):
        return rules.publication_due_on(self.decided_on) if self.decided_on else None

    @property
    def published_late(self):
        due = self.publication_due_on
        return bool(due and self.published_on and self.published_on > due)

    def clean(self):
        errors = {}
        today = timezone.localdate()
        if self.decided_on and self.decided_on > today:
            errors["decided_on"] = _("决定日期不能晚于今天。")
        if self.party_credit_code:
            self.party_credit_code = self.party_credit_code.strip().upper()
        if self.kind in rules.GRANTING_KINDS:
            if not self.licence_number.strip():
                errors["licence_number"] = _("准予、变更、延续许可须填写许可证编号。")
            if not self.valid_until:
                errors["valid_until"] = _("准予、变更、延续许可须填写有效期至。")
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            errors["valid_until"] = _("有效期至不能早于有效期自。")
        if self.decided_on and self.published_on and self.published_on < self.decided_on:
            errors["published_on"] = _("公示日期不能早于决定日期。")
        if errors:
            raise ValidationError(errors)
        check_record(self, ["content", "party_name"])
