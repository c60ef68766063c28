"""Public messages (政民互动, glossary ``PublicMessage``): what a citizen asked or proposed, the
department that answers, the review of the answer and its publication with the answer. Every
step records who and when; django-simple-history keeps every version (a reviewer's masking of
the public text keeps the original in the history). The rules are in :mod:`.rules`."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.models import HistoricalRecords

from disclosure.publishing.rules import check_record, record_errors

from . import notices, rules
from .choices import MessageCategory, MessageStatus

SUBJECT_MAX = 100
BODY_MAX = 2000


class PublicMessageQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=MessageStatus.PUBLISHED)

    def open(self):
        return self.filter(status__in=rules.OPEN_STATUSES)

    def for_departments(self, departments):
        return self.filter(department__in=departments)


class PublicMessage(models.Model):
    """One message the public posted on the portal (or the office entered from a letter)."""

    query_code = models.CharField(
        gettext_lazy("查询码"), max_length=20, unique=True, editable=False
    )
    category = models.CharField(
        gettext_lazy("留言类别"),
        max_length=20,
        choices=MessageCategory.choices,
        default=MessageCategory.CONSULTATION,
    )
    department = models.ForeignKey(
        "departments.Department",
        verbose_name=gettext_lazy("承办科室"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="public_messages",
        help_text=gettext_lazy("留言人选择的涉及科室；政务公开办公室可改派。"),
    )
    subject = models.CharField(gettext_lazy("标题"), max_length=SUBJECT_MAX)
    body = models.TextField(gettext_lazy("留言内容"), max_length=BODY_MAX)
    name = models.CharField(gettext_lazy("姓名或称呼"), max_length=50)
    phone = models.CharField(gettext_lazy("联系电话"), max_length=30, blank=True)
    email = models.EmailField(gettext_lazy("电子邮箱"), blank=True)
    submitted_at = models.DateTimeField(gettext_lazy("留言时间"), default=rules.now)
    received_on = models.DateField(gettext_lazy("收到日期"), db_index=True)
    due_on = models.DateField(gettext_lazy("答复期限"), null=True, blank=True)
    status = models.CharField(
        gettext_lazy("办理状态"),
        max_length=20,
        choices=MessageStatus.choices,
        default=MessageStatus.RECEIVED,
        db_index=True,
    )
    answer = models.TextField(gettext_lazy("答复内容"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=gettext_lazy("答复人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answered_at = models.DateTimeField(gettext_lazy("答复时间"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=gettext_lazy("审核人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(gettext_lazy("审核时间"), null=True, blank=True)
    review_note = models.TextField(gettext_lazy("审核意见"), blank=True)
    published_at = models.DateTimeField(gettext_lazy("公开时间"), null=True, blank=True)
    closing_reason = models.TextField(
        gettext_lazy("不公开、无效或转办的理由"),
        blank=True,
    )
    notice_sent_at = models.DateTimeField(gettext_lazy("告知时间"), null=True, blank=True)
    history = HistoricalRecords()

    objects = PublicMessageQuerySet.as_manager()

    class Meta:
        verbose_name = gettext_lazy("政民互动留言")
        verbose_name_plural = gettext_lazy("政民互动留言")
        ordering = ["-submitted_at", "-pk"]
        indexes = [models.Index(fields=["status", "received_on"])]

    def __str__(self):
        return self.subject

    # --- reading ------------------------------------------------------------------------

    @property
    def is_open(self):
        return self.status in rules.OPEN_STATUSES

    def sla(self, today=None):
        return rules.sla(self, today)

    def public_errors(self):
        """``{field: [messages]}`` of the publication gate on the public fields."""
        fields = [name for name in rules.PUBLIC_FIELDS if getattr(self, name)]
        return record_errors(self, fields)

    # --- steps --------------------------------------------------------------------------

    @classmethod
    def submit(cls, **fields):
        """Register a message from the portal: its clock starts the day it arrives; a complaint
        or report goes straight to its own channel with a notice to the sender."""
        moment = rules.now()
        received = timezone.localdate(moment)
        with transaction.atomic():
            message = cls(
                submitted_at=moment,
                received_on=received,
                due_on=rules.answer_due(received),
                query_code=cls._unused_code(),
                **fields,
            )
            message.full_clean()
            message.save()
            if message.category == MessageCategory.COMPLAINT:
                message._route(None, _("留言人选择了“投诉举报”类别。"))
        return message

    @classmethod
    def _unused_code(cls):
        while True:
            code = rules.new_code()
            if not cls.objects.filter(query_code=code).exists():
                return code

    def _require(self, *statuses):
        if self.status not in statuses:
            raise ValidationError(
                _("该留言当前状态为“%(status)s”，不能进行此操作。")
                % {"status": self.get_status_display()}
            )

    def assign(self, user, department):
        """The office gives the message to the department that answers it."""
        self._require(*rules.OPEN_STATUSES)
        if department is None:
            raise ValidationError({"department": _("请选择承办科室。")})
        self.department = department
        self._save(user, _("分办"))

    def write_answer(self, user, answer):
        """The department's answer, sent for review (the sender is not told yet)."""
        self._require(*rules.OPEN_STATUSES)
        answer = (answer or "").strip()
        if not answer:
            raise ValidationError({"answer": _("请填写答复内容。")})
        self.answer = answer
        self.answered_by = user
        self.answered_at = rules.now()
        self.status = MessageStatus.AWAITING_REVIEW
        self.review_note = ""
        self._save(user, _("答复"))

    def return_answer(self, user, note):
        """The reviewer sends the answer back to the department with a note."""
        self._require(MessageStatus.AWAITING_REVIEW)
        note = (note or "").strip()
        if not note:
            raise ValidationError({"review_note": _("请填写退回的理由。")})
        self.status = MessageStatus.RECEIVED
        self.review_note = note
        self.reviewed_by, self.reviewed_at = user, rules.now()
        self._save(user, _("退回修改"))

    def approve(self, user, *, publish, reason=""):
        """The reviewer approves the answer: published with the message (after the gate's record
        rules pass on the public fields), or sent to the sender only, with the reason."""
        self._require(MessageStatus.AWAITING_REVIEW)
        if user is not None and user.pk == self.answered_by_id:
            raise ValidationError(_("答复须由答复人以外的人员审核。"))
        reason = (reason or "").strip()
        if publish:
            check_record(self, [name for name in rules.PUBLIC_FIELDS if getattr(self, name)])
            self.status = MessageStatus.PUBLISHED
            self.published_at = rules.now()
        else:
            if not reason:
                raise ValidationError({"closing_reason": _("不公开答复的，请填写理由。")})
            self.status = MessageStatus.REPLIED
            self.closing_reason = reason
        self.reviewed_by, self.reviewed_at = user, rules.now()
        self._save(user, _("审核通过"))
        transaction.on_commit(lambda: notices.answer_notice(self))

    def withdraw(self, user, reason):
        """Take a published message off the portal (the record and its history stay)."""
        self._require(MessageStatus.PUBLISHED)
        reason = (reason or "").strip()
        if not reason:
            raise ValidationError({"closing_reason": _("请填写撤下公开的理由。")})
        self.status = MessageStatus.REPLIED
        self.closing_reason = reason
        self._save(user, _("撤下公开"))

    def route_as_complaint(self, user, reason=""):
        """A complaint or report posted as a message: to its own channel, the sender told."""
        self._require(*rules.OPEN_STATUSES)
        self._route(user, (reason or "").strip() or _("属于投诉举报事项。"))

    def mark_invalid(self, user, reason):
        """Spam, a repeat or an empty message: closed as not a valid message, with the reason."""
        self._require(*rules.OPEN_STATUSES)
        reason = (reason or "").strip()
        if not reason:
            raise ValidationError({"closing_reason": _("请填写认定为无效留言的理由。")})
        self.status = MessageStatus.INVALID
        self.closing_reason = reason
        self._save(user, _("无效留言"))

    def _route(self, user, reason):
        self.category = MessageCategory.COMPLAINT
        self.status = MessageStatus.ROUTED
        self.closing_reason = reason
        self.notice_sent_at = rules.now()
        self._save(user, _("转投诉举报渠道"))
        transaction.on_commit(lambda: notices.complaint_notice(self))

    def _save(self, user, reason):
        with transaction.atomic():
            self._history_user = user
            self._change_reason = reason
            self.save()
