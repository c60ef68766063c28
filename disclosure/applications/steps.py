"""The steps of handling an application, each one rule of 条例 第30–36条, each saved with who
did it and why (the history of :class:`~disclosure.applications.models.Application`). A step
that the law does not allow now is refused with ``StepRefused`` in Chinese and changes nothing."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from disclosure.departments.roles import DISCLOSURE_OFFICE, user_has_role

from . import clock
from .choices import Channel, Outcome, Status
from .models import Application, Consultation

#: Channels whose received date is the day both sides confirm it (条例 第31条第3项).
CONFIRMED_CHANNELS = (Channel.ONLINE, Channel.FAX)


class StepRefused(Exception):
    """A step the law does not allow now; the message is for the clerk, in Chinese."""


def _save(application, user, reason):
    application._history_user = user
    application._change_reason = reason
    application.save()
    return application


def _tracking_number(year, serial):
    return f"YSQ{year}{serial:05d}"


def register(user=None, *, received_on=None, **fields):
    """A new application; returns ``(application, query code)``. An online or fax application
    waits for the clerk's confirmation (its received date, 第31条); one registered by the clerk
    from a letter or in person carries its received date (signed-for date, or that day)."""
    channel = fields["channel"]
    if channel not in CONFIRMED_CHANNELS and received_on is None:
        raise StepRefused(_("信函和当面提交的申请须填写收到申请之日（条例第三十一条）。"))
    year = timezone.localdate().year
    for _attempt in range(5):
        serial = Application.objects.filter(tracking_number__startswith=f"YSQ{year}").count() + 1
        application = Application(
            tracking_number=_tracking_number(year, serial),
            received_on=received_on,
            status=Status.RECEIVED if received_on else Status.SUBMITTED,
            **fields,
        )
        code = application.issue_code()
        try:
            with transaction.atomic():
                _save(application, user, _("登记申请"))
        except IntegrityError:
            continue  # another application took the number: take the next
        return application, code
    raise StepRefused(_("申请编号分配冲突，请重试。"))


def confirm_receipt(application, user, on=None):
    """第31条第3项: an online or fax application is received the day the clerk confirms it."""
    if application.status != Status.SUBMITTED:
        raise StepRefused(_("该申请已确认收到。"))
    application.received_on = on or timezone.localdate()
    application.status = Status.RECEIVED
    return _save(application, user, _("确认收到申请"))


def request_correction(application, user, *, items, on=None, due_on):
    """第30条: ask for correction once, within 7 working days of receipt, with what to correct
    and a reasonable period; the clock stops until the correction arrives."""
    on = on or timezone.localdate()
    if application.received_on is None:
        raise StepRefused(_("请先确认收到申请。"))
    if application.correction_requested_on is not None:
        raise StepRefused(_("补正只能要求一次（条例第三十条）。"))
    latest = clock.correction_request_due(application.received_on)
    if on > latest:
        raise StepRefused(
            _("补正告知应在收到申请之日起 7 个工作日内（%(date)s 前）发出（条例第三十条）。")
            % {"date": latest.isoformat()}
        )
    if not (items or "").strip():
        raise StepRefused(_("请写明需要补正的事项。"))
    if due_on <= on:
        raise StepRefused(_("补正期限应晚于发出补正告知之日。"))
    application.correction_requested_on = on
    application.correction_request = items.strip()
    application.correction_due_on = due_on
    application.status = Status.CORRECTION
    return _save(application, user, _("要求补正"))


def receive_correction(application, user, on=None):
    """The corrected application arrived: the reply clock starts again from that day."""
    on = on or timezone.localdate()
    if application.status != Status.CORRECTION:
        raise StepRefused(_("该申请不在等待补正。"))
    if on > application.correction_due_on:
        raise StepRefused(_("补正材料在补正期限之后收到，请按“逾期不补正”处理或说明正当理由。"))
    application.correction_received_on = on
    application.status = Status.RECEIVED
    return _save(application, user, _("收到补正材料"))


def close_without_correction(application, user, on=None):
    """第30条: no correction within the period — the application is deemed withdrawn (counted as
    其他处理 1 in the annual report)."""
    on = on or timezone.localdate()
    if application.status != Status.CORRECTION:
        raise StepRefused(_("该申请不在等待补正。"))
    if on <= application.correction_due_on:
        raise StepRefused(
            _("补正期限（%(date)s）尚未届满。")
            % {"date": application.correction_due_on.isoformat()}
        )
    application.outcome = Outcome.OTHER_NO_CORRECTION
    application.replied_on = on
    application.status = Status.CLOSED
    return _save(application, user, _("逾期未补正，视为放弃申请"))


def assign(application, user, department):
    """分办: the department that holds the information handles it."""
    application.department = department
    return _save(application, user, _("分办至%(name)s") % {"name": department.name})


def start_consultation(application, user, *, kind, party, sent_on=None):
    """第32条 / 第34条: the clock stops while the opinion is awaited (15 working days at most)."""
    if application.status not in (Status.RECEIVED, Status.CONSULTING):
        raise StepRefused(_("该申请当前不能征求意见。"))
    sent_on = sent_on or timezone.localdate()
    start = application.correction_received_on or application.received_on
    if sent_on < start:
        raise StepRefused(_("征求意见的日期不能早于答复期限起算之日。"))
    consultation = Consultation(application=application, kind=kind, party=party, sent_on=sent_on)
    consultation._history_user = user
    consultation.save()
    application.status = Status.CONSULTING
    _save(application, user, _("征求%(party)s意见") % {"party": party})
    return consultation


def record_opinion(consultation, user, *, answered_on=None, opinion="", public_interest=""):
    """The opinion arrived (or the 15 working days ran out: silence, counted as consent for
    another agency, 第34条); the clock runs again once no consultation is open."""
    consultation.answered_on = answered_on or timezone.localdate()
    consultation.opinion = opinion
    consultation.public_interest_override = public_interest
    consultation._history_user = user
    consultation.save()
    application = consultation.application
    if not application.consultations.filter(answered_on__isnull=True).exists():
        application.status = Status.RECEIVED
        _save(application, user, _("收到征求意见的答复"))
    return consultation


def extend(application, user, *, workdays, reason, on=None):
    """第33条第2款: once, at most 20 working days, approved by the head of the disclosure office
    (here: a member of the 政务公开办公室 role), with the reason; the applicant is told."""
    if not user_has_role(user, DISCLOSURE_OFFICE):
        raise StepRefused(_("延长答复期限须经政府信息公开工作机构负责人同意（条例第三十三条）。"))
    if application.extension_workdays:
        raise StepRefused(_("答复期限已延长过一次。"))
    if not 1 <= workdays <= clock.MAX_EXTENSION_WORKDAYS:
        raise StepRefused(_("延长答复期限最长不超过 20 个工作日（条例第三十三条）。"))
    if not (reason or "").strip():
        raise StepRefused(_("请填写延长理由。"))
    due = application.due()
    if due is None or due.on < (on or timezone.localdate()):
        raise StepRefused(_("答复期限已过或尚未开始计算，不能延长。"))
    application.extension_workdays = workdays
    application.extension_reason = reason.strip()
    application.extension_approved_by = user
    return _save(application, user, _("延长答复期限 %(n)s 个工作日") % {"n": workdays})


def reply(application, user, *, outcome, summary, on=None):
    """The reply (第36–39条), recorded with its outcome in the annual report's categories."""
    if application.status not in (Status.RECEIVED, Status.CONSULTING):
        raise StepRefused(_("该申请当前不能答复。"))
    if application.consultations.filter(answered_on__isnull=True).exists():
        raise StepRefused(_("仍有征求意见未收到答复，请先记录意见或期限届满的情况。"))
    if outcome not in Outcome.values:
        raise StepRefused(_("请选择办理结果。"))
    application.outcome = outcome
    application.reply_summary = summary
    application.replied_on = on or timezone.localdate()
    application.status = Status.REPLIED
    return _save(
        application, user, _("答复申请人：%(outcome)s") % {"outcome": Outcome(outcome).label}
    )
