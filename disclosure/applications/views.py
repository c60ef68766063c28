"""The portal's 在线申请 and 申请查询 (条例 第29条, 第31条). An application's personal data is
shown only to whom gives its tracking number and query code; a wrong code and an unknown number
get the same answer, after the same work."""

import hmac

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from disclosure.client_address import client_address
from disclosure.workdays.calendar import WorkdayCalendar

from . import clock, steps
from .choices import Channel
from .forms import ApplicationForm, TrackForm, new_challenge
from .models import Application, code_digest


def _too_many(request):
    """At most ``APPLICATION_RATE_LIMIT`` applications per hour from one client: its address,
    as the trusted reverse proxy names it (``TRUSTED_PROXIES``), so that citizens behind the
    proxy are counted one by one."""
    limit = settings.APPLICATION_RATE_LIMIT
    if not limit:
        return False
    key = f"applications:rate:{client_address(request)}"
    cache.add(key, 0, timeout=3600)
    return cache.incr(key) > limit


def _ask_again(form):
    """A new question for a form shown again (after an error or a refusal): its answer field is
    emptied and labelled with the question, never left without one."""
    form.question, challenge = new_challenge()
    form.data = form.data.copy()
    form.data["challenge"] = challenge
    form.data["answer"] = ""


@require_http_methods(["GET", "POST"])
def apply(request):
    form = ApplicationForm(request.POST or None)
    if request.method == "POST":
        if _too_many(request):
            _ask_again(form)
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
        _ask_again(form)
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
