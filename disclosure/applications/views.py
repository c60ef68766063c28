"""The portal's 在线申请, the blank 申请表 for letters, and 申请查询 (条例 第29条, 第31条). A request's personal data is
shown only to whom gives its tracking number and query code; a wrong code and an unknown number
get the same answer, after the same work."""

import hmac

from django.conf import settings
from django.core.paginator import Paginator
from django.db import transaction
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from disclosure.printing import docx, pdf
from disclosure.public_forms import too_many
from disclosure.workdays.calendar import WorkdayCalendar

from . import clock, letters, steps
from .choices import CONCLUDED_STATUSES, Channel, FileKind
from .forms import InformationRequestForm, TrackForm
from .models import InformationRequest, RequestCase, RequestFile, code_digest


@require_http_methods(["GET", "POST"])
def apply(request):
    form = InformationRequestForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        # At most APPLICATION_RATE_LIMIT requests per hour from one client.
        if too_many(request, "applications", settings.APPLICATION_RATE_LIMIT):
            form.ask_again()
            return render(
                request,
                "applications/apply.html",
                {
                    "form": form,
                    "refused": _("提交过于频繁，请一小时后再试，或通过信函、当面提交申请。"),
                },
                status=429,
            )
        if form.is_valid():
            data = {
                k: v
                for k, v in form.cleaned_data.items()
                if k not in ("challenge", "answer", "attachment")
            }
            with transaction.atomic():
                information_request, code = steps.register(channel=Channel.ONLINE, **data)
                upload = form.cleaned_data.get("attachment")
                if upload:
                    steps.attach(
                        information_request,
                        None,
                        kind=FileKind.SUBMITTED,
                        name=upload.name,
                        content=upload,
                    )
            return render(
                request,
                "applications/submitted.html",
                {"information_request": information_request, "code": code},
                status=201,
            )
        form.ask_again()
    return render(request, "applications/apply.html", {"form": form})


#: The request whose tracking number and code were given last in this session.
VERIFIED_SESSION_KEY = "applications:verified"


@require_http_methods(["GET"])
def released_file(request, pk):
    """A file the reply released, for the session that gave the request's code; anyone else
    gets 404, the same as for a file that does not exist."""
    item = get_object_or_404(
        RequestFile,
        pk=pk,
        kind=FileKind.RELEASED,
        information_request_id=request.session.get(VERIFIED_SESSION_KEY) or 0,
        information_request__status__in=CONCLUDED_STATUSES,
    )
    return FileResponse(item.file.open("rb"), as_attachment=True, filename=item.name)


@require_GET
def reply_letter(request):
    """The reply letter (告知书, PDF) of the request whose code this session gave, once the reply
    went out; 404 otherwise."""
    information_request = get_object_or_404(
        InformationRequest,
        pk=request.session.get(VERIFIED_SESSION_KEY) or 0,
        status__in=CONCLUDED_STATUSES,
    )
    try:
        content = letters.reply_letter_pdf(information_request)
    except pdf.PrintingUnavailable:
        content_type, content = docx.CONTENT_TYPE, letters.reply_letter_docx(information_request)
        extension = "docx"
    else:
        content_type, extension = pdf.CONTENT_TYPE, "pdf"
    response = HttpResponse(content, content_type=content_type)
    name = _("答复告知书-%(number)s") % {"number": information_request.tracking_number}
    response["Content-Disposition"] = content_disposition_header(True, f"{name}.{extension}")
    return response


@require_http_methods(["GET", "POST"])
def track(request):
    form = TrackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        number = form.cleaned_data["tracking_number"].strip().upper()
        code = form.cleaned_data["code"]
        information_request = InformationRequest.objects.filter(tracking_number=number).first()
        digest = code_digest(number, code)  # the same work whether or not the number exists
        if information_request is not None and hmac.compare_digest(
            information_request.code_digest, digest
        ):
            # The released files are downloaded in this session only.
            request.session[VERIFIED_SESSION_KEY] = information_request.pk
            calendar = WorkdayCalendar()
            due = information_request.due(calendar)
            return render(
                request,
                "applications/status.html",
                {
                    "information_request": information_request,
                    "due": clock.format_due(due) if due else "",
                    "fee_payment_due": (
                        clock.fee_payment_due(information_request.fee_notified_on, calendar)
                        if information_request.fee_notified_on
                        else None
                    ),
                    "released": (
                        information_request.files.filter(kind=FileKind.RELEASED)
                        if information_request.reply_sent
                        else []
                    ),
                },
            )
        form.add_error(None, _("申请编号或查询码不正确。"))
    return render(request, "applications/track.html", {"form": form})


@require_GET
def application_form_docx(request):
    """The blank 政府信息公开申请表 (DOCX), for applications by letter or in person."""
    response = HttpResponse(letters.information_request_form_docx(), content_type=docx.CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(
        True, _("政府信息公开申请表") + ".docx"
    )
    return response


CASES_PER_PAGE = 20
#: The outcome groups a citizen filters the case library by (the annual report's headings).
CASE_GROUPS = [
    ("granted", gettext_lazy("予以公开")),
    ("partial", gettext_lazy("部分公开")),
    ("withheld", gettext_lazy("不予公开")),
    ("unavailable", gettext_lazy("无法提供")),
    ("not_processed", gettext_lazy("不予处理")),
    ("other", gettext_lazy("其他处理")),
]


@require_http_methods(["GET"])
def case_list(request):
    """依申请公开案例库: published cases, newest first, by outcome group, 20 a page."""
    cases = RequestCase.objects.filter(published=True)
    group = request.GET.get("group", "")
    if group in dict(CASE_GROUPS):
        cases = cases.filter(outcome__startswith=group)
    else:
        group = ""
    page = Paginator(cases, CASES_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "applications/cases.html",
        {"page": page, "groups": CASE_GROUPS, "group": group},
    )


@require_http_methods(["GET"])
def case_detail(request, pk):
    case = get_object_or_404(RequestCase, pk=pk, published=True)
    return render(request, "applications/case.html", {"case": case})
