"""Random inspections (双随机、一公开) and sampling results (抽检).

Records are public once saved; their ``clean`` runs the pre-publication checks
(:func:`disclosure.publishing.rules.check_record`). History is kept with django-simple-history.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from disclosure.departments.models import Department
from disclosure.organisation.credit_code import validate_credit_code
from disclosure.publishing.rules import check_record

from . import rules
from .choices import DisposalStatus, InspectionOutcome, SamplingKind, SamplingVerdict


class InspectionItem(models.Model):
    """An item of the random-inspection item list (随机抽查事项清单: 依据, 主体, 内容, 方式)."""

    code = models.CharField(_("事项编码"), max_length=50, unique=True)
    name = models.CharField(_("抽查事项"), max_length=200)
    category = models.CharField(_("抽查类别"), max_length=100, blank=True)
    object_scope = models.CharField(_("抽查对象"), max_length=200)
    basis = models.TextField(_("抽查依据"))
    department = models.ForeignKey(
        Department,
        verbose_name=_("抽查主体（科室）"),
        on_delete=models.PROTECT,
        related_name="inspection_items",
    )
    content = models.TextField(_("抽查内容"))
    method = models.CharField(_("抽查方式"), max_length=200)
    is_active = models.BooleanField(_("有效"), default=True)
    updated_on = models.DateField(_("更新日期"), default=timezone.localdate)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("随机抽查事项")
        verbose_name_plural = _("随机抽查事项清单")
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} {self.name}"


class InspectionTask(models.Model):
    """A random-inspection task (抽查任务): the items checked, the period and the objects drawn."""

    name = models.CharField(_("任务名称"), max_length=200)
    items = models.ManyToManyField(InspectionItem, verbose_name=_("抽查事项"), related_name="tasks")
    department = models.ForeignKey(
        Department, verbose_name=_("实施科室"), on_delete=models.PROTECT, related_name="+"
    )
    drawn_on = models.DateField(_("摇号抽取日期"))
    starts_on = models.DateField(_("检查开始日期"))
    ends_on = models.DateField(_("检查结束日期"))
    history = HistoricalRecords(m2m_fields=[items])

    class Meta:
        verbose_name = _("抽查任务")
        verbose_name_plural = _("抽查任务")
        ordering = ["-drawn_on", "-pk"]

    def __str__(self):
        return self.name

    def clean(self):
        errors = {}
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("检查结束日期不能早于开始日期。")
        if self.drawn_on and self.starts_on and self.starts_on < self.drawn_on:
            errors["starts_on"] = _("检查开始日期不能早于摇号抽取日期。")
        if errors:
            raise ValidationError(errors)


class InspectedObject(models.Model):
    """An entry of the inspected-object directory (检查对象名录) and, once inspected, its result."""

    task = models.ForeignKey(
        InspectionTask,
        verbose_name=_("抽查任务"),
        on_delete=models.PROTECT,
        related_name="inspected_objects",
    )
    party_name = models.CharField(_("检查对象名称"), max_length=200)
    credit_code = models.CharField(
        _("统一社会信用代码"), max_length=18, validators=[validate_credit_code]
    )
    inspected_on = models.DateField(_("检查完成日期"), null=True, blank=True)
    outcome = models.CharField(
        _("检查结果"), max_length=30, choices=InspectionOutcome.choices, blank=True
    )
    findings = models.TextField(_("检查情况说明"), blank=True)
    handling = models.TextField(_("后续处理"), blank=True)
    result_published_on = models.DateField(_("结果公示日期"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("检查对象")
        verbose_name_plural = _("检查对象名录和抽查结果")
        ordering = ["-task__drawn_on", "party_name"]
        constraints = [
            models.UniqueConstraint(fields=["task", "credit_code"], name="unique_object_per_task")
        ]

    def __str__(self):
        return f"{self.party_name}（{self.task}）"

    @property
    def result_due_on(self):
        return rules.result_due_on(self.inspected_on) if self.inspected_on else None

    @property
    def result_overdue(self):
        """The result is not published and its 20 working days have passed."""
        due = self.result_due_on
        return bool(due and not self.result_published_on and timezone.localdate() > due)

    def clean(self):
        errors = {}
        if self.credit_code:
            self.credit_code = self.credit_code.strip().upper()
        if self.outcome and not self.inspected_on:
            errors["inspected_on"] = _("填写检查结果时须填写检查完成日期。")
        if self.result_published_on and not self.outcome:
            errors["outcome"] = _("公示结果前须填写检查结果。")
        published, inspected = self.result_published_on, self.inspected_on
        if published and inspected and published < inspected:
            errors["result_published_on"] = _("结果公示日期不能早于检查完成日期。")
        if self.inspected_on and self.inspected_on > timezone.localdate():
            errors["inspected_on"] = _("检查完成日期不能晚于今天。")
        if errors:
            raise ValidationError(errors)
        check_record(self, ["findings", "handling"])


class SamplingResult(models.Model):
    """One sampling result (抽检): product, batch, producer, inspected unit, basis, lab,
    verdict and the non-conforming items (domain.md: 食品安全抽检 public fields)."""

    report_number = models.CharField(_("检验报告编号"), max_length=100, unique=True)
    kind = models.CharField(
        _("抽检类别"), max_length=20, choices=SamplingKind.choices, default=SamplingKind.FOOD
    )
    food_category = models.CharField(_("食品（产品）分类"), max_length=100, blank=True)
    product_name = models.CharField(_("产品名称"), max_length=200)
    brand = models.CharField(_("商标"), max_length=100, blank=True)
    specification = models.CharField(_("规格型号"), max_length=100, blank=True)
    batch = models.CharField(_("生产日期/批号"), max_length=100)
    producer_name = models.CharField(_("标称生产企业名称"), max_length=200)
    producer_address = models.CharField(_("标称生产企业地址"), max_length=300, blank=True)
    inspected_unit_name = models.CharField(_("被抽样单位名称"), max_length=200)
    inspected_unit_credit_code = models.CharField(
        _("被抽样单位统一社会信用代码"),
        max_length=18,
        blank=True,
        validators=[validate_credit_code],
    )
    sampled_on = models.DateField(_("抽样日期"))
    sample_quantity = models.PositiveIntegerField(_("抽样数量"), null=True, blank=True)
    basis = models.TextField(_("检验依据"))
    lab = models.CharField(_("检验机构"), max_length=200)
    verdict = models.CharField(_("检验结论"), max_length=10, choices=SamplingVerdict.choices)
    nonconforming_items = models.TextField(
        _("不合格项目"), blank=True, help_text=_("多个项目以“；”分隔，可写明检验结果和标准值")
    )
    disposal_status = models.CharField(
        _("核查处置状态"), max_length=20, choices=DisposalStatus.choices, blank=True
    )
    disposal = models.TextField(_("核查处置情况"), blank=True)
    published_on = models.DateField(_("公布日期"), default=timezone.localdate)
    department = models.ForeignKey(
        Department,
        verbose_name=_("承办科室"),
        on_delete=models.PROTECT,
        related_name="sampling_results",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("抽检结果")
        verbose_name_plural = _("抽检结果")
        ordering = ["-sampled_on", "report_number"]

    def __str__(self):
        return f"{self.product_name}（{self.report_number}）"

    def nonconforming_list(self):
        from .summary import split_items

        return split_items(self.nonconforming_items)

    def clean(self):
        errors = {}
        if self.inspected_unit_credit_code:
            self.inspected_unit_credit_code = self.inspected_unit_credit_code.strip().upper()
        if self.verdict == SamplingVerdict.FAIL:
            if not self.nonconforming_items.strip():
                errors["nonconforming_items"] = _("检验结论为不合格时须填写不合格项目。")
            if not self.disposal_status:
                errors["disposal_status"] = _("检验结论为不合格时须填写核查处置状态。")
        elif self.verdict == SamplingVerdict.PASS:
            if self.nonconforming_items.strip():
                errors["nonconforming_items"] = _("检验结论为合格时不应填写不合格项目。")
            if self.disposal_status:
                errors["disposal_status"] = _("检验结论为合格时不应填写核查处置状态。")
        if self.sampled_on and self.sampled_on > timezone.localdate():
            errors["sampled_on"] = _("抽样日期不能晚于今天。")
        if self.sampled_on and self.published_on and self.published_on < self.sampled_on:
            errors["published_on"] = _("公布日期不能早于抽样日期。")
        if errors:
            raise ValidationError(errors)
        check_record(self, ["disposal", "nonconforming_items"])
