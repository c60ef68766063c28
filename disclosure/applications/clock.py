"""The statutory clock of a request for disclosure (依申请公开, 条例 第30–34条), on the
working-day calendar (:mod:`disclosure.workdays.calendar`: make-up working Saturdays, holidays,
and 预计 for a year without a published schedule).

- **第33条第1款**: the reply is due within 20 working days of the day the request is received
  (第31条 decides that day). Counting starts the day after (民法典 第201条), as
  :meth:`WorkdayCalendar.add_workdays` does.
- **第30条**: an unclear request is sent back for clarification (补正) once, within 7 working
  days of receipt; the clock starts again from the day the clarified request is received.
- **第32条**: the time a third party takes to give its opinion — at most 15 working days from the
  request — is not counted. **第34条**: the same for another agency's opinion (15 working days;
  silence is consent). A consultation is a pause: the working days after the day the request
  was sent, up to and including the day the opinion arrived (or its 15th working day, when it
  did not arrive earlier), are not counted. An open consultation is assumed to last its full 15
  days, so the due date shown is the latest it can be.
- **第42条** and 《政府信息公开信息处理费管理办法》(国办函〔2020〕109号): the time from the fee
  notice until the fee is paid — at most 20 working days, after which the request lapses —
  is not counted either; it is a pause like a consultation, with a 20-day limit.
- **第35条**: when the volume or frequency is unreasonable and the reasons given are accepted
  but the reply cannot be made in time, the office sets a later, reasonable date and tells the
  requester: that date replaces the computed one.
- **第33条第2款**: an extension of at most 20 working days, approved by the office head and told
  to the requester, adds working days after the original due date (pauses still not counted).

Everything is computed, never stored: entering a holiday schedule or recording a pause moves
the due date of every open request.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _

from disclosure.workdays.calendar import WorkdayCalendar

#: 第33条第1款.
REPLY_WORKDAYS = 20
#: 第33条第2款.
MAX_EXTENSION_WORKDAYS = 20
#: 第30条.
CLARIFICATION_REQUEST_WORKDAYS = 7
#: 第32条 (third party) and 第34条 (another agency).
CONSULTATION_WORKDAYS = 15
#: 国办函〔2020〕109号: the fee is paid within 20 working days of the notice.
FEE_PAYMENT_WORKDAYS = 20


@dataclass(frozen=True)
class Pause:
    """Time not counted: a consultation (第32条 third party, 第34条 other agency) sent on
    ``sent_on`` and answered on ``answered_on`` (``None`` while awaited), or a fee notice sent on
    ``sent_on`` and paid on ``answered_on``; ``limit`` working days at most."""

    sent_on: dt.date
    answered_on: dt.date | None = None
    limit: int = CONSULTATION_WORKDAYS


@dataclass(frozen=True)
class Due:
    """A computed due date: ``on``; ``estimate`` when a day of a year without a published
    schedule was counted (shown as 预计); ``counted_from`` (the received date, or the day the
    clarification arrived); ``paused_days`` (working days not counted); ``deferred`` when the date
    is the later one set under 第35条."""

    on: dt.date
    estimate: bool
    counted_from: dt.date
    paused_days: int = 0
    deferred: bool = False


def clarification_request_due(received_on, calendar=None):
    """The last day to send an unclear request back for clarification (第30条)."""
    calendar = calendar or WorkdayCalendar()
    return calendar.add_workdays(received_on, CLARIFICATION_REQUEST_WORKDAYS)


def consultation_due(sent_on, calendar=None):
    """The last day of a consultation's 15 working days (第32条, 第34条)."""
    calendar = calendar or WorkdayCalendar()
    return calendar.add_workdays(sent_on, CONSULTATION_WORKDAYS)


def fee_payment_due(notified_on, calendar=None):
    """The last day to pay the fee (国办函〔2020〕109号): 20 working days after the notice."""
    calendar = calendar or WorkdayCalendar()
    return calendar.add_workdays(notified_on, FEE_PAYMENT_WORKDAYS)


def pause_end(pause, calendar=None):
    """The last day ``pause`` stops the clock: the day the opinion (or payment) arrived, at the
    latest the pause's last working day (15 for a consultation, 20 for a fee)."""
    calendar = calendar or WorkdayCalendar()
    deadline = calendar.add_workdays(pause.sent_on, pause.limit)
    if pause.answered_on is None:
        return deadline
    return min(pause.answered_on, deadline)


def reply_due(
    received_on,
    *,
    clarification_received_on=None,
    pauses=(),
    extension_workdays=0,
    deferred_to=None,
    calendar=None,
):
    """When the reply is due (see the module's docstring). Raises ``ValueError`` (in Chinese)
    for an extension beyond 20 working days, a clarification before receipt, or a pause before
    the clock started, or a due date beyond 9999-12-31."""
    calendar = calendar or WorkdayCalendar()
    if not 0 <= extension_workdays <= MAX_EXTENSION_WORKDAYS:
        raise ValueError(
            _("延长答复期限最长不超过 %(max)s 个工作日（条例第三十三条）。")
            % {"max": MAX_EXTENSION_WORKDAYS}
        )
    start = received_on
    if clarification_received_on is not None:
        if clarification_received_on < received_on:
            raise ValueError(_("收到补正材料的日期不能早于收到申请的日期。"))
        start = clarification_received_on
    windows = []
    for pause in pauses:
        if pause.sent_on < start:
            raise ValueError(_("征求意见的日期不能早于答复期限起算之日。"))
        windows.append((pause.sent_on, pause_end(pause, calendar)))

    def paused(day):
        return any(sent < day <= end for sent, end in windows)

    remaining = REPLY_WORKDAYS + extension_workdays
    day, skipped = start, 0
    while remaining:
        try:
            day += dt.timedelta(days=1)
        except OverflowError:  # a received date a few days before 9999-12-31
            raise ValueError(_("超出可计算的日期范围。")) from None
        if not calendar.is_workday(day):
            continue
        if paused(day):
            skipped += 1
            continue
        remaining -= 1
    if deferred_to is not None and deferred_to > day:
        return Due(
            on=deferred_to,
            estimate=False,
            counted_from=start,
            paused_days=skipped,
            deferred=True,
        )
    return Due(
        on=day,
        estimate=calendar.is_estimate(start, day),
        counted_from=start,
        paused_days=skipped,
    )


def format_due(due):
    """``2026-10-28``, ``2027-10-28（预计）`` for an estimate, ``2026-12-30（延迟答复）`` for a
    date set under 第35条."""
    text = due.on.isoformat()
    if due.deferred:
        return text + _("（延迟答复）")
    return text + _("（预计）") if due.estimate else text
