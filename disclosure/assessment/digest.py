"""The daily digest to the disclosure office: the inspection indicators that warn or have
tripped, the columns overdue or due, and the running quarter's quota shortfalls — nothing when
all is well. Run daily from cron (``manage.py send_inspection_digest``)."""

from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.utils import timezone
from django.utils.translation import gettext as _

from disclosure.departments.roles import DISCLOSURE_OFFICE

from . import indicators, quotas


def office_addresses():
    users = (
        get_user_model()
        .objects.filter(is_active=True, groups__role__code=DISCLOSURE_OFFICE)
        .exclude(email="")
    )
    return sorted({user.email for user in users})


def body(today=None):
    """The digest's text, or ``""`` when there is nothing to report."""
    today = today or timezone.localdate()
    vetoes, states, late, _home = indicators.readiness(today)
    lines = []
    alarming = [v for v in vetoes if v.status in (indicators.WARNING, indicators.TRIPPED)]
    if alarming:
        lines.append(_("【单项否决指标】"))
        for v in alarming:
            state = _("已触发否决") if v.status == indicators.TRIPPED else _("预警")
            if v.tripped_at is None:
                lines.append(
                    _("- %(label)s：%(state)s（%(note)s）")
                    % {"label": v.label, "state": state, "note": v.note}
                )
                continue
            lines.append(
                _("- %(label)s：%(state)s（当前 %(count)s，否决线 %(limit)s）")
                % {"label": v.label, "state": state, "count": v.count, "limit": v.tripped_at}
            )
    columns = [s for s in states if s.status in (indicators.OVERDUE, indicators.DUE)]
    if columns:
        lines.append(_("【栏目更新】"))
        for s in columns:
            state = _("超期未更新") if s.status == indicators.OVERDUE else _("即将超期")
            lines.append(
                _("- %(title)s：%(state)s（最近更新 %(last)s，要求 %(interval)s 天内更新）")
                % {
                    "title": s.column.title,
                    "state": state,
                    "last": s.last_update or _("从未"),
                    "interval": s.interval,
                }
            )
    shortfalls = quotas.warnings(quotas.report(today.year, today=today))
    if shortfalls:
        lines.append(_("【信息发布考核】"))
        lines += [f"- {message}" for message in shortfalls]
    recent = [
        pair
        for pair in late
        if pair[0].first_published_at
        and (today - timezone.localtime(pair[0].first_published_at).date()).days <= 1
    ]
    if recent:
        lines.append(_("【昨日以来逾期发布（条例第二十六条）】"))
        lines += [
            _("- %(title)s：逾期 %(days)s 个工作日") % {"title": page.title, "days": t.days_late}
            for page, t in recent
        ]
    if not lines:
        return ""
    return "\n".join([_("%(day)s 政府网站检查指标日报") % {"day": today}, "", *lines])


def send(recipients=None, today=None, dry_run=False):
    """Send the digest; returns ``(recipients, text)`` (``text`` empty: nothing was sent)."""
    text = body(today)
    recipients = recipients or office_addresses()
    if text and recipients and not dry_run:
        subject = _("【政府网站检查指标】%(day)s 预警") % {"day": today or timezone.localdate()}
        EmailMessage(subject, text, to=recipients).send()
    return recipients, text
