"""The unmasked originals of masked personal data, kept outside Wagtail revisions and readable
only by confidentiality reviewers (保密审查员; 总局令第45号 第5–6条)."""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from disclosure.outbox.models import AppendOnlyModel
from disclosure.publishing.fields import acting_user_field

from .scanner import KIND_LABELS

KIND_CHOICES = list(KIND_LABELS.items())


class MaskedOriginal(AppendOnlyModel):
    """One masked piece of personal data: what it was, what replaced it, who masked it.

    Append-only (it never changes, so it needs no separate history); the masking itself is in
    the page's history as a log entry without the original."""

    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("页面"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    field_name = models.CharField(_("字段"), max_length=100)
    field_label = models.CharField(_("字段名称"), max_length=200, blank=True)
    kind = models.CharField(_("类型"), max_length=20, choices=KIND_CHOICES)
    original = models.TextField(_("原文"))
    masked = models.CharField(_("脱敏后"), max_length=255)
    masked_by = acting_user_field(_("处理人"))
    masked_at = models.DateTimeField(_("处理时间"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("个人信息原文")
        verbose_name_plural = _("个人信息原文")
        ordering = ["-masked_at", "pk"]
        default_permissions = ()

    def __str__(self):
        return f"{self.get_kind_display()} → {self.masked}"


class UnreadableClearance(AppendOnlyModel):
    """A confidentiality reviewer's confirmation that an attachment the checks cannot read (a
    scan OCR could not read, an encrypted file…) was checked by hand and holds no personal data
    to process (总局令第45号 第5–6条), with the reason. It covers that very file only: a changed
    file (another hash) is unreadable again until cleared again."""

    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("附件"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    file_hash = models.CharField(_("文件校验值"), max_length=40)
    unreadable = models.CharField(_("无法检查的原因"), max_length=255)
    reason = models.TextField(_("人工核对说明"))
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("页面"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    cleared_by = acting_user_field(_("保密审查员"))
    cleared_at = models.DateTimeField(_("确认时间"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("无法检查附件的人工核对")
        verbose_name_plural = _("无法检查附件的人工核对")
        ordering = ["-cleared_at", "pk"]
        default_permissions = ()

    def __str__(self):
        return f"{self.document_id} {self.cleared_at:%Y-%m-%d}"

    @classmethod
    def covers(cls, document):
        """Whether ``document``'s current file has been cleared."""
        return (
            bool(document.file_hash)
            and cls.objects.filter(document_id=document.pk, file_hash=document.file_hash).exists()
        )


SEVERITY_CHOICES = [
    (1, _("提示")),
    (2, _("警告")),
    (3, _("严重（阻止发布）")),
]


class WordingRule(models.Model):
    """A misused word or character of official Chinese, judged in context (错敏检测: 错别字、
    易混词): ``wrong`` is a regular expression whose lookarounds keep the right usage from
    matching (“截止2025年底” is flagged, “截止日期” is not)."""

    wrong = models.CharField(
        _("错误写法（正则表达式）"),
        max_length=255,
        help_text=_("用前后文限定，使正确用法不被匹配，如 截止(?=\\d{4}年|目前|今年)。"),
    )
    right = models.CharField(_("建议写法"), max_length=100)
    explanation = models.CharField(_("说明"), max_length=255, blank=True)
    severity = models.PositiveSmallIntegerField(
        _("严重程度"), choices=SEVERITY_CHOICES[:2], default=1
    )
    enabled = models.BooleanField(_("启用"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("易错词规则")
        verbose_name_plural = _("易错词规则")
        ordering = ["right", "pk"]

    def __str__(self):
        return f"{self.wrong} → {self.right}"

    def clean(self):
        try:
            re.compile(self.wrong)
        except re.error as error:
            raise ValidationError(
                {"wrong": _("正则表达式有误：%(error)s") % {"error": error}}
            ) from error


class SensitiveTerm(models.Model):
    """A term that must not appear in a published text, or only with care (错敏检测: 敏感词);
    a severe one blocks publication."""

    term = models.CharField(_("词语"), max_length=100, unique=True)
    severity = models.PositiveSmallIntegerField(_("严重程度"), choices=SEVERITY_CHOICES, default=2)
    note = models.CharField(_("说明"), max_length=255, blank=True)
    enabled = models.BooleanField(_("启用"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("敏感词")
        verbose_name_plural = _("敏感词")
        ordering = ["-severity", "term"]

    def __str__(self):
        return self.term


class OfficialName(models.Model):
    """The official name of a body, a place or a leader (错敏检测: 规范名称): the correct full name,
    the accepted short names, and the wrong or outdated names that are flagged with the correct
    one; for a leader, the current title and the outdated ones."""

    class Kind(models.TextChoices):
        BODY = "body", _("机构")
        PLACE = "place", _("地名")
        LEADER = "leader", _("领导")

    kind = models.CharField(_("类型"), max_length=10, choices=Kind.choices, default=Kind.BODY)
    name = models.CharField(
        _("规范名称"), max_length=100, help_text=_("机构、地名的全称；领导的姓名。")
    )
    short_names = models.TextField(_("可用简称"), blank=True, help_text=_("每行一个。"))
    wrong_names = models.TextField(
        _("错误或过时名称"),
        blank=True,
        help_text=_("每行一个；出现时提示改为规范名称。"),
    )
    title = models.CharField(_("现任职务"), max_length=100, blank=True)
    outdated_titles = models.TextField(
        _("过时职务"),
        blank=True,
        help_text=_("每行一个；领导姓名前后出现过时职务时提示改为现任职务。"),
    )
    enabled = models.BooleanField(_("启用"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("规范名称")
        verbose_name_plural = _("规范名称")
        ordering = ["kind", "name"]

    def __str__(self):
        return f"{self.name} {self.title}".strip()

    @staticmethod
    def lines(value):
        return [line.strip() for line in (value or "").splitlines() if line.strip()]


class Decision(models.TextChoices):
    FIXED = "fixed", _("已修改")
    IGNORED = "ignored", _("忽略（无需修改）")


class FindingDecision(AppendOnlyModel):
    """Someone's decision on one finding of one item (issue #17: every finding can be marked
    fixed or ignored, with who and why). A finding is known by its fingerprint — the check, the
    kind and the text with a little context — so an ignored finding does not come back on the next
    scan of the same text, and comes back when the text around it changes. The latest decision
    counts; earlier ones stay (append-only)."""

    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("页面"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    check_name = models.CharField(_("检查"), max_length=50)
    kind = models.CharField(_("类型"), max_length=50)
    fingerprint = models.CharField(_("特征值"), max_length=64, db_index=True)
    shown = models.CharField(_("内容"), max_length=255, help_text=_("个人信息只记录脱敏后的形式。"))
    decision = models.CharField(_("处理"), max_length=20, choices=Decision.choices)
    reason = models.TextField(_("理由"))
    decided_by = acting_user_field(_("处理人"))
    decided_at = models.DateTimeField(_("处理时间"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("检查结果的处理")
        verbose_name_plural = _("检查结果的处理")
        ordering = ["-decided_at", "-pk"]
        default_permissions = ()

    def __str__(self):
        return f"{self.get_decision_display()} {self.shown}"


class ScanRun(models.Model):
    """One site-wide scan (``manage.py scan_site``): over every published item, or only the
    items published since the previous run (the daily scan)."""

    started_at = models.DateTimeField(_("开始时间"), default=timezone.now, db_index=True)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)
    scope = models.CharField(_("范围"), max_length=20, default="all")
    items_scanned = models.PositiveIntegerField(_("检查信息数"), default=0)
    seconds = models.FloatField(_("用时（秒）"), default=0)

    class Meta:
        verbose_name = _("全站检查")
        verbose_name_plural = _("全站检查")
        ordering = ["-started_at", "-pk"]
        default_permissions = ()

    def __str__(self):
        return f"{self.started_at:%Y-%m-%d %H:%M}"


class ScanFinding(models.Model):
    """One finding of a site-wide scan, with the item's column and departments at scan time."""

    run = models.ForeignKey(ScanRun, on_delete=models.CASCADE, related_name="findings")
    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    page_title = models.CharField(_("信息标题"), max_length=255)
    column = models.CharField(_("栏目"), max_length=255, blank=True)
    departments = models.CharField(_("责任科室"), max_length=255, blank=True)
    check_name = models.CharField(_("检查"), max_length=50)
    check_label = models.CharField(_("检查名称"), max_length=100)
    kind_label = models.CharField(_("问题类型"), max_length=100)
    source_label = models.CharField(_("位置"), max_length=100)
    shown = models.CharField(_("内容"), max_length=255)
    suggestion = models.CharField(_("修改建议"), max_length=255, blank=True)
    blocking = models.BooleanField(_("阻止发布"), default=False)

    class Meta:
        verbose_name = _("全站检查结果")
        verbose_name_plural = _("全站检查结果")
        ordering = ["pk"]
        default_permissions = ()

    def __str__(self):
        return f"{self.page_title}: {self.kind_label}"
