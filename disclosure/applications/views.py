"""The portal's 在线申请, the blank 申请表 for letters, and 申请查询 (条例 第29条, 第31条). An application's personal data is
shown only to whom gives its tracking number and query code; a wrong code and an unknown number
get the same answer, after the same work."""

import hmac

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from disclosure.printing import docx
from disclosure.workdays.calendar import WorkdayCalendar

from . import clock, letters, steps
from .choices import Channel
from .forms import ApplicationForm, TrackForm, new_challenge
from .models import Application, code_digest


def _too_many(request):
    """At most ``APPLICATION_RATE_LIMIT`` applications per hour from one address."""
    limit = settings.APPLICATION_RATE_LIMIT
    if not limit:
        return False
    key = f"applications:rate:{request.META.get('REMOTE_ADDR', '')}"
    cache.add(key, 0, timeout=3600)
    return cache.incr(key) > limit


@require_http_methods(["GET", "POST"])
def apply(request):
    form = ApplicationForm(request.POST or None)
    if request.method == "POST":
        if _too_many(request):
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
            data = {k: v for k, v in form.cleaned_data.items() if k not in ("challenge", "answer")}
            application, code = steps.register(channel=Channel.ONLINE, **data)
            return render(
                request,
                "applications/submitted.html",
                {"application": application, "code": code},
                status=201,
            )
        # A new question for the next try (the answered one cannot be reused).
        form.question, challenge = new_challenge()
        form.data = form.data.copy()
        form.data["challenge"] = challenge
        form.data["answer"] = ""
    return render(request, "applications/apply.html", {"form": form})


@require_http_methods(["GET", "POST"])
def track(request):
    form = TrackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        number = form.cleaned_data["tracking_number"].strip().upper()
        code = form.cleaned_data["code"]
        application = Application.objects.filter(tracking_number=number).first()
        digest = code_digest(number, code)  # the same work whether or not the number exists
        if application is not None and hmac.compare_digest(application.code_digest, digest):
            due = application.due(WorkdayCalendar())
            return render(
                request,
                "applications/status.html",
                {
                    "application": application,
                    "due": clock.format_due(due) if due else "",
                },
            )
        form.add_error(None, _("申请编号或查询码不正确。"))
    return render(request, "applications/track.html", {"form": form})


@require_GET
def application_form_docx(request):
    """The blank 政府信息公开申请表 (DOCX), for applications by letter or in person."""
    response = HttpResponse(letters.application_form_docx(), content_type=docx.CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(
        True, _("政府信息公开申请表") + ".docx"
    )
    return response
