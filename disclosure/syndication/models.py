"""Syndication: the read model behind the headless API, the change feed, partners and webhooks.

"一次入库、多个平台共享" (seed plan 三(一)): one write in the admin, many readers. The outbox
(:mod:`disclosure.outbox`) is the source of truth; :mod:`.projection` consumes it in commit
order into :class:`FeedEntry` (the feed partners replay) and :class:`CatalogueEntry` (one row
per public item, the fast keyset index of the read API), and queues a
:class:`WebhookDelivery` for every partner that wants the event.
"""

import hashlib
import secrets

from django.contrib.contenttypes.models import ContentType
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from disclosure.outbox.models import AppendOnlyModel, ChangeEvent, ChangeKind


class FeedEntry(AppendOnlyModel):
    """One position of the change feed: an outbox event, numbered in the order it became
    visible (committed). A reader that pages by ``position`` never misses an event that
    committed late with a lower outbox id."""

    position = models.BigAutoField(_("位置"), primary_key=True)
    event = models.OneToOneField(
        ChangeEvent, verbose_name=_("变更事件"), on_delete=models.PROTECT, related_name="feed_entry"
    )
    kind = models.CharField(_("类型"), max_length=20, choices=ChangeKind.choices)
    page_id = models.PositiveBigIntegerField(_("页面ID"))
    content_type = models.ForeignKey(
        ContentType, verbose_name=_("内容类型"), on_delete=models.PROTECT, related_name="+"
    )
    is_item = models.BooleanField(_("公开信息"), default=False)
    content_hash = models.CharField(_("内容摘要值"), max_length=64, blank=True)
    document = models.JSONField(_("目录信息"), null=True, blank=True)
    ingested_at = models.DateTimeField(_("入列时间"), default=timezone.now)

    class Meta:
        verbose_name = _("变更流条目")
        verbose_name_plural = _("变更流条目")
        ordering = ["position"]
        indexes = [models.Index(fields=["is_item", "position"], name="syndication_feed_item_pos")]

    def __str__(self):
        return f"#{self.position} {self.get_kind_display()} {self.page_id}"

    @property
    def is_tombstone(self):
        """Unpublish, expiry, withdrawal — or a publish of something the public cannot see
        (behind a view restriction): the partner deletes its copy."""
        return self.kind not in (ChangeKind.PUBLISH, ChangeKind.UPDATE) or not self.content_hash


class CatalogueEntry(models.Model):
    """The read model of one public item: its sort and filter keys and its catalogue metadata,
    kept current from the feed. Column path and departments are not stored: they are read from
    the live columns at request time, so renaming a column shows at once."""

    page = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    published_at = models.DateTimeField()
    modified_at = models.DateTimeField()
    written_on = models.DateField(null=True, blank=True)
    validity = models.CharField(max_length=20, blank=True)
    topic_id = models.PositiveBigIntegerField(null=True, blank=True)
    content_hash = models.CharField(max_length=64)
    revision_id = models.PositiveBigIntegerField(null=True, blank=True)
    document = models.JSONField(default=dict)

    class Meta:
        verbose_name = _("公开目录条目")
        verbose_name_plural = _("公开目录条目")
        indexes = [
            models.Index(fields=["published_at", "page"], name="syndication_cat_published"),
            models.Index(fields=["modified_at", "page"], name="syndication_cat_modified"),
            models.Index(
                fields=["content_type", "published_at", "page"], name="syndication_cat_type"
            ),
        ]

    def __str__(self):
        return self.document.get("title", str(self.page_id))


class SyncState(models.Model):
    """A single row: how many outbox events the feed has taken in (the cheap "anything new?"
    check) and the lock the projection takes while it writes."""

    ingested_events = models.PositiveBigIntegerField(default=0)
    updated_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"{self.ingested_events} @ {self.updated_at:%Y-%m-%d %H:%M:%S}"


class EventKinds(models.TextChoices):
    """The event kinds a partner may subscribe to (the outbox's kinds)."""

    PUBLISH = ChangeKind.PUBLISH.value, ChangeKind.PUBLISH.label
    UPDATE = ChangeKind.UPDATE.value, ChangeKind.UPDATE.label
    UNPUBLISH = ChangeKind.UNPUBLISH.value, ChangeKind.UNPUBLISH.label
    EXPIRE = ChangeKind.EXPIRE.value, ChangeKind.EXPIRE.label
    WITHDRAW = ChangeKind.WITHDRAW.value, ChangeKind.WITHDRAW.label


def new_webhook_secret():
    return secrets.token_hex(32)


