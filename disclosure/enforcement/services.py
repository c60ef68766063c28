"""Operations on penalty notices that change records: withdrawal after a decision change
(第11条), correction requests (第12条), early end of publicity (第14条). Each runs in one
transaction and refuses bad input with a Chinese ``ValidationError``."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import rules
from .choices import RequestStatus
from .models import DecisionChange


@transaction.atomic
def record_decision_change(notice, *, kind, occurred_on, reason, user):
    """Record that the decision was changed, revoked or found unlawful/void and withdraw the
    notice now with the public reason (第11条: within 3 working days of ``occurred_on``)."""
    from disclosure.publishing.withdrawal import withdraw

    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("请填写撤回理由，撤回理由将在原网址公开。")})
    if occurred_on > timezone.localdate():
        raise ValidationError({"occurred_on": _("变更、撤销或确认日期不能晚于今天。")})
    change = DecisionChange.objects.create(
        notice=notice, kind=kind, occurred_on=occurred_on, reason=reason, recorded_by=user
    )
    if notice.live:
        withdraw(notice, user=user, reason=reason, public_reason=True)
        change.withdrawn_at = timezone.now()
        change.save(update_fields=["withdrawn_at"])
    return change


@transaction.atomic
def decide_correction(request, *, accepted, response, user):
    """Close a correction request (第12条). An accepted request is carried out by editing the
    notice and publishing the corrected revision through the workflow."""
    if request.status != RequestStatus.PENDING:
        raise ValidationError(_("该更正申请已处理。"))
    if not (response or "").strip():
        raise ValidationError({"response": _("请填写处理意见。")})
    request.status = RequestStatus.ACCEPTED if accepted else RequestStatus.REJECTED
    request.response = response.strip()
    request.handled_by = user
    request.handled_at = timezone.now()
    request.save()
    return request


@transaction.atomic
def decide_early_end(application, *, user, on=None):
    """Decide an application for early end of publicity (第14条): refused with the reason when
    the rule refuses it, otherwise granted and the notice taken off now as an expiry (the record
    and its history stay; the outbox records ``expire``)."""
    if application.status != RequestStatus.PENDING:
        raise ValidationError(_("该申请已处理。"))
    notice = application.notice.specific
    conditions = application.conditions()
    application.not_on_lists = conditions["not_on_lists"]  # what the lists said, kept
    refusal = rules.early_end_refusal(notice, conditions, on=on)
    if refusal and not conditions["not_on_lists"]:
        refusal += _("名单记录：%(entries)s。") % {
            "entries": "；".join(
                _("%(kind)s（%(date)s 列入，%(reason)s）")
                % {
                    "kind": entry.get_kind_display(),
                    "date": entry.entry_on.isoformat(),
                    "reason": entry.entry_reason,
                }
                for entry in application.list_entries()
            )
        }
    application.decided_by = user
    application.decided_at = timezone.now()
    if refusal:
        application.status = RequestStatus.REJECTED
        application.refusal_reason = refusal
        application.save()
        return application
    application.status = RequestStatus.ACCEPTED
    application.save()
    if notice.live:
        notice.expire_at = timezone.now()
        notice.save(update_fields=["expire_at"], clean=False)
        notice._unpublish_reason = _("依申请提前停止公示（总局令第45号第十四条）")
        notice.unpublish(set_expired=True, user=user, log_action=True)
    return application
