"""Scheduled publishing and expiry (发布时间 / 下线时间), run every minute by cron
(``manage.py publish_due``) or by the task worker (:data:`disclosure.publishing.tasks.publish_due`).

- A revision approved for a later ``go_live_at`` is published once that moment has passed,
  through the same gate as every other publish path (``rules.publication_errors``, with the
  confidentiality determination of that revision). A refused one is taken off the schedule and
  the refusal is logged in the page history, so that the next run does not retry it.
- A live page whose ``expire_at`` has passed is unpublished and marked expired; the record is
  kept, the reason is logged, and the outbox event is ``expire`` (a partner following the
  change feed sees the end of the publicity period, e.g. 总局令第45号 第13条).

Idempotent: a second run at the same moment finds nothing to do.
"""

from dataclasses import dataclass, field

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import DraftStateMixin, Page, Revision

LOG_EXPIRE = "publishing.expire"
LOG_SCHEDULE_REFUSED = "publishing.schedule_refused"


@dataclass
class DueReport:
    published: list = field(default_factory=list)
    expired: list = field(default_factory=list)
    refused: list = field(default_factory=list)  # (object, reason)

    def summary(self):
        return _(
            "到期发布 %(published)s 条，到期下线 %(expired)s 条，拒绝发布 %(refused)s 条。"
        ) % {
            "published": len(self.published),
            "expired": len(self.expired),
            "refused": len(self.refused),
        }


def _draft_models():
    return [Page] + [
        model
        for model in apps.get_models()
        if issubclass(model, DraftStateMixin) and not issubclass(model, Page)
    ]


def expiry_reason(obj):
    expire_at = timezone.localtime(obj.expire_at).strftime("%Y-%m-%d %H:%M")
    return _("公示期满：下线时间 %(expire_at)s 已到，自动下线，记录保留。") % {
        "expire_at": expire_at
    }


def expire_due(now, report):
    for model in _draft_models():
        for obj in list(model.objects.filter(live=True, expire_at__lte=now).order_by("expire_at")):
            obj = obj.specific if isinstance(obj, Page) else obj
            reason = expiry_reason(obj)
            with transaction.atomic():
                # Read by the outbox's unpublish signal (the event kind is ``expire``).
                obj._unpublish_reason = reason
                obj.unpublish(set_expired=True, log_action="wagtail.unpublish.scheduled")
                log(instance=obj, action=LOG_EXPIRE, data={"reason": reason})
            report.expired.append(obj)


def publish_scheduled_due(now, report):
    revisions = Revision.objects.filter(approved_go_live_at__lte=now).order_by(
        "approved_go_live_at", "pk"
    )
    for revision in list(revisions):
        try:
            with transaction.atomic():
                revision.publish(log_action="wagtail.publish.scheduled")
        except ValidationError as error:
            reason = " ".join(error.messages)
            with transaction.atomic():
                Revision.objects.filter(pk=revision.pk).update(approved_go_live_at=None)
                obj = revision.content_object
                log(
                    instance=obj.specific if isinstance(obj, Page) else obj,
                    action=LOG_SCHEDULE_REFUSED,
                    revision=revision,
                    data={"reason": reason},
                )
            report.refused.append((revision.content_object, reason))
        else:
            report.published.append(revision.content_object)


def run_due(now=None):
    """Expire what is due, then publish what is due; returns a :class:`DueReport`."""
    now = now or timezone.now()
    report = DueReport()
    expire_due(now, report)
    publish_scheduled_due(now, report)
    return report
