"""The work ledger (工作台账), training records and the registry of the bureau's government
new-media accounts (政务新媒体).

- :class:`LedgerTask`: the year's plan (e.g. 2026年政务公开工作要点) broken into tasks with a lead
  department and responsible departments, a due date and a status. Seed plan 四(一): "完成一项、
  销账一项": a task is complete only when it is closed (销账) with evidence, by someone, at a
  time; a closed task is not edited again unless it is reopened with a reason.
- :class:`Training` with :class:`TrainingAttendance`: seed plan: training 1–2 times a year
  (:data:`MIN_TRAININGS_PER_YEAR`, :func:`trainings_in_year`).
- :class:`NewMediaAccount`: 政府网站与政务新媒体检查指标（国办秘函〔2019〕19号）: an account with no
  update in the two weeks before a check fails the single-veto item 内容不更新
  (:data:`NEW_MEDIA_MAX_INTERVAL_DAYS`); the registry warns before that
  (:data:`DUE_SOON_SHARE`, :meth:`NewMediaAccount.freshness`).
"""

from __future__ import annotations

import datetime as dt
import math
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, URLValidator
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from simple_history.models import HistoricalRecords
from wagtail.models import Orderable

from disclosure.departments.models import Department

# --------------------------------------------------------------------------- work ledger


class TaskStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("未开始")
    IN_PROGRESS = "in_progress", _("进行中")
    CLOSED = "closed", _("已完成（已销账）")


#: The statuses staff set by editing a task; 已完成 is reached only by closing it (销账).
OPEN_STATUSES = (TaskStatus.NOT_STARTED, TaskStatus.IN_PROGRESS)

#: A plan's name that starts with its year: ``2026年政务公开工作要点``.
_PLAN_YEAR = re.compile(r"^\s*(\d{4})(?!\d)")
_URL = URLValidator(schemes=["http", "https"])


def plan_year(plan: str) -> int | None:
    """The year a plan's name starts with (``2026年政务公开工作要点`` → 2026), else ``None``."""
    match = _PLAN_YEAR.match(plan or "")
    return int(match.group(1)) if match else None


