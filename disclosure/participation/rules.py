"""The rules of public messages (政民互动), written once: the answer clock, the inspection ceiling,
what may be published and what is routed elsewhere.

- **Answer clock**: a message is answered within ``PUBLIC_MESSAGE_ANSWER_WORKING_DAYS`` working
  days of the day it arrived (the bureau's own commitment, 10 by default; the day of arrival is
  not counted, :meth:`disclosure.workdays.calendar.WorkdayCalendar.add_workdays`, make-up working
  Saturdays counted). It is due soon :data:`DUE_SOON_WORKING_DAYS` working days before.
- **Inspection ceiling** (政府网站与政务新媒体检查指标, 国办秘函〔2019〕19号, 单项否决: 互动交流栏目
  "超过3个月未回应"): a valid message still unanswered three calendar months after it arrived
  fails the site; the readiness report warns after :data:`VETO_WARNING_MONTHS` months. A message
  counts as answered once its answer is approved (published, or sent without publishing);
  complaints routed to their channel and invalid messages are not valid messages here.
- **Complaints and reports** (投诉举报) are not public messages: they are routed to their own
  channel (市场监督管理投诉举报处理暂行办法; 12315) and the sender told so, never published — the
  logic of 条例 第39条 for requests that are in truth complaints.
- **Publication**: nothing of a message is shown before the gate's record rules
  (:func:`disclosure.publishing.rules.check_record`: personal data first, 总局令第45号 第6条,
  个人信息保护法 第25条) pass on its public fields (:data:`PUBLIC_FIELDS`); the contact is never
  public. The answer is approved by someone other than its author.
"""

from __future__ import annotations

import calendar as month_calendar
import datetime as dt
import secrets

from django.conf import settings
from django.utils import timezone

from disclosure.workdays.calendar import WorkdayCalendar

from .choices import MessageStatus, Sla

#: The fields shown on the portal once published (never the name's contact).
PUBLIC_FIELDS = ("subject", "body", "answer")
#: 国办秘函〔2019〕19号: unanswered for more than 3 months fails the inspection.
VETO_MONTHS = 3
VETO_WARNING_MONTHS = 2
DUE_SOON_WORKING_DAYS = 3
#: Statuses of a message that still waits for its answer to go out.
OPEN_STATUSES = (MessageStatus.RECEIVED, MessageStatus.AWAITING_REVIEW)
#: The query code a sender follows the answer with (no 0/O, 1/I/L).
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 10


def now():
    """The one clock of the messages (tests replace it)."""
    return timezone.now()


def new_code():
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(code):
    return "".join((code or "").split()).upper()


def answer_due(received_on, calendar=None):
    """The last day to answer a message that arrived on ``received_on``."""
    calendar = calendar or WorkdayCalendar()
    return calendar.add_workdays(received_on, settings.PUBLIC_MESSAGE_ANSWER_WORKING_DAYS)


def add_months(day, months):
    """``day`` moved by whole calendar months, the last day of a shorter month when it has no
    such day (30 November + 3 months = 28 or 29 February)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, month_calendar.monthrange(year, month)[1]))


def veto_day(received_on):
    """The first day a message still unanswered fails the inspection: three months after it
    arrived (a message of 5 March is late from 6 June)."""
    return add_months(received_on, VETO_MONTHS) + dt.timedelta(days=1)


def sla(message, today=None, calendar=None):
    """Where an unanswered message stands (``None`` once answered, routed or invalid)."""
    if message.status not in OPEN_STATUSES:
        return None
    today = today or timezone.localdate(now())
    received = message.received_on
    if today >= veto_day(received):
        return Sla.VETO
    calendar = calendar or WorkdayCalendar()
    due = message.due_on or answer_due(received, calendar)
    if today > due:
        return Sla.OVERDUE
    if calendar.workdays_between(today, due) <= DUE_SOON_WORKING_DAYS:
        return Sla.DUE_SOON
    return Sla.ON_TIME


def unanswered_for(messages, months, today=None):
    """The valid messages of ``messages`` still unanswered more than ``months`` calendar months
    after they arrived (:func:`add_months`; read from the database by a safe bound of 28 days a
    month, then decided exactly), oldest first."""
    today = today or timezone.localdate(now())
    candidates = messages.filter(
        status__in=OPEN_STATUSES, received_on__lt=today - dt.timedelta(days=28 * months)
    ).order_by("received_on", "pk")
    return [m for m in candidates if add_months(m.received_on, months) < today]
