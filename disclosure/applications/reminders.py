"""E-mail reminders of information requests that need attention (条例 第33条 deadlines): each
assigned department gets its own overdue and due-soon requests; the 政务公开办公室 and the FOI
clerks get all of them, with the online requests not yet confirmed. Run daily from cron:
``python manage.py application_reminders``. Nothing personal goes into the mail — the tracking
number, the status and the due date only; the details are behind the admin login."""

from __future__ import annotations

from collections import defaultdict

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from disclosure.departments.roles import DISCLOSURE_OFFICE, FOI_CLERK

from . import deadlines

STATUS_TITLES = {
    deadlines.OVERDUE: gettext_lazy("已逾期"),
    deadlines.DUE_SOON: gettext_lazy("即将到期"),
    deadlines.UNCONFIRMED: gettext_lazy("网上申请待确认收到"),
}


def _line(deadline):
    information_request = deadline.information_request
    url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
        "applications_handle", args=[information_request.pk]
    )
    return _("%(number)s（%(status)s）答复期限 %(due)s %(url)s") % {
        "number": information_request.tracking_number,
        "status": information_request.get_status_display(),
        "due": deadline.label,
        "url": url,
    }


def body(found):
    """The text of one reminder: the requests grouped by urgency."""
    parts = [_("以下政府信息公开申请需要及时办理（条例第三十三条）：")]
    for status in (deadlines.OVERDUE, deadlines.UNCONFIRMED, deadlines.DUE_SOON):
        rows = [d for d in found if d.status == status]
        if rows:
            parts.append("")
            parts.append(f"{STATUS_TITLES[status]}（{len(rows)}）")
            parts.extend(_line(d) for d in rows)
    return "\n".join(parts)


def _addresses(users):
    return sorted({u.email for u in users if u.is_active and u.email})


def messages(today=None):
    """``[(recipients, subject, body)]`` for today's reminders."""
    found = deadlines.urgent(today)
    if not found:
        return []
    users = get_user_model().objects
    office = users.filter(groups__role__code__in=[DISCLOSURE_OFFICE, FOI_CLERK]).distinct()
    subject = _("【依申请公开】%(overdue)s 件已逾期，%(soon)s 件即将到期") % {
        "overdue": sum(d.status == deadlines.OVERDUE for d in found),
        "soon": sum(d.status == deadlines.DUE_SOON for d in found),
    }
    result = []
    if _addresses(office):
        result.append((_addresses(office), subject, body(found)))
    by_department = defaultdict(list)
    for deadline in found:
        department = deadline.information_request.department
        if department is not None and deadline.status != deadlines.UNCONFIRMED:
            by_department[department].append(deadline)
    for department, rows in by_department.items():
        recipients = _addresses(department.members)
        if recipients:
            result.append(
                (
                    recipients,
                    _("%(subject)s（%(name)s）") % {"subject": subject, "name": department.name},
                    body(rows),
                )
            )
    return result


def send(today=None):
    """Send today's reminders; returns how many messages went out."""
    sent = 0
    for recipients, subject, text in messages(today):
        EmailMessage(subject, text, to=recipients).send()
        sent += 1
    return sent
