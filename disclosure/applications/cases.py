"""The 依申请公开案例库: a draft case from a concluded request, anonymised — the requester is
named by type only, and the texts carry what was asked, the steps and the reply with its legal
basis; the office edits and publishes it (:class:`~disclosure.applications.models.RequestCase`)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .choices import CONCLUDED_STATUSES
from .models import RequestCase

#: The article each outcome category rests on (条例), for the draft's legal basis.
LEGAL_BASIS = {
    "granted": gettext_lazy("《中华人民共和国政府信息公开条例》第三十六条第（一）项、第（二）项"),
    "partial": gettext_lazy("《中华人民共和国政府信息公开条例》第三十七条"),
    "withheld": gettext_lazy(
        "《中华人民共和国政府信息公开条例》第十四条、第十五条、第十六条、第三十六条第（三）项"
    ),
    "unavailable": gettext_lazy(
        "《中华人民共和国政府信息公开条例》第三十六条第（四）项、第（五）项、第三十八条"
    ),
    "not_processed": gettext_lazy(
        "《中华人民共和国政府信息公开条例》第三十五条、第三十六条第（六）项、第三十九条"
    ),
    "other": gettext_lazy("《中华人民共和国政府信息公开条例》第三十条、第四十二条"),
}


def legal_basis(outcome):
    for prefix, text in LEGAL_BASIS.items():
        if outcome.startswith(prefix):
            return str(text)
    return ""


def draft_from(information_request, user=None):
    """A new unpublished case from a concluded request, without the requester's personal data."""
    if information_request.status not in CONCLUDED_STATUSES:
        raise ValueError(_("答复或终止后才能整理为案例。"))
    steps_taken = [
        record.history_change_reason
        for record in information_request.history.order_by("history_id")
        if record.history_change_reason
    ]
    case = RequestCase(
        information_request=information_request,
        title=_("关于申请公开“%(subject)s”的答复")
        % {"subject": information_request.description[:40]},
        requester_type=information_request.requester_type,
        outcome=information_request.outcome,
        facts=_("申请人（%(type)s）申请公开：%(description)s")
        % {
            "type": information_request.get_requester_type_display(),
            "description": information_request.description,
        },
        handling="；".join(steps_taken) + "。" + (information_request.reply_summary or ""),
        legal_basis=legal_basis(information_request.outcome),
    )
    case._history_user = user
    case.save()
    return case