def evidence_lines(text: str) -> list[str]:
    """The links of an evidence text: one a line, blank lines dropped."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def evidence_errors(text: str) -> list[str]:
    """A message for every line of ``text`` that is neither a web address (``http://``,
    ``https://``) nor a path on this site (``/xxgk/…``)."""
    errors = []
    for number, line in enumerate(evidence_lines(text), start=1):
        if line.startswith("/") and not line.startswith("//") and " " not in line:
            continue
        try:
            _URL(line)
        except ValidationError:
            errors.append(
                _("第 %(line)s 行“%(value)s”不是有效的链接（应以 http://、https:// 或 / 开头）")
                % {"line": number, "value": line}
            )
    return errors


class LedgerTaskQuerySet(models.QuerySet):
    def open(self):
        return self.exclude(status=TaskStatus.CLOSED)

    def closed(self):
        return self.filter(status=TaskStatus.CLOSED)

    def overdue(self, today: dt.date | None = None):
        """Tasks not closed whose due date has passed (the due date itself is not overdue);
        tasks without a due date (长期坚持) are never overdue."""
        today = today or timezone.localdate()
        return self.open().filter(due_on__lt=today)

    def for_departments(self, departments):
        """Tasks that ``departments`` lead or share."""
        departments = list(departments)
        return self.filter(
            Q(lead_department__in=departments) | Q(responsible_departments__in=departments)
        ).distinct()


class LedgerTask(models.Model):
    """One task of a plan (工作台账的一项任务).

    Seed plan 四(一): "建立工作台账，完成一项、销账一项": status 已完成 is set only by
    :meth:`close`, which needs evidence and records who closed the task and when; a closed task
    is changed only after :meth:`reopen`, whose reason is stored on the task (and in its
    history).
    """

    plan = models.CharField(
        _("计划名称"), max_length=200, help_text=_("如：2026年政务公开工作要点")
    )
    year = models.PositiveSmallIntegerField(
        _("年度"), null=True, blank=True, help_text=_("留空时取计划名称开头的年份")
    )
    number = models.CharField(_("序号"), max_length=30, help_text=_("如：二(一)3"))
    task = models.TextField(_("工作任务"))
    lead_department = models.ForeignKey(
        Department,
        verbose_name=_("牵头科室"),
        on_delete=models.PROTECT,
        related_name="led_ledger_tasks",
    )
    responsible_departments = models.ManyToManyField(
        Department,
        verbose_name=_("责任科室"),
        related_name="ledger_tasks",
        blank=True,
    )
    due_on = models.DateField(
        _("完成时限"), null=True, blank=True, help_text=_("长期坚持、持续推进的任务留空")
    )
    due_note = models.CharField(
        _("完成时限（原文）"),
        max_length=100,
        blank=True,
        help_text=_("计划中写的时限，如“2026年6月底”“长期坚持”"),
    )
    status = models.CharField(
        _("状态"), max_length=20, choices=TaskStatus.choices, default=TaskStatus.NOT_STARTED
    )
    progress = models.TextField(_("进展情况"), blank=True)
    evidence_links = models.TextField(
        _("完成佐证"),
        blank=True,
        help_text=_("每行一个链接：网址（http:// 或 https://）或本站页面路径（以 / 开头）"),
    )
    closed_at = models.DateTimeField(_("销账时间"), null=True, blank=True, editable=False)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("销账人"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    closing_note = models.TextField(_("销账说明"), blank=True, editable=False)
    reopened_at = models.DateTimeField(_("重新打开时间"), null=True, blank=True, editable=False)
    reopened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("重新打开人"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reopen_reason = models.TextField(_("重新打开原因"), blank=True, editable=False)

    history = HistoricalRecords(m2m_fields=[responsible_departments])
    objects = LedgerTaskQuerySet.as_manager()

    class Meta:
        verbose_name = _("台账任务")
        verbose_name_plural = _("台账任务")
        ordering = ["-year", "plan", "due_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="ledger_task_plan_number")
        ]

    def __str__(self):
        text = self.task if len(self.task) <= 40 else self.task[:39] + "…"
        return f"{self.number} {text}"

    # ------------------------------------------------------------------ state

    @property
    def is_closed(self) -> bool:
        return self.status == TaskStatus.CLOSED

    def is_overdue_on(self, today: dt.date | None = None) -> bool:
        """Not closed and the due date has passed (see :meth:`LedgerTaskQuerySet.overdue`)."""
        today = today or timezone.localdate()
        return not self.is_closed and self.due_on is not None and self.due_on < today

    @property
    def is_overdue(self) -> bool:
        return self.is_overdue_on()

    def days_overdue(self, today: dt.date | None = None) -> int:
        today = today or timezone.localdate()
        return (today - self.due_on).days if self.is_overdue_on(today) else 0

    def responsible_departments_display(self) -> str:
        return "、".join(department.name for department in self.responsible_departments.all())

    responsible_departments_display.short_description = _("责任科室")

    def evidence_display(self) -> str:
        return "\n".join(evidence_lines(self.evidence_links))

    evidence_display.short_description = _("完成佐证")

    def due_display(self) -> str:
        if self.due_on:
            return self.due_on.isoformat()
        return self.due_note or str(_("长期"))

    due_display.short_description = _("完成时限")

    # ------------------------------------------------------------------ validation

    def clean(self):
        errors = {}
        if self.year is None:
            self.year = plan_year(self.plan)
        if self.year is None:
            errors["year"] = _("请填写年度（计划名称不以年份开头）")
        problems = evidence_errors(self.evidence_links)
        if problems:
            errors["evidence_links"] = problems
        if self.is_closed:
            if not evidence_lines(self.evidence_links):
                errors["evidence_links"] = _("已销账的任务必须有完成佐证")
            if self.closed_at is None:
                errors["status"] = _("“已完成”只能通过销账设置，请使用“销账”操作")
        if self.pk is not None and not errors:
            stored = type(self).objects.filter(pk=self.pk).first()
            if stored is not None and stored.is_closed and self._changed_since(stored):
                errors["status"] = _("任务已销账，不能修改；如需修改请先重新打开并说明原因")
        if errors:
            raise ValidationError(errors)

    #: Fields whose change a closed task refuses (see :meth:`clean`).
    LOCKED_FIELDS = (
        "plan",
        "year",
        "number",
        "task",
        "lead_department_id",
        "due_on",
        "due_note",
        "status",
        "progress",
        "evidence_links",
    )

    def _changed_since(self, stored) -> bool:
        return any(getattr(self, name) != getattr(stored, name) for name in self.LOCKED_FIELDS)

    def save(self, *args, **kwargs):
        if self.year is None:
            self.year = plan_year(self.plan)
        super().save(*args, **kwargs)

    # ------------------------------------------------------------------ closing and reopening

    @transaction.atomic
    def close(self, user, evidence_links: str, note: str = "", now=None):
        """Close the task (销账): seed plan 四(一) "完成一项、销账一项". Refused without evidence
        (at least one valid link) or when the task is already closed; records who and when.
        Raises ``ValidationError`` with a Chinese message."""
        if self.is_closed:
            raise ValidationError(_("该任务已销账"))
        problems = evidence_errors(evidence_links)
        if problems:
            raise ValidationError({"evidence_links": problems})
        if not evidence_lines(evidence_links):
            raise ValidationError(
                {"evidence_links": _("销账须提供完成佐证：至少一个链接（信息页面或网址）")}
            )
        self.evidence_links = "\n".join(evidence_lines(evidence_links))
        self.closing_note = (note or "").strip()
        self.status = TaskStatus.CLOSED
        self.closed_at = now or timezone.now()
        self.closed_by = user
        self._change_reason = str(_("销账"))
        self._history_user = user
        self.save()

    @transaction.atomic
    def reopen(self, user, reason: str, now=None):
        """Reopen a closed task so that it can be changed again; the reason is required and
        stored on the task, and the history keeps the closing it undoes."""
        if not self.is_closed:
            raise ValidationError(_("只有已销账的任务才能重新打开"))
        reason = (reason or "").strip()
        if not reason:
            raise ValidationError({"reopen_reason": _("请填写重新打开的原因")})
        self.status = TaskStatus.IN_PROGRESS
        self.reopen_reason = reason
        self.reopened_at = now or timezone.now()
        self.reopened_by = user
        self.closed_at = None
        self.closed_by = None
        self.closing_note = ""
        self._change_reason = (str(_("重新打开：%(reason)s")) % {"reason": reason})[:100]
        self._history_user = user
        self.save()


# --------------------------------------------------------------------------- training

#: Seed plan (工作台账): "每年组织政务公开培训1–2次": fewer than this many trainings in a year is
#: a warning on the dashboard.
MIN_TRAININGS_PER_YEAR = 1
#: The seed plan's upper figure, shown with the count.
PLANNED_TRAININGS_PER_YEAR = 2


class Training(ClusterableModel):
    """A training on government information disclosure, with the attendees per department."""

    held_on = models.DateField(_("培训日期"))
    topic = models.CharField(_("培训主题"), max_length=200)
    organiser = models.ForeignKey(
        Department,
        verbose_name=_("组织科室"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="organised_trainings",
    )
    speaker = models.CharField(_("授课人"), max_length=100, blank=True)
    materials_url = models.URLField(_("培训材料链接"), blank=True)
    notes = models.TextField(_("备注"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("培训")
        verbose_name_plural = _("培训记录")
        ordering = ["-held_on", "pk"]

    def __str__(self):
        return f"{self.held_on:%Y-%m-%d} {self.topic}"

    def total_attendees(self) -> int:
        return sum(attendance.attendees for attendance in self.attendances.all())

    total_attendees.short_description = _("参训人数")

    def attendance_display(self) -> str:
        return "、".join(
            f"{attendance.department.name} {attendance.attendees}"
            for attendance in self.attendances.all()
        )

    attendance_display.short_description = _("各科室参训人数")


class TrainingAttendance(Orderable):
    """How many of a department attended a training (and, if recorded, who)."""

    training = ParentalKey(Training, on_delete=models.CASCADE, related_name="attendances")
    department = models.ForeignKey(
        Department, verbose_name=_("科室"), on_delete=models.PROTECT, related_name="+"
    )
    attendees = models.PositiveIntegerField(
        _("参训人数"), validators=[MinValueValidator(1, _("参训人数至少为 1"))]
    )
    names = models.CharField(
        _("参训人员"), max_length=500, blank=True, help_text=_("可选，多人用“、”分隔")
    )
    # No history of its own: django-simple-history copies the ParentalKey with
    # ``related_name="+"``, which modelcluster refuses; the training's own history records who
    # saved it and when (an attendance edit saves the training too).

    class Meta(Orderable.Meta):
        verbose_name = _("参训科室")
        verbose_name_plural = _("参训科室")

    def __str__(self):
        return f"{self.department} {self.attendees}"

    def clean(self):
        names = [name for name in re.split(r"[、，,;；\s]+", self.names or "") if name]
        if self.attendees is not None and len(names) > self.attendees:
            raise ValidationError(
                {
                    "names": _("列出了 %(names)s 名参训人员，多于参训人数 %(count)s")
                    % {"names": len(names), "count": self.attendees}
                }
            )


def trainings_in_year(year: int) -> int:
    """How many trainings were held in ``year``."""
    return Training.objects.filter(held_on__year=year).count()


# --------------------------------------------------------------------------- new media

#: 政府网站与政务新媒体检查指标（国办秘函〔2019〕19号）, 政务新媒体 单项否决指标 "内容不更新":
#: no update in the two weeks before the check. An account's interval is at most this; an
#: account last updated this many days ago is still within the two weeks, one day more is not.
NEW_MEDIA_MAX_INTERVAL_DAYS = 14
#: *(practice)* Due soon from this share of the interval on (the same style as the website
#: columns' warning): for 14 days, from day 11 on (``ceil(14 × 0.75)``).
DUE_SOON_SHARE = 0.75


class Platform(models.TextChoices):
    WECHAT = "wechat", _("微信公众号")
    WEIBO = "weibo", _("微博")
    DOUYIN = "douyin", _("抖音")
    TOUTIAO = "toutiao", _("头条号")
    OTHER = "other", _("其他")


class AccountStatus(models.TextChoices):
    ACTIVE = "active", _("运营中")
    CLOSED = "closed", _("已关停")


class Freshness(models.TextChoices):
    OK = "ok", _("正常")
    DUE_SOON = "due_soon", _("即将超期")
    OVERDUE = "overdue", _("已超期未更新")
    UNKNOWN = "unknown", _("未填写更新日期")
    NOT_CHECKED = "not_checked", _("已关停，不检查")


def due_soon_from(interval_days: int) -> int:
    """The first day (days since the last update) that counts as due soon."""
    return math.ceil(interval_days * DUE_SOON_SHARE)


def freshness_of(last_updated_on, interval_days, today) -> str:
    """:class:`Freshness` of content last updated on ``last_updated_on`` whose update
    interval is ``interval_days``: overdue after more than the interval, due soon from
    :func:`due_soon_from` on."""
    if last_updated_on is None:
        return Freshness.UNKNOWN
    days = (today - last_updated_on).days
    if days > interval_days:
        return Freshness.OVERDUE
    if days >= due_soon_from(interval_days):
        return Freshness.DUE_SOON
    return Freshness.OK


class NewMediaAccount(models.Model):
    """A government new-media account of the bureau (政务新媒体), with the freshness check of
    国办秘函〔2019〕19号 (see :data:`NEW_MEDIA_MAX_INTERVAL_DAYS`)."""

    platform = models.CharField(_("平台"), max_length=20, choices=Platform.choices)
    name = models.CharField(_("账号名称"), max_length=100)
    owner_department = models.ForeignKey(
        Department,
        verbose_name=_("主办科室"),
        on_delete=models.PROTECT,
        related_name="new_media_accounts",
    )
    address = models.CharField(
        _("网址或账号ID"), max_length=255, blank=True, help_text=_("如微信号、微博主页网址")
    )
    status = models.CharField(
        _("状态"), max_length=20, choices=AccountStatus.choices, default=AccountStatus.ACTIVE
    )
    last_updated_on = models.DateField(_("最近更新日期"), null=True, blank=True)
    max_interval_days = models.PositiveSmallIntegerField(
        _("最长更新间隔（天）"),
        default=NEW_MEDIA_MAX_INTERVAL_DAYS,
        validators=[MinValueValidator(1)],
        help_text=_("政务新媒体检查指标：监测前 2 周内无更新即单项否决，最长 14 天"),
    )
    notes = models.TextField(_("备注"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("政务新媒体账号")
        verbose_name_plural = _("政务新媒体")
        ordering = ["platform", "name"]
        constraints = [
            models.UniqueConstraint(fields=["platform", "name"], name="ledger_new_media_name")
        ]

    def __str__(self):
        return f"{self.get_platform_display()}：{self.name}"

    def clean(self):
        errors = {}
        if self.max_interval_days and self.max_interval_days > NEW_MEDIA_MAX_INTERVAL_DAYS:
            errors["max_interval_days"] = _(
                "不能超过 %(days)s 天（国办秘函〔2019〕19号：监测前 2 周内无更新即单项否决）"
            ) % {"days": NEW_MEDIA_MAX_INTERVAL_DAYS}
        if self.last_updated_on and self.last_updated_on > timezone.localdate():
            errors["last_updated_on"] = _("最近更新日期不能晚于今天")
        if errors:
            raise ValidationError(errors)

    def days_since_update(self, today: dt.date | None = None) -> int | None:
        if self.last_updated_on is None:
            return None
        return ((today or timezone.localdate()) - self.last_updated_on).days

    def freshness(self, today: dt.date | None = None) -> str:
        """:class:`Freshness` on ``today``; a closed account is not checked."""
        if self.status == AccountStatus.CLOSED:
            return Freshness.NOT_CHECKED
        return freshness_of(
            self.last_updated_on, self.max_interval_days, today or timezone.localdate()
        )

    def freshness_display(self) -> str:
        return str(Freshness(self.freshness()).label)

    freshness_display.short_description = _("更新情况")

    def mark_updated(self, user=None, today: dt.date | None = None):
        """Record that the account was updated today (the registry's "已更新" action)."""
        self.last_updated_on = today or timezone.localdate()
        self._change_reason = str(_("登记更新"))
        if user is not None:
            self._history_user = user
        self.save()
