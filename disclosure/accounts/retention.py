"""How long the security log is kept: ``SECURITY_LOG_RETENTION_DAYS`` (365 by default), never
less than six months — 《中华人民共和国网络安全法》第二十一条第（三）项: 采取监测、记录网络运行状态、
网络安全事件的技术措施，并按照规定留存相关的网络日志不少于六个月 (等保 2.0 8.1.4.3 c as well)."""

import datetime
from collections import Counter

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import SecurityEvent, SecurityEventKind

#: Six months, counted generously (《网络安全法》第二十一条).
MINIMUM_RETENTION_DAYS = 183


def retention_days():
    days = settings.SECURITY_LOG_RETENTION_DAYS
    if days < MINIMUM_RETENTION_DAYS:
        raise ImproperlyConfigured(
            _(
                "SECURITY_LOG_RETENTION_DAYS 为 %(days)d 天，少于《网络安全法》第二十一条要求的"
                "六个月（%(minimum)d 天），拒绝删除安全日志。"
            )
            % {"days": days, "minimum": MINIMUM_RETENTION_DAYS}
        )
    return days


def prune(*, dry_run=False, now=None):
    """Delete the events older than the retention period (only count them with ``dry_run``).
    Returns ``(cutoff, {kind: count})``."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=retention_days())
    old = SecurityEvent.objects.filter(occurred_at__lt=cutoff)
    with transaction.atomic():
        counts = Counter(old.values_list("kind", flat=True))
        if not dry_run and counts:
            # The queryset's delete, not the model's: the events themselves stay append-only.
            old.delete()
    return cutoff, dict(counts)


def summary(cutoff, counts, dry_run):
    total = sum(counts.values())
    labels = dict(SecurityEventKind.choices)
    when = timezone.localtime(cutoff).strftime("%Y-%m-%d %H:%M:%S")
    if dry_run:
        head = _("（试运行）将删除 %(when)s 之前的安全日志 %(total)d 条。")
    else:
        head = _("已删除 %(when)s 之前的安全日志 %(total)d 条。")
    lines = [head % {"when": when, "total": total}]
    for kind, count in sorted(counts.items()):
        lines.append(
            _("  %(kind)s：%(count)d 条") % {"kind": labels.get(kind, kind), "count": count}
        )
    return "\n".join(lines)
