"""Rules of a draft decision consultation (重大决策预公开), written once: the comment period of
重大行政决策程序暂行条例 第15条, the clock every public view reads, the status a visitor sees,
and what a comment must pass before it is shown.

- **第15条第1款**: the draft and its explanation are published with the ways and the period to
  comment; "公开征求意见的期限一般不少于30日；因情况紧急等原因需要缩短期限的，公开征求意见时应当
  予以说明". A shorter period is accepted only with its reason, which the page shows.
- The period runs from ``opens_on`` to the end of ``closes_on`` (local time); its length in days
  does not count the first day (民法典 第201条第1款), so 1 March to 31 March is 30 days.
- A comment is public only once approved, and it is approved only when the record rules of the
  publication gate (personal data first: 总局令第45号 第6条) find nothing in its public fields
  (:data:`PUBLIC_COMMENT_FIELDS`; the contact never is public).
- The public page may be kept by the page cache only once nothing about it changes with time:
  before the opening and during the period it is not cached (:func:`cacheable`).
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from .choices import ConsultationStatus

#: 重大行政决策程序暂行条例 第15条第1款：公开征求意见的期限一般不少于30日。
MIN_COMMENT_PERIOD_DAYS = 30
#: The longest comment a visitor may post (characters).
MAX_COMMENT_LENGTH = 2000
#: The fields of a comment shown on the page once approved (the contact never is).
PUBLIC_COMMENT_FIELDS = ("author_name", "text")


def now():
    """The one clock of the consultations (tests replace it)."""
    return timezone.now()


def period_days(opens_on, closes_on):
    """The length in days of a period from ``opens_on`` to the end of ``closes_on``; the first
    day is not counted (民法典 第201条第1款)."""
    return (closes_on - opens_on).days


def period_errors(opens_on, closes_on, short_period_reason=""):
    """``{field: message}`` when the comment period is missing, reversed, or shorter than 30
    days without a stated reason (重大行政决策程序暂行条例 第15条第1款)."""
    if opens_on is None:
        return {"opens_on": _("请填写征求意见的开始日期。")}
    if closes_on is None:
        return {"closes_on": _("请填写征求意见的截止日期。")}
    days = period_days(opens_on, closes_on)
    if days <= 0:
        return {"closes_on": _("征求意见的截止日期须晚于开始日期。")}
    if days < MIN_COMMENT_PERIOD_DAYS and not (short_period_reason or "").strip():
        return {
            "closes_on": _(
                "征求意见期限为 %(days)s 日，少于 %(min)s 日：公开征求意见的期限一般不少于30日，"
                "因情况紧急等原因需要缩短期限的，请在“缩短期限的理由”中予以说明"
                "（《重大行政决策程序暂行条例》第十五条）。"
            )
            % {"days": days, "min": MIN_COMMENT_PERIOD_DAYS}
        }
    return {}


def opens_at(consultation):
    """The moment comments are first accepted: the start of ``opens_on``, local time."""
    return _start_of(consultation.opens_on)


def closes_at(consultation):
    """The deadline: the end of ``closes_on`` (the start of the next day), local time."""
    if consultation.closes_on is None:
        return None
    return _start_of(consultation.closes_on + dt.timedelta(days=1))


def _start_of(day):
    if day is None:
        return None
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def is_open(consultation, at=None):
    """Whether comments are accepted at ``at`` (now by default)."""
    at = at or now()
    start, end = opens_at(consultation), closes_at(consultation)
    return start is not None and end is not None and start <= at < end


def has_feedback(consultation):
    """Whether the feedback on the comments (意见采纳情况) or the final decision is published."""
    return bool(
        consultation.feedback_summary
        or consultation.final_decision_id
        or consultation.feedback_entries.exists()
    )


def status(consultation, at=None):
    """征求意见中, 已截止 or 已反馈 (尚未开始 before the period) at ``at``."""
    at = at or now()
    start, end = opens_at(consultation), closes_at(consultation)
    if start is not None and at < start:
        return ConsultationStatus.UPCOMING
    if end is None or at < end:
        return ConsultationStatus.OPEN
    return ConsultationStatus.ANSWERED if has_feedback(consultation) else ConsultationStatus.CLOSED


def days_left(consultation, at=None):
    """Whole days until the deadline, counting the day of ``at`` (1 on the last day), or 0
    outside the period."""
    at = at or now()
    if not is_open(consultation, at):
        return 0
    return (consultation.closes_on - timezone.localdate(at)).days + 1


def next_switch(consultation, at=None):
    """The next moment the public page changes by itself (the opening, then the deadline), or
    ``None`` once closed: no cached copy may outlive it."""
    at = at or now()
    for moment in (opens_at(consultation), closes_at(consultation)):
        if moment is not None and moment > at:
            return moment
    return None


def cacheable(consultation, at=None):
    """Whether the public page may be stored by the page cache: only once the period is over,
    when nothing about it changes by itself any more (:func:`next_switch` is ``None``)."""
    return next_switch(consultation, at) is None
