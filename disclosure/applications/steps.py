"""The steps of handling a request, each one rule of 条例 第30–45条 and 第51条, each saved
with who did it and why (the history of :class:`~disclosure.applications.models.InformationRequest`).
A step that the law does not allow now is refused with ``StepRefused`` in Chinese and changes
nothing.

The path: register → confirm receipt (第31条) → perhaps 补正 (第30条) → 分办 → perhaps
consultations (第32条, 第34条), reasons for an unreasonable volume (第35条) and a fee (第42条) →
perhaps an extension (第33条) → the reply drafted with its outcome (第36–39条) → the reply's
confidentiality review (保密审查; four eyes) → replied → archived (第45条); then any 行政复议 or
行政诉讼 (第51条)."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from disclosure.departments.roles import (
    CONFIDENTIALITY_REVIEWER,
    DISCLOSURE_OFFICE,
    user_has_role,
)

from . import clock, fees, release
from .choices import (
    CONCLUDED_STATUSES,
    Channel,
    FeeBasis,
    FileKind,
    Outcome,
    RemedyKind,
    RemedyResult,
    Status,
)
from .models import Consultation, InformationRequest, Remedy, RequestFile

#: Outcomes reached only by their own step, never chosen in a reply.
OUTCOMES_BY_STEP = {
    Outcome.OTHER_NO_CLARIFICATION: "close_without_clarification",
    Outcome.OTHER_FEE_UNPAID: "close_fee_unpaid",
}
#: Statuses in which the request can be answered or another step taken.
WORKING = (Status.RECEIVED, Status.CONSULTING)

#: Channels whose received date is the day both sides confirm it (条例 第31条第3项).
CONFIRMED_CHANNELS = (Channel.ONLINE, Channel.FAX)


class StepRefused(Exception):
    """A step the law does not allow now; the message is for the clerk, in Chinese."""


def _save(information_request, user, reason):
    information_request._history_user = user
    information_request._change_reason = reason
    information_request.save()
    return information_request


def _tracking_number(year, serial):
    return f"YSQ{year}{serial:05d}"


def register(user=None, *, received_on=None, **fields):
    """A new request; returns ``(request, query code)``. An online or fax request
    waits for the clerk's confirmation (its received date, 第31条); one registered by the clerk
    from a letter or in person carries its received date (signed-for date, or that day)."""
    channel = fields["channel"]
    if channel not in CONFIRMED_CHANNELS and received_on is None:
        raise StepRefused(_("信函和当面提交的申请须填写收到申请之日（条例第三十一条）。"))
    year = timezone.localdate().year
    for _attempt in range(5):
        serial = (
            InformationRequest.objects.filter(tracking_number__startswith=f"YSQ{year}").count() + 1
        )
        information_request = InformationRequest(
            tracking_number=_tracking_number(year, serial),
            received_on=received_on,
            status=Status.RECEIVED if received_on else Status.SUBMITTED,
            **fields,
        )
        code = information_request.issue_code()
        try:
            with transaction.atomic():
                _save(information_request, user, _("登记申请"))
        except IntegrityError:
            continue  # another request took the number: take the next
        return information_request, code
    raise StepRefused(_("申请编号分配冲突，请重试。"))


def confirm_receipt(information_request, user, on=None):
    """第31条第3项: an online or fax request is received the day the clerk confirms it."""
    if information_request.status != Status.SUBMITTED:
        raise StepRefused(_("该申请已确认收到。"))
    information_request.received_on = on or timezone.localdate()
    information_request.status = Status.RECEIVED
    return _save(information_request, user, _("确认收到申请"))


def request_clarification(information_request, user, *, items, on=None, due_on):
    """第30条: ask for clarification once, within 7 working days of receipt, with what to correct
    and a reasonable period; the clock stops until the clarification arrives."""
    on = on or timezone.localdate()
    if information_request.received_on is None:
        raise StepRefused(_("请先确认收到申请。"))
    if information_request.clarification_requested_on is not None:
        raise StepRefused(_("补正只能要求一次（条例第三十条）。"))
    latest = clock.clarification_request_due(information_request.received_on)
    if on > latest:
        raise StepRefused(
            _("补正告知应在收到申请之日起 7 个工作日内（%(date)s 前）发出（条例第三十条）。")
            % {"date": latest.isoformat()}
        )
    if not (items or "").strip():
        raise StepRefused(_("请写明需要补正的事项。"))
    if due_on <= on:
        raise StepRefused(_("补正期限应晚于发出补正告知之日。"))
    information_request.clarification_requested_on = on
    information_request.clarification_request = items.strip()
    information_request.clarification_due_on = due_on
    information_request.status = Status.CLARIFICATION
    return _save(information_request, user, _("要求补正"))


def receive_clarification(information_request, user, on=None):
    """The clarified request arrived: the reply clock starts again from that day."""
    on = on or timezone.localdate()
    if information_request.status != Status.CLARIFICATION:
        raise StepRefused(_("该申请不在等待补正。"))
    if on > information_request.clarification_due_on:
        raise StepRefused(_("补正材料在补正期限之后收到，请按“逾期不补正”处理或说明正当理由。"))
    information_request.clarification_received_on = on
    information_request.status = Status.RECEIVED
    return _save(information_request, user, _("收到补正材料"))


def close_without_clarification(information_request, user, on=None):
    """第30条: no clarification within the period — the request is deemed withdrawn (counted as
    其他处理 1 in the annual report)."""
    on = on or timezone.localdate()
    if information_request.status != Status.CLARIFICATION:
        raise StepRefused(_("该申请不在等待补正。"))
    if on <= information_request.clarification_due_on:
        raise StepRefused(
            _("补正期限（%(date)s）尚未届满。")
            % {"date": information_request.clarification_due_on.isoformat()}
        )
    information_request.outcome = Outcome.OTHER_NO_CLARIFICATION
    information_request.replied_on = on
    information_request.status = Status.CLOSED
    return _save(information_request, user, _("逾期未补正，视为放弃申请"))


def assign(information_request, user, department):
    """分办: the department that holds the information handles it."""
    information_request.department = department
    return _save(information_request, user, _("分办至%(name)s") % {"name": department.name})


def start_consultation(information_request, user, *, kind, party, sent_on=None):
    """第32条 / 第34条: the clock stops while the opinion is awaited (15 working days at most)."""
    if information_request.status not in WORKING:
        raise StepRefused(_("该申请当前不能征求意见。"))
    sent_on = sent_on or timezone.localdate()
    start = information_request.clarification_received_on or information_request.received_on
    if sent_on < start:
        raise StepRefused(_("征求意见的日期不能早于答复期限起算之日。"))
    consultation = Consultation(
        information_request=information_request, kind=kind, party=party, sent_on=sent_on
    )
    consultation._history_user = user
    consultation.save()
    information_request.status = Status.CONSULTING
    _save(information_request, user, _("征求%(party)s意见") % {"party": party})
    return consultation


def record_opinion(consultation, user, *, answered_on=None, opinion="", public_interest=""):
    """The opinion arrived (or the 15 working days ran out: silence, counted as consent for
    another agency, 第34条); the clock runs again once no consultation is open."""
    consultation.answered_on = answered_on or timezone.localdate()
    consultation.opinion = opinion
    consultation.public_interest_override = public_interest
    consultation._history_user = user
    consultation.save()
    information_request = consultation.information_request
    if information_request.status == Status.CONSULTING and not (
        information_request.consultations.filter(answered_on__isnull=True).exists()
    ):
        information_request.status = Status.RECEIVED
        _save(information_request, user, _("收到征求意见的答复"))
    return consultation


def extend(information_request, user, *, workdays, reason, on=None):
    """第33条第2款: once, at most 20 working days, approved by the head of the disclosure office
    (here: a member of the 政务公开办公室 role), with the reason; the requester is told."""
    if not user_has_role(user, DISCLOSURE_OFFICE):
        raise StepRefused(_("延长答复期限须经政府信息公开工作机构负责人同意（条例第三十三条）。"))
    if information_request.extension_workdays:
        raise StepRefused(_("答复期限已延长过一次。"))
    if not 1 <= workdays <= clock.MAX_EXTENSION_WORKDAYS:
        raise StepRefused(_("延长答复期限最长不超过 20 个工作日（条例第三十三条）。"))
    if not (reason or "").strip():
        raise StepRefused(_("请填写延长理由。"))
    due = information_request.due()
    if due is None or due.on < (on or timezone.localdate()):
        raise StepRefused(_("答复期限已过或尚未开始计算，不能延长。"))
    information_request.extension_workdays = workdays
    information_request.extension_reason = reason.strip()
    information_request.extension_approved_by = user
    return _save(information_request, user, _("延长答复期限 %(n)s 个工作日") % {"n": workdays})


def ask_reasons(information_request, user, *, request, on=None):
    """第35条: the volume or frequency of the requests is clearly beyond a reasonable range —
    the requester is asked to give reasons."""
    if information_request.status not in WORKING:
        raise StepRefused(_("该申请当前不能要求说明理由。"))
    if information_request.reasons_requested_on is not None:
        raise StepRefused(_("已经要求申请人说明过理由。"))
    if not (request or "").strip():
        raise StepRefused(_("请写明申请数量、频次明显超过合理范围的情况。"))
    information_request.reasons_requested_on = on or timezone.localdate()
    information_request.reasons_request = request.strip()
    information_request.status = Status.REASONS
    return _save(information_request, user, _("要求申请人说明理由（第三十五条）"))


def receive_reasons(
    information_request, user, *, reasons, accepted, deferred_to=None, deferred_reason="", on=None
):
    """第35条: the reasons arrived (or did not: empty). Not accepted — the reply will be 不予处理
    (无正当理由大量反复申请). Accepted but the reply cannot be made in time — a later, reasonable
    date is set and the requester told (``deferred_to`` with its reason)."""
    if information_request.status != Status.REASONS:
        raise StepRefused(_("该申请不在等待说明理由。"))
    on = on or timezone.localdate()
    if deferred_to is not None:
        if not accepted:
            raise StepRefused(_("理由不合理的，告知不予处理，不确定延迟答复期限。"))
        current = information_request.due()
        if current is not None and deferred_to <= current.on:
            raise StepRefused(
                _("延迟答复的期限应晚于现在的答复期限（%(date)s）。")
                % {"date": current.on.isoformat()}
            )
        if not (deferred_reason or "").strip():
            raise StepRefused(_("请写明无法在法定期限内答复的理由。"))
        information_request.deferred_due_on = deferred_to
        information_request.deferred_reason = deferred_reason.strip()
    information_request.reasons_received_on = on
    information_request.reasons_given = (reasons or "").strip()
    information_request.status = _working_status(information_request)
    if accepted:
        reason = _("申请理由合理") + (
            _("，延迟至 %(date)s 答复") % {"date": deferred_to.isoformat()} if deferred_to else ""
        )
    else:
        reason = _("申请理由不合理，将告知不予处理")
    return _save(information_request, user, reason)


def notify_fee(information_request, user, *, basis, nth=0, pages=0, on=None):
    """第42条: a fee only when the volume or frequency is beyond a reasonable range (so only after
    the 第35条 reasons were asked), computed by 国办函〔2020〕109号; the clock stops until it is
    paid, at most 20 working days."""
    if information_request.status not in WORKING:
        raise StepRefused(_("该申请当前不能发出收费通知。"))
    if information_request.reasons_requested_on is None:
        raise StepRefused(
            _(
                "只有申请数量、频次明显超过合理范围的，才可以收取信息处理费；"
                "请先按第三十五条要求说明理由（条例第四十二条）。"
            )
        )
    if information_request.fee_notified_on is not None:
        raise StepRefused(_("已经发出过收费通知。"))
    if basis not in FeeBasis.values:
        raise StepRefused(_("请选择计收方式。"))
    amount = fees.fee(basis, nth=nth, pages=pages)
    if amount == 0:
        raise StepRefused(_("按收费标准，本申请不收费。"))
    information_request.fee_basis = basis
    information_request.fee_amount = amount
    information_request.fee_notified_on = on or timezone.localdate()
    information_request.status = Status.FEE
    return _save(
        information_request,
        user,
        _("发出收费通知：%(basis)s %(amount)s 元")
        % {"basis": FeeBasis(basis).label, "amount": amount},
    )


def record_payment(information_request, user, on=None):
    """The fee was paid: the clock runs again."""
    on = on or timezone.localdate()
    if information_request.status != Status.FEE:
        raise StepRefused(_("该申请不在等待缴费。"))
    if on > clock.fee_payment_due(information_request.fee_notified_on):
        raise StepRefused(_("缴费期限已过，请按“逾期未缴费”处理。"))
    information_request.fee_paid_on = on
    information_request.status = _working_status(information_request)
    return _save(information_request, user, _("申请人已缴费"))


def close_fee_unpaid(information_request, user, on=None):
    """国办函〔2020〕109号: not paid within 20 working days — the request is not processed
    further (counted as 其他处理 2 in the annual report)."""
    on = on or timezone.localdate()
    if information_request.status != Status.FEE:
        raise StepRefused(_("该申请不在等待缴费。"))
    latest = clock.fee_payment_due(information_request.fee_notified_on)
    if on <= latest:
        raise StepRefused(_("缴费期限（%(date)s）尚未届满。") % {"date": latest.isoformat()})
    information_request.outcome = Outcome.OTHER_FEE_UNPAID
    information_request.replied_on = on
    information_request.status = Status.CLOSED
    return _save(information_request, user, _("逾期未缴费，不再处理"))


def mark_repeat(information_request, user, earlier):
    """第36条第六项: the same requester asks again for information already answered — linked to
    the earlier request (:mod:`disclosure.applications.repeats` finds the candidates)."""
    if earlier.pk == information_request.pk:
        raise StepRefused(_("不能关联申请本身。"))
    if earlier.identity_number != information_request.identity_number:
        raise StepRefused(_("重复申请须为同一申请人的申请。"))
    if earlier.status != Status.REPLIED:
        raise StepRefused(_("原申请尚未答复，不构成重复申请。"))
    information_request.repeat_of = earlier
    return _save(
        information_request,
        user,
        _("关联为重复申请（原申请 %(n)s）") % {"n": earlier.tracking_number},
    )


def _working_status(information_request):
    if information_request.consultations.filter(answered_on__isnull=True).exists():
        return Status.CONSULTING
    return Status.RECEIVED


def reply(information_request, user, *, outcome, summary, on=None):
    """The reply drafted (第36–39条) with its outcome in the annual report's categories; it goes
    to the confidentiality review before it is sent (:func:`approve_reply`)."""
    if information_request.status not in WORKING:
        raise StepRefused(_("该申请当前不能答复。"))
    if information_request.consultations.filter(answered_on__isnull=True).exists():
        raise StepRefused(_("仍有征求意见未收到答复，请先记录意见或期限届满的情况。"))
    if outcome not in Outcome.values:
        raise StepRefused(_("请选择办理结果。"))
    if outcome in OUTCOMES_BY_STEP:
        raise StepRefused(_("该办理结果由相应的办理步骤产生，不能直接选择。"))
    if outcome == Outcome.NOT_PROCESSED_REPEATED and information_request.repeat_of is None:
        raise StepRefused(_("按重复申请不予处理的，请先关联原申请（条例第三十六条第六项）。"))
    if (
        outcome == Outcome.NOT_PROCESSED_UNREASONABLE
        and information_request.reasons_received_on is None
    ):
        raise StepRefused(
            _("按无正当理由大量反复申请不予处理的，须先要求申请人说明理由（条例第三十五条）。")
        )
    information_request.outcome = outcome
    information_request.reply_summary = summary
    information_request.replied_on = on or timezone.localdate()
    information_request.reply_drafted_by = user
    information_request.reply_reviewed_by = None
    information_request.status = Status.REPLY_REVIEW
    return _save(
        information_request,
        user,
        _("拟定答复：%(outcome)s，提交保密审查") % {"outcome": Outcome(outcome).label},
    )


def approve_reply(information_request, user, *, note="", override="", on=None):
    """保密审查 of the reply: a 保密审查员 who did not draft it (four eyes) checks the reply and the
    released files for personal data (:mod:`disclosure.applications.release`); findings block
    unless the reviewer records why they may go to this requester. Then the reply is sent."""
    if information_request.status != Status.REPLY_REVIEW:
        raise StepRefused(_("该申请没有待保密审查的答复。"))
    if not user_has_role(user, CONFIDENTIALITY_REVIEWER):
        raise StepRefused(_("答复须由保密审查员审查。"))
    if information_request.reply_drafted_by_id == getattr(user, "pk", None):
        raise StepRefused(_("拟稿人不能审查自己拟定的答复。"))
    findings = release.findings(information_request)
    if findings and not (override or "").strip():
        raise StepRefused(
            _(
                "答复或提供的文件中有个人信息或无法检查的内容：%(list)s。请遮盖后重新上传，或写明可以提供给申请人的理由。"
            )
            % {"list": "；".join(findings)}
        )
    information_request.reply_reviewed_by = user
    information_request.reply_review_note = "\n".join(
        part for part in ((note or "").strip(), (override or "").strip()) if part
    )
    information_request.replied_on = on or information_request.replied_on or timezone.localdate()
    information_request.status = Status.REPLIED
    return _save(
        information_request,
        user,
        _("保密审查通过，答复申请人：%(outcome)s")
        % {"outcome": Outcome(information_request.outcome).label},
    )


def return_reply(information_request, user, *, note):
    """The confidentiality reviewer sends the draft back with the reason."""
    if information_request.status != Status.REPLY_REVIEW:
        raise StepRefused(_("该申请没有待保密审查的答复。"))
    if not user_has_role(user, CONFIDENTIALITY_REVIEWER):
        raise StepRefused(_("答复须由保密审查员审查。"))
    if not (note or "").strip():
        raise StepRefused(_("请写明退回的理由。"))
    information_request.reply_review_note = note.strip()
    information_request.outcome = ""
    information_request.replied_on = None
    information_request.status = _working_status(information_request)
    return _save(information_request, user, _("保密审查退回：%(note)s") % {"note": note.strip()})


def attach(information_request, user, *, kind, name, content):
    """A file of the request (the requester's, or one the reply releases)."""
    if kind == FileKind.RELEASED and information_request.status in CONCLUDED_STATUSES:
        raise StepRefused(_("答复已发出，不能再添加提供的文件。"))
    item = RequestFile(information_request=information_request, kind=kind, name=name)
    item.file.save(name, content, save=False)
    item._history_user = user
    item.save()
    return item


def archive(information_request, user, *, reference="", on=None):
    """第45条: the concluded request with its reply is archived."""
    if information_request.status not in CONCLUDED_STATUSES:
        raise StepRefused(_("答复或终止后才能归档。"))
    if information_request.archived_on is not None:
        raise StepRefused(_("该申请已归档。"))
    information_request.archived_on = on or timezone.localdate()
    information_request.archive_reference = (reference or "").strip()
    return _save(information_request, user, _("归档"))


def add_remedy(information_request, user, *, kind, body, filed_on, case_number=""):
    """第51条: a requester's 行政复议 or 行政诉讼 against the reply."""
    if information_request.status not in CONCLUDED_STATUSES:
        raise StepRefused(_("答复或终止后才有行政复议、行政诉讼。"))
    if kind not in RemedyKind.values or not (body or "").strip():
        raise StepRefused(_("请选择类型并填写复议机关或人民法院。"))
    if information_request.replied_on and filed_on < information_request.replied_on:
        raise StepRefused(_("受理日期不能早于答复之日。"))
    remedy = Remedy(
        information_request=information_request,
        kind=kind,
        body=body.strip(),
        filed_on=filed_on,
        case_number=(case_number or "").strip(),
    )
    remedy._history_user = user
    remedy.save()
    return remedy


def conclude_remedy(remedy, user, *, result, concluded_on):
    """The result of a 行政复议 or 行政诉讼 (维持 / 纠正 / 其他)."""
    if result not in RemedyResult.values:
        raise StepRefused(_("请选择结果。"))
    if concluded_on < remedy.filed_on:
        raise StepRefused(_("审结日期不能早于受理日期。"))
    remedy.result = result
    remedy.concluded_on = concluded_on
    remedy._history_user = user
    remedy.save()
    return remedy
