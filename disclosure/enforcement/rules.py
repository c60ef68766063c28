"""The rules of penalty notices, each from 《市场监督管理行政处罚信息公示规定》(总局令第45号).

Everything that is law about a penalty notice is here and nowhere else: the models, the admin,
the portal and the demo call these functions.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from disclosure.workdays import periods
from disclosure.workdays.calendar import WorkdayCalendar, add_workdays
from disclosure.workdays.periods import add_months

from .choices import PartyType, PenaltyKind, Procedure, PublicityPeriod
from .publicity_settings import PenaltyPublicitySettings

#: 第9条: published within 20 working days of the decision (same province).
PUBLICATION_WORKDAYS = 20
#: 第10条: a party registered in another province — pushed, through this province's bureau, to
#: the bureau of its place of registration within 10 working days of the decision.
PUSH_WORKDAYS = 10
#: 第11条: withdrawn within 3 working days of the change, revocation or finding.
WITHDRAWAL_WORKDAYS = 3
#: 第13条: publicity periods in calendar months.
SHORT_PUBLICITY_MONTHS = 3
LONG_PUBLICITY_MONTHS = 36

#: 第13条第3款: a ban longer than 3 years sets the publicity period.
BAN_KINDS = {PenaltyKind.BUSINESS_RESTRICTION, PenaltyKind.EMPLOYMENT_BAN}
#: 第14条第3款: never ended early.
SEVERE_KINDS = {
    PenaltyKind.SUSPENSION_ORDER,
    PenaltyKind.BUSINESS_RESTRICTION,
    PenaltyKind.EMPLOYMENT_BAN,
    PenaltyKind.QUALIFICATION_DOWNGRADE,
    PenaltyKind.LICENCE_REVOCATION,
    PenaltyKind.BUSINESS_LICENCE_REVOCATION,
}
#: 第13条: the kinds that, alone (with a small fine), give the 3-month period.
MINOR_KINDS = {PenaltyKind.WARNING, PenaltyKind.CIRCULATED_CRITICISM, PenaltyKind.FINE}


def low_fine_threshold(party_type) -> Decimal | None:
    """较低数额罚款 (第13条第2款) for ``party_type``: set by the provincial bureau and entered
    with its source in 行政处罚公示设置; ``None`` until entered (no invented default)."""
    return PenaltyPublicitySettings.current().low_fine_for(party_type)


def early_end_minimum_months(party_type) -> int | None:
    """第14条第1款 "公示达到规定时限要求" — the minimum time published before an application
    (第2款: set by SAMR), entered with its source; ``None`` until entered."""
    return PenaltyPublicitySettings.current().early_end_months_for(party_type)


def missing_threshold_message() -> str:
    return _(
        "本省“较低数额罚款”标准尚未录入，无法确定公示期（总局令第45号第十三条第二款，由省级以上"
        "市场监督管理部门规定）。请在 设置 → 行政处罚公示设置 中录入标准及其规定依据。"
    )


# --- 第2条: what is published -------------------------------------------------------------


def is_warning_only(kinds) -> bool:
    """第2条第2款: a penalty that is a warning only is not published (unless a law or an
    administrative regulation provides otherwise, see :func:`not_published_reasons`)."""
    return set(kinds or []) == {PenaltyKind.WARNING}


def not_published_reasons(notice) -> dict[str, str]:
    """Why a decision is not published at all, by field (empty when it is published):

    * 第2条第1款 — only decisions under the ordinary procedure (普通程序) are published; a
      simplified-procedure (简易程序) decision is not;
    * 第2条第2款 — a warning only is not published, "法律、行政法规另有规定的除外": allowed
      when the provision that requires publication is cited (``warning_publication_basis``,
      recorded on the notice and reviewed with it in the workflow);
    * a decision concerning a minor is not published (未成年人保护法 第103条)."""
    reasons = {}
    if getattr(notice, "procedure", Procedure.ORDINARY) == Procedure.SIMPLIFIED:
        reasons["procedure"] = _(
            "适用简易程序作出的行政处罚决定不予公示（总局令第45号第二条第一款：仅公示适用普通程序"
            "作出的行政处罚决定）。"
        )
    basis = (getattr(notice, "warning_publication_basis", "") or "").strip()
    if is_warning_only(notice.penalty_kinds) and not basis:
        reasons["penalty_kinds"] = _(
            "仅受到警告的行政处罚不予公示（总局令第45号第二条）。法律、行政法规另有规定须公示的，"
            "请在“仅警告而公示的依据”中写明条款。"
        )
    if notice.party_is_minor:
        reasons["party_is_minor"] = _("涉及未成年人的行政处罚决定不予公示。")
    return reasons


# --- 第9条: when ------------------------------------------------------------------------------


def publication_due_on(decided_on: dt.date, calendar: WorkdayCalendar | None = None) -> dt.date:
    """第9条: due 20 working days after the decision date, on the working-day calendar (a
    make-up working Saturday counts, a holiday does not; the decision day itself does not)."""
    return (calendar or WorkdayCalendar()).add_workdays(decided_on, PUBLICATION_WORKDAYS)


def push_due_on(decided_on: dt.date, calendar: WorkdayCalendar | None = None) -> dt.date:
    """第10条: for a party registered (住所地) in another province, the decision is pushed to the
    bureau of its place of registration within 10 working days of the decision."""
    return (calendar or WorkdayCalendar()).add_workdays(decided_on, PUSH_WORKDAYS)


def next_duty(notice, calendar: WorkdayCalendar | None = None):
    """What is due for a notice and by when, or ``None`` when nothing is: ``("push", date)``
    for a party of another province not yet pushed (第10条), ``("publish", date)`` for a notice
    never published (第9条). A decision that is not published at all (第2条) owes nothing."""
    if not notice.decided_on or not_published_reasons(notice):
        return None
    if notice.party_in_other_province:
        if notice.pushed_on:
            return None
        return ("push", push_due_on(notice.decided_on, calendar))
    if notice.first_published_at:
        return None
    return ("publish", publication_due_on(notice.decided_on, calendar))


def due_soon_until(today: dt.date | None = None, calendar: WorkdayCalendar | None = None):
    """The last due date the admin shows as due soon (:mod:`disclosure.workdays.periods`)."""
    return periods.due_soon_until(today, calendar)


# --- 第13条: how long -------------------------------------------------------------------------


def needs_low_fine_threshold(kinds, ban_months=None) -> bool:
    """Whether 第13条 needs the 较低数额 threshold to decide: a fine with nothing beside it but
    通报批评 or a warning (and no ban over three years, which decides by itself)."""
    kinds = set(kinds or [])
    if kinds & BAN_KINDS and ban_months and ban_months > LONG_PUBLICITY_MONTHS:
        return False
    substantive = kinds - {PenaltyKind.WARNING}
    return PenaltyKind.FINE in substantive and substantive <= MINOR_KINDS


def publicity_period(kinds, fine_amount=None, ban_months=None, threshold=None) -> str | None:
    """第13条: 3 months when the penalty is only 通报批评 and/or a fine at or under the 较低数额
    threshold (a warning beside them changes nothing); the actual ban period when a ban on
    business or employment (限制开展生产经营活动, 限制从业) exceeds 3 years; 3 years otherwise.
    ``None`` when the answer depends on the threshold and ``threshold`` is ``None`` (not
    entered): the period is not guessed."""
    kinds = set(kinds or [])
    if kinds & BAN_KINDS and ban_months and ban_months > LONG_PUBLICITY_MONTHS:
        return PublicityPeriod.BAN_PERIOD
    substantive = kinds - {PenaltyKind.WARNING}
    if substantive and substantive <= MINOR_KINDS:
        if PenaltyKind.FINE not in substantive:
            return PublicityPeriod.THREE_MONTHS
        if threshold is None:
            return None
        if fine_amount is not None and Decimal(fine_amount) <= Decimal(threshold):
            return PublicityPeriod.THREE_MONTHS
    return PublicityPeriod.THREE_YEARS


def notice_publicity_period(notice) -> str | None:
    """:func:`publicity_period` of a notice, with the threshold of its party type."""
    threshold = None
    if needs_low_fine_threshold(notice.penalty_kinds, notice.ban_months):
        threshold = low_fine_threshold(notice.party_type)
    return publicity_period(notice.penalty_kinds, notice.fine_amount, notice.ban_months, threshold)


def publicity_months(kinds, fine_amount=None, ban_months=None, threshold=None) -> int | None:
    return period_months(publicity_period(kinds, fine_amount, ban_months, threshold), ban_months)


def period_months(period, ban_months=None) -> int | None:
    """The months of a 第13条 period (``None`` for an undecided one)."""
    if period is None:
        return None
    if period == PublicityPeriod.THREE_MONTHS:
        return SHORT_PUBLICITY_MONTHS
    if period == PublicityPeriod.BAN_PERIOD:
        return int(ban_months)
    return LONG_PUBLICITY_MONTHS


def publicity_last_day(first_published_at: dt.datetime, months: int) -> dt.date:
    """第13条 "自公示之日起届满", counted as 《中华人民共和国民法典》 counts a period in months:
    anchored on the *first* publication (a correction or any later republication does not
    restart it); 第201条 "开始的当日不计入"; 第202条: the last day is the corresponding day of
    the month ``months`` later, or that month's last day when it has none (30 November + 3
    months: 28 February)."""
    return add_months(timezone.localtime(first_published_at).date(), months)


def publicity_ends_at(first_published_at: dt.datetime, months: int) -> dt.datetime:
    """The moment the publicity period is over: 24:00 of :func:`publicity_last_day` (民法典
    第203条第2款 "期间的最后一日的截止时间为二十四时"), i.e. local midnight at the start of the
    next day — whatever the clock time of the first publication."""
    end = publicity_last_day(first_published_at, months) + dt.timedelta(days=1)
    return timezone.make_aware(dt.datetime.combine(end, dt.time()))


def last_day_of(ends_at: dt.datetime) -> dt.date:
    """The last day of a period that ends at ``ends_at`` (24:00 of the day before midnight)."""
    return (timezone.localtime(ends_at) - dt.timedelta(microseconds=1)).date()


def notice_publicity_ends_at(notice) -> dt.datetime | None:
    anchor = notice.first_published_at
    if anchor is None:
        return None
    months = period_months(notice_publicity_period(notice), notice.ban_months)
    return publicity_ends_at(anchor, months) if months is not None else None


def publicity_ended_refusal(notice, ended_early=False, now=None) -> str | None:
    """第13条 "停止公示", 第14条: once its publicity has ended — the period has run out, or it was
    ended early on application (``ended_early``) — a notice does not go live again, whatever the
    publish path (a correction published afterwards, a scheduled revision, the publish button).
    A withdrawn notice whose period is still running is not concerned."""
    if ended_early:
        return _("该处罚信息已依申请提前停止公示，不能再次公示（总局令第45号第十四条）。")
    ends_at = notice_publicity_ends_at(notice)
    if ends_at is not None and ends_at <= (now or timezone.now()):
        return _(
            "该处罚信息的公示期已于 %(date)s 24时届满，不能再次公示（总局令第45号第十三条）。"
        ) % {"date": last_day_of(ends_at).isoformat()}
    return None


# --- 第11条: withdrawal -----------------------------------------------------------------------


def withdrawal_due_on(occurred_on: dt.date) -> dt.date:
    """第11条: withdrawn within 3 working days of the decision being changed, revoked, or found
    unlawful or void, with the reason made public."""
    return add_workdays(occurred_on, WITHDRAWAL_WORKDAYS)


# --- 第14条: early end of publicity ----------------------------------------------------------

EARLY_END_CONDITIONS = {
    "obligations_fulfilled": _("（一）已经自觉履行行政处罚决定中规定的义务"),
    "harm_eliminated": _("（二）已经主动消除危害后果和不良影响"),
    "no_repeat_violation": _("（三）未因同一类违法行为再次受到市场监督管理部门行政处罚"),
    "not_on_lists": _("（四）未在经营异常名录和严重违法失信名单中"),
}


def early_end_refusal(notice, conditions: dict, on: dt.date | None = None) -> str | None:
    """The reason an application for early end of publicity is refused, or ``None`` (第14条):
    never for the severe kinds of its 第3款; only once the minimum time has passed; only when
    all four conditions hold."""
    severe = [PenaltyKind(k).label for k in notice.penalty_kinds or [] if k in SEVERE_KINDS]
    if severe:
        return _("受到%(kinds)s处罚的，不得提前停止公示（总局令第45号第十四条第三款）。") % {
            "kinds": "、".join(str(k) for k in severe)
        }
    if not notice.first_published_at:
        return _("该处罚信息尚未公示，不能申请提前停止公示。")
    on = on or timezone.localdate()
    minimum = early_end_minimum_months(notice.party_type)
    if minimum is None:
        return _(
            "申请提前停止公示的“公示时限要求”尚未录入（总局令第45号第十四条第二款，由国家市场监督"
            "管理总局规定）。请在 设置 → 行政处罚公示设置 中录入时限及其规定依据后再处理。"
        )
    earliest = add_months(timezone.localtime(notice.first_published_at).date(), minimum)
    if on < earliest:
        return _(
            "公示未达到规定时限（%(months)s 个月，%(date)s 起可申请；总局令第45号第十四条）。"
        ) % {
            "months": minimum,
            "date": earliest.isoformat(),
        }
    missing = [
        str(label) for name, label in EARLY_END_CONDITIONS.items() if not conditions.get(name)
    ]
    if missing:
        return _("不符合提前停止公示的条件：%(missing)s（总局令第45号第十四条）。") % {
            "missing": "；".join(missing)
        }
    return None


# --- bad input and publication ---------------------------------------------------------------


def notice_errors(notice) -> dict[str, str]:
    """Field errors of a penalty notice's summary (第4条), in Chinese, naming the field."""
    errors = {}
    if not (notice.document_number or "").strip():
        errors["document_number"] = _("请填写行政处罚决定书文号。")
    if not notice.decided_on:
        errors["decided_on"] = _("请填写作出处罚决定的日期。")
    elif notice.decided_on > timezone.localdate():
        errors["decided_on"] = _("决定日期不能晚于今天。")
    if not notice.penalty_kinds:
        errors["penalty_kinds"] = _("请选择处罚种类。")
    kinds = set(notice.penalty_kinds or [])
    if notice.fine_amount is not None and notice.fine_amount < 0:
        errors["fine_amount"] = _("罚款金额不能为负数。")
    elif PenaltyKind.FINE in kinds and notice.fine_amount is None:
        errors["fine_amount"] = _("处罚种类包括罚款，请填写罚款金额。")
    elif PenaltyKind.FINE in kinds and notice.fine_amount == 0:
        errors["fine_amount"] = _("处罚种类包括罚款，罚款金额应大于零。")
    elif PenaltyKind.FINE not in kinds and notice.fine_amount:
        errors["fine_amount"] = _("处罚种类未包括罚款，不应填写罚款金额。")
    if kinds & BAN_KINDS and not notice.ban_months:
        errors["ban_months"] = _(
            "处罚种类包括限制开展生产经营活动或限制从业，请填写限制期限（月）。"
        )
    elif not kinds & BAN_KINDS and notice.ban_months:
        errors["ban_months"] = _("处罚种类不包括限制开展生产经营活动或限制从业，不应填写限制期限。")
    if notice.party_type == PartyType.NATURAL_PERSON:
        if notice.party_credit_code:
            errors["party_credit_code"] = _("当事人为自然人时只公示姓名，不填写统一社会信用代码。")
    elif not notice.party_credit_code:
        errors["party_credit_code"] = _(
            "当事人为法人、其他组织或个体工商户时，请填写统一社会信用代码。"
        )
    today = timezone.localdate()
    pushed_on = getattr(notice, "pushed_on", None)
    if pushed_on and not getattr(notice, "party_in_other_province", False):
        errors["pushed_on"] = _(
            "仅当事人登记地（住所地）在外省（区、市）时需要推送（总局令第45号第十条）。"
        )
    elif pushed_on and (pushed_on > today or (notice.decided_on and pushed_on < notice.decided_on)):
        errors["pushed_on"] = _("推送日期应在决定日期之后、不晚于今天。")
    told_on = getattr(notice, "told_on", None)
    if told_on and (told_on > today or (notice.decided_on and told_on < notice.decided_on)):
        errors["told_on"] = _("书面告知日期应为送达决定书之日，不早于决定日期、不晚于今天。")
    if notice.publicity_period and "fine_amount" not in errors and "ban_months" not in errors:
        expected = notice_publicity_period(notice)
        if expected is not None and notice.publicity_period != expected:
            errors["publicity_period"] = _(
                "公示期“%(chosen)s”与处罚种类不符，按总局令第45号第十三条应为“%(expected)s”。"
            ) % {
                "chosen": PublicityPeriod(notice.publicity_period).label,
                "expected": PublicityPeriod(expected).label,
            }
    return errors


def publication_refusals(notice) -> dict[str, str]:
    """Why a penalty notice may not go live (merged into the publication gate)."""
    errors = notice_errors(notice)
    errors.update(not_published_reasons(notice))
    if "fine_amount" not in errors and "ban_months" not in errors:
        if notice_publicity_period(notice) is None:
            errors["fine_amount"] = missing_threshold_message()
    return errors
