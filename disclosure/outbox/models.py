"""The outbox: one append-only row per public change, written in the transaction of the
change itself, so that a partner replaying it from the start rebuilds the public state
(``design.md``, "Contracts")."""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ChangeKind(models.TextChoices):
    PUBLISH = "publish", _("发布")
    UPDATE = "update", _("更新")
    UNPUBLISH = "unpublish", _("撤下")
    EXPIRE = "expire", _("到期下线")
    WITHDRAW = "withdraw", _("撤回")


LIVE_KINDS = {ChangeKind.PUBLISH, ChangeKind.UPDATE}


class AppendOnlyModel(models.Model):
    """A record that is written once and never changed or deleted (events, determinations)."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise RuntimeError(f"{type(self).__name__} is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise RuntimeError(f"{type(self).__name__} is append-only")


class ChangeEvent(AppendOnlyModel):
    kind = models.CharField(_("类型"), max_length=20, choices=ChangeKind.choices)
    content_type = models.ForeignKey(
        ContentType, verbose_name=_("内容类型"), on_delete=models.PROTECT, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(_("对象ID"), db_index=True)
    revision_id = models.PositiveBigIntegerField(_("修订版本ID"), null=True, blank=True)
    title = models.CharField(_("标题"), max_length=255)
    url_path = models.CharField(_("路径"), max_length=255, blank=True)
    index_number = models.CharField(_("索引号"), max_length=64, blank=True)
    reason = models.TextField(_("原因"), blank=True)
    payload = models.JSONField(_("内容摘要"), default=dict, blank=True)
    occurred_at = models.DateTimeField(_("发生时间"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("变更事件")
        verbose_name_plural = _("变更事件")
        ordering = ["pk"]

    def __str__(self):
        return f"#{self.pk} {self.get_kind_display()} {self.title}"

    @classmethod
    def record(cls, page, kind, revision=None, reason="", *, keep_kind=False):
        """Append an event for ``page``; call inside the transaction of the change.

        A publish of a page the feed shows already is recorded as an update, unless
        ``keep_kind``: a page that comes out from behind a view restriction is published again
        (the feed had a tombstone for it)."""
        if kind == ChangeKind.PUBLISH and not keep_kind and cls.is_live_in_feed(page):
            kind = ChangeKind.UPDATE
        index_number = getattr(page, "index_number", "") or ""
        return cls.objects.create(
            kind=kind,
            content_type=ContentType.objects.get_for_model(page.specific_class or type(page)),
            object_id=page.pk,
            revision_id=revision.pk if revision is not None else None,
            title=page.title[:255],
            url_path=page.url_path,
            index_number=index_number,
            reason=reason,
            payload=cls.payload_for(page),
        )

    @classmethod
    def is_live_in_feed(cls, page):
        last = (
            cls.objects.filter(object_id=page.pk)
            .order_by("-pk")
            .values_list("kind", flat=True)
            .first()
        )
        return last in LIVE_KINDS

    @staticmethod
    def payload_for(page):
        fields = [
            "title",
            "index_number",
            "publisher",
            "document_number",
            "validity",
            "disclosure_attribute",
        ]
        payload = {name: getattr(page, name) for name in fields if hasattr(page, name)}
        for name in ("written_on", "published_at"):
            value = getattr(page, name, None)
            if value:
                payload[name] = value.isoformat()
        payload["type"] = page._meta.label_lower
        return payload
