"""Applications for disclosure (依申请公开, 条例 第27–45条): what the requester asked, when it was
received, every step on the statutory clock (:mod:`disclosure.applications.clock`), and the
reply's outcome in the annual report's categories (:mod:`disclosure.applications.choices`).
Every change is kept (django-simple-history); the rules of each step are in
:mod:`disclosure.applications.steps`."""

import hashlib
import hmac
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from disclosure.publishing.rules import record_errors
from disclosure.workdays.calendar import WorkdayCalendar

from . import clock
from .choices import (
    Channel,
    ConsultationKind,
    Delivery,
    FeeBasis,
    FileKind,
    FormWanted,
    IdentityDocument,
    Outcome,
    RemedyKind,
    RemedyResult,
    RequesterType,
    Status,
)

#: Letters and digits that cannot be mistaken for each other on paper or on the phone.
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8


def code_digest(tracking_number, code):
    """A keyed digest of the query code (the code itself is never stored)."""
    message = f"{tracking_number}:{code.strip().upper()}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def private_storage():
    """Where requests' files live: ``PRIVATE_MEDIA_ROOT``, outside the served media."""
    return FileSystemStorage(location=settings.PRIVATE_MEDIA_ROOT, base_url=None)


class InformationRequest(models.Model):
    tracking_number = models.CharField(_("申请编号"), max_length=20, unique=True, editable=False)
    code_digest = models.CharField(max_length=64, editable=False)
    channel = models.CharField(_("申请方式"), max_length=20, choices=Channel.choices)
    requester_type = models.CharField(_("申请人类型"), max_length=30, choices=RequesterType.choices)
    requester_name = models.CharField(_("申请人姓名或名称"), max_length=200)
    identity_type = models.CharField(
        _("身份证明类型"), max_length=20, choices=IdentityDocument.choices
    )
    identity_number = models.CharField(_("身份证明号码"), max_length=40)
    contact_phone = models.CharField(_("联系电话"), max_length=40)
    contact_email = models.EmailField(_("电子邮箱"), blank=True)
    contact_address = models.CharField(_("通信地址"), max_length=255, blank=True)
    description = models.TextField(
        _("所需信息的名称、文号或者便于查询的其他特征性描述"),
    )
    form_wanted = models.CharField(
        _("获取信息的载体形式"), max_length=20, choices=FormWanted.choices
    )
    delivery = models.CharField(_("获取信息的方式"), max_length=20, choices=Delivery.choices)
    submitted_at = models.DateTimeField(_("提交时间"), default=timezone.now, editable=False)
    received_on = models.DateField(
        _("收到申请之日"),
        null=True,
        blank=True,
        help_text=_(
            "当面提交为提交当日；信函为签收之日；网上申请和传真为双方确认之日（条例第三十一条）。"
        ),
    )
    status = models.CharField(
        _("状态"), max_length=20, choices=Status.choices, default=Status.SUBMITTED, db_index=True
    )
    department = models.ForeignKey(
        "departments.Department",
        verbose_name=_("承办科室"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="information_requests",
    )
    clarification_requested_on = models.DateField(_("发出补正告知之日"), null=True, blank=True)
    clarification_due_on = models.DateField(_("补正期限"), null=True, blank=True)
    clarification_request = models.TextField(_("需要补正的事项"), blank=True)
    clarification_received_on = models.DateField(_("收到补正材料之日"), null=True, blank=True)
    extension_workdays = models.PositiveSmallIntegerField(_("延长的工作日数"), default=0)
    extension_reason = models.TextField(_("延长理由"), blank=True)
    extension_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("批准延长的负责人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    outcome = models.CharField(
        _("办理结果"), max_length=40, choices=Outcome.choices, blank=True, db_index=True
    )
    replied_on = models.DateField(_("答复之日"), null=True, blank=True, db_index=True)
    reply_summary = models.TextField(_("答复内容摘要"), blank=True)
    # 第35条: unreasonable volume or frequency.
    reasons_requested_on = models.DateField(_("要求说明理由之日"), null=True, blank=True)
    reasons_request = models.TextField(_("要求说明理由的事项"), blank=True)
    reasons_received_on = models.DateField(_("收到理由说明之日"), null=True, blank=True)
    reasons_given = models.TextField(_("申请人说明的理由"), blank=True)
    deferred_due_on = models.DateField(
        _("确定的延迟答复期限"),
        null=True,
        blank=True,
        help_text=_("申请理由合理但无法在法定期限内答复的，确定延迟答复的合理期限（第三十五条）。"),
    )
    deferred_reason = models.TextField(_("延迟答复的理由"), blank=True)
    # 第42条: the information processing fee.
    fee_basis = models.CharField(
        _("信息处理费计收方式"), max_length=20, choices=FeeBasis.choices, blank=True
    )
    fee_amount = models.PositiveIntegerField(_("收费金额（元）"), null=True, blank=True)
    fee_notified_on = models.DateField(_("发出收费通知之日"), null=True, blank=True)
    fee_paid_on = models.DateField(_("缴费之日"), null=True, blank=True)
    # 第36条第六项: a repeated request.
    repeat_of = models.ForeignKey(
        "self",
        verbose_name=_("重复申请的原申请"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="repeats",
    )
    # The reply's confidentiality review (保密审查) before it is sent.
    reply_drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("答复拟稿人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reply_reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("答复保密审查人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reply_review_note = models.TextField(_("保密审查意见"), blank=True)
    # 第45条: archived.
    archived_on = models.DateField(_("归档之日"), null=True, blank=True)
    archive_reference = models.CharField(_("档案号"), max_length=60, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("政府信息公开申请")
        verbose_name_plural = _("政府信息公开申请")
        ordering = ["-submitted_at", "-pk"]

    def __str__(self):
        return self.tracking_number

    @property
    def reply_sent(self):
        """Whether the reply went out (after its confidentiality review) or the request ended:
        only then does the requester see its outcome and text."""
        return self.status in (Status.REPLIED, Status.CLOSED)

    def public_status_display(self):
        """The status as the requester sees it: the internal review of a draft reply is
        still 办理中."""
        if self.status == Status.REPLY_REVIEW:
            return Status.RECEIVED.label
        return self.get_status_display()

    # --- the query code --------------------------------------------------------------------

    def issue_code(self):
        """A new query code for the requester (shown once; only its digest is kept)."""
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        self.code_digest = code_digest(self.tracking_number, code)
        return code

    def code_matches(self, code):
        return hmac.compare_digest(self.code_digest, code_digest(self.tracking_number, code))

    # --- the clock -------------------------------------------------------------------------

    def pauses(self):
        """Consultations (第32条, 第34条) and the fee notice (第42条): time not counted."""
        pauses = [
            clock.Pause(c.sent_on, c.answered_on) for c in self.consultations.order_by("sent_on")
        ]
        if self.fee_notified_on is not None:
            pauses.append(
                clock.Pause(self.fee_notified_on, self.fee_paid_on, clock.FEE_PAYMENT_WORKDAYS)
            )
        return pauses

    def due(self, calendar=None):
        """The reply's due date (:func:`clock.reply_due`), or ``None`` before receipt, while the
        requester is correcting the request, and once replied or closed."""
        if self.received_on is None or self.status in (
            Status.CLARIFICATION,
            Status.REPLIED,
            Status.CLOSED,
        ):
            return None
        return clock.reply_due(
            self.received_on,
            clarification_received_on=self.clarification_received_on,
            pauses=self.pauses(),
            extension_workdays=self.extension_workdays,
            deferred_to=self.deferred_due_on,
            calendar=calendar or WorkdayCalendar(),
        )


class Consultation(models.Model):
    """A consultation of a third party (第32条) or another agency (第34条): the clock stops."""

    information_request = models.ForeignKey(
        InformationRequest,
        verbose_name=_("申请"),
        on_delete=models.CASCADE,
        related_name="consultations",
    )
    kind = models.CharField(_("类型"), max_length=20, choices=ConsultationKind.choices)
    party = models.CharField(_("征求意见对象"), max_length=200)
    sent_on = models.DateField(_("发出征求意见之日"))
    answered_on = models.DateField(_("收到意见之日"), null=True, blank=True)
    opinion = models.TextField(_("意见"), blank=True)
    public_interest_override = models.TextField(
        _("公共利益决定公开的理由"),
        blank=True,
        help_text=_(
            "第三方不同意公开，但不公开可能对公共利益造成重大影响的，记录理由（第三十二条）。"
        ),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("征求意见")
        verbose_name_plural = _("征求意见")
        ordering = ["sent_on", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.party}"

    @property
    def due_on(self):
        return clock.consultation_due(self.sent_on)


class RequestFile(models.Model):
    """A file of a request: one the requester sent, or one the reply releases. Kept in
    private storage and served only through Django."""

    information_request = models.ForeignKey(
        InformationRequest, verbose_name=_("申请"), on_delete=models.CASCADE, related_name="files"
    )
    kind = models.CharField(_("类别"), max_length=20, choices=FileKind.choices)
    file = models.FileField(_("文件"), upload_to="applications/%Y/", storage=private_storage)
    name = models.CharField(_("文件名"), max_length=255)
    uploaded_at = models.DateTimeField(_("上传时间"), default=timezone.now, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("申请材料")
        verbose_name_plural = _("申请材料")
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.name


class Remedy(models.Model):
    """A 行政复议 or 行政诉讼 against the reply (条例 第51条), counted in the annual report's
    table 四; no result yet is 尚未审结."""

    information_request = models.ForeignKey(
        InformationRequest,
        verbose_name=_("申请"),
        on_delete=models.CASCADE,
        related_name="remedies",
    )
    kind = models.CharField(_("类型"), max_length=30, choices=RemedyKind.choices)
    body = models.CharField(_("复议机关或人民法院"), max_length=200)
    case_number = models.CharField(_("案号"), max_length=100, blank=True)
    filed_on = models.DateField(_("受理之日"))
    result = models.CharField(_("结果"), max_length=20, choices=RemedyResult.choices, blank=True)
    concluded_on = models.DateField(_("审结之日"), null=True, blank=True)
    notes = models.TextField(_("备注"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("行政复议、行政诉讼")
        verbose_name_plural = _("行政复议、行政诉讼")
        ordering = ["filed_on", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.case_number}".strip()


class RequestCase(models.Model):
    """A case of the 依申请公开案例库 (seed plan 三(二)): an anonymised account of how a request
    was handled, published on the portal. Its public texts pass the publication gate's record
    rules (personal data, :func:`disclosure.publishing.rules.check_record`) and must not name
    the requester of the request it comes from."""

    information_request = models.ForeignKey(
        InformationRequest,
        verbose_name=_("来源申请"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cases",
    )
    title = models.CharField(_("案例标题"), max_length=200)
    requester_type = models.CharField(_("申请人类型"), max_length=30, choices=RequesterType.choices)
    outcome = models.CharField(_("办理结果"), max_length=40, choices=Outcome.choices)
    facts = models.TextField(_("申请事项"), help_text=_("已隐去申请人姓名、证件号码和联系方式。"))
    handling = models.TextField(_("办理过程和答复"))
    legal_basis = models.TextField(_("法律依据"), blank=True)
    commentary = models.TextField(_("案例评析"), blank=True)
    published = models.BooleanField(_("在门户公开"), default=False)
    published_on = models.DateField(_("公开日期"), null=True, blank=True)
    history = HistoricalRecords()

    PUBLIC_FIELDS = ["title", "facts", "handling", "legal_basis", "commentary"]

    class Meta:
        verbose_name = _("依申请公开案例")
        verbose_name_plural = _("依申请公开案例库")
        ordering = ["-published_on", "-pk"]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if not self.published:
            return
        errors = record_errors(self, self.PUBLIC_FIELDS)
        source = self.information_request
        if source is not None:
            personal = [
                value
                for value in (source.requester_name, source.identity_number, source.contact_phone)
                if value and len(value) >= 2
            ]
            for name in self.PUBLIC_FIELDS:
                text = str(getattr(self, name) or "")
                if any(value in text for value in personal):
                    errors.setdefault(name, []).append(
                        _("含有来源申请的申请人姓名、证件号码或电话，请隐去后再公开。")
                    )
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if self.published and self.published_on is None:
            self.published_on = timezone.localdate()
        super().save(*args, **kwargs)