class Partner(models.Model):
    """A platform that consumes the API (集约化平台, 信息资源库, …)."""

    name = models.CharField(_("名称"), max_length=100, unique=True)
    contact = models.CharField(_("联系人及电话"), max_length=200, blank=True)
    active = models.BooleanField(_("启用"), default=True)
    rate_limit = models.PositiveIntegerField(
        _("每分钟请求上限"), default=600, validators=[MinValueValidator(1)]
    )
    webhook_url = models.URLField(
        _("Webhook 地址"), blank=True, help_text=_("留空则不推送，合作方自行拉取变更流")
    )
    event_kinds = models.JSONField(
        _("订阅的事件类型"), default=list, blank=True, help_text=_("留空表示全部类型")
    )
    webhook_secret = models.CharField(
        _("签名密钥"),
        max_length=64,
        default=new_webhook_secret,
        help_text=_("用于 HMAC-SHA256 签名，请通过安全渠道告知合作方"),
    )
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)
    history = HistoricalRecords(excluded_fields=["webhook_secret"])

    class Meta:
        verbose_name = _("接口合作方")
        verbose_name_plural = _("接口合作方")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def wants(self, kind):
        return (
            self.active
            and bool(self.webhook_url)
            and (not self.event_kinds or kind in self.event_kinds)
        )


def hash_key(raw):
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiKey(models.Model):
    """A partner's API key. Only its SHA-256 is stored; the key is shown once, when created."""

    PREFIX = "dk_"

    partner = models.ForeignKey(
        Partner, verbose_name=_("合作方"), on_delete=models.CASCADE, related_name="api_keys"
    )
    label = models.CharField(_("用途说明"), max_length=100, blank=True)
    key_prefix = models.CharField(_("密钥前缀"), max_length=16, editable=False, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now, editable=False)
    last_used_at = models.DateTimeField(_("最近使用"), null=True, blank=True, editable=False)
    revoked = models.BooleanField(_("已吊销"), default=False)
    history = HistoricalRecords(excluded_fields=["key_hash", "last_used_at"])

    class Meta:
        verbose_name = _("接口密钥")
        verbose_name_plural = _("接口密钥")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.partner} · {self.key_prefix}…"

    @classmethod
    def issue(cls, partner, label=""):
        """A new key for ``partner``: returns ``(api_key, raw_key)``; the raw key is not stored."""
        raw = cls.PREFIX + secrets.token_urlsafe(32)
        key = cls.objects.create(
            partner=partner, label=label, key_prefix=raw[:10], key_hash=hash_key(raw)
        )
        return key, raw

    @classmethod
    def lookup(cls, raw):
        """The active key for ``raw``, or None."""
        if not raw or not raw.startswith(cls.PREFIX) or len(raw) > 200:
            return None
        return (
            cls.objects.select_related("partner")
            .filter(key_hash=hash_key(raw), revoked=False, partner__active=True)
            .first()
        )


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("待投递")
    DELIVERED = "delivered", _("已送达")
    FAILED = "failed", _("已停止重试")


class WebhookDelivery(models.Model):
    """One feed event for one partner. Deliveries of a partner go out strictly in feed order:
    a later one waits until every earlier one has been delivered."""

    partner = models.ForeignKey(
        Partner, verbose_name=_("合作方"), on_delete=models.CASCADE, related_name="deliveries"
    )
    entry = models.ForeignKey(
        FeedEntry, verbose_name=_("变更流条目"), on_delete=models.PROTECT, related_name="+"
    )
    idempotency_key = models.CharField(_("幂等键"), max_length=64, unique=True)
    status = models.CharField(
        _("状态"), max_length=20, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveIntegerField(_("尝试次数"), default=0)
    next_attempt_at = models.DateTimeField(_("下次尝试"), null=True, blank=True)
    last_status_code = models.PositiveIntegerField(_("最近响应码"), null=True, blank=True)
    last_error = models.TextField(_("最近错误"), blank=True)
    delivered_at = models.DateTimeField(_("送达时间"), null=True, blank=True)
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)

    class Meta:
        verbose_name = _("Webhook 投递")
        verbose_name_plural = _("Webhook 投递")
        ordering = ["-entry_id"]
        constraints = [
            models.UniqueConstraint(fields=["partner", "entry"], name="unique_partner_entry")
        ]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="syndication_due"),
        ]

    def __str__(self):
        return f"{self.partner} #{self.entry_id}"


class DeliveryAttempt(AppendOnlyModel):
    """The log of every HTTP attempt of a delivery, with the receiver's response code."""

    delivery = models.ForeignKey(
        WebhookDelivery, verbose_name=_("投递"), on_delete=models.CASCADE, related_name="log"
    )
    attempted_at = models.DateTimeField(_("尝试时间"))
    status_code = models.PositiveIntegerField(_("响应码"), null=True, blank=True)
    error = models.TextField(_("错误"), blank=True)
    duration_ms = models.PositiveIntegerField(_("耗时（毫秒）"), default=0)
    manual = models.BooleanField(_("人工重发"), default=False)

    class Meta:
        verbose_name = _("投递记录")
        verbose_name_plural = _("投递记录")
        ordering = ["attempted_at", "pk"]

    def __str__(self):
        return f"{self.delivery} {self.status_code or self.error[:40]}"
