"""The portal's 政民互动: published messages with their answers, the message form and the
lookup by query code. A message shows on the portal only once its answer is approved and
published (:meth:`.models.PublicMessage.approve`); its contact never does."""

from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from disclosure.public_forms import too_many

from . import notices, rules
from .choices import MessageCategory, MessageStatus
from .forms import LookupForm, MessageForm
from .models import PublicMessage

MESSAGES_PER_PAGE = 20
#: Lookups by query code accepted per hour from one client.
LOOKUP_LIMIT = 60
#: The categories a visitor filters the published messages by (complaints are never shown).
LISTED_CATEGORIES = [
    (value, label) for value, label in MessageCategory.choices if value != MessageCategory.COMPLAINT
]


@require_GET
def message_list(request):
    messages = PublicMessage.objects.published().select_related("department")
    category = request.GET.get("category", "")
    if category in dict(LISTED_CATEGORIES):
        messages = messages.filter(category=category)
    else:
        category = ""
    page = Paginator(messages.order_by("-published_at", "-pk"), MESSAGES_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "participation/list.html",
        {"page": page, "categories": LISTED_CATEGORIES, "category": category},
    )


@require_GET
def message_detail(request, pk):
    message = get_object_or_404(PublicMessage.objects.published(), pk=pk)
    return render(request, "participation/detail.html", {"message": message})


@require_http_methods(["GET", "POST"])
def write(request):
    form = MessageForm(request.POST or None)
    if request.method == "POST":
        if too_many(request, "participation", settings.PUBLIC_MESSAGE_RATE_LIMIT):
            form.ask_again()
            return render(
                request,
                "participation/write.html",
                {"form": form, "refused": _("提交过于频繁，请一小时后再试。")},
                status=429,
            )
        if form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if k not in ("challenge", "answer")}
            message = PublicMessage.submit(**data)
            routed = message.status == MessageStatus.ROUTED
            return render(
                request,
                "participation/submitted.html",
                {
                    "message": message,
                    "routed": routed,
                    "complaint_notice": notices.complaint_notice_text() if routed else "",
                },
                status=201,
            )
        form.ask_again()
    return render(request, "participation/write.html", {"form": form})


@require_http_methods(["GET", "POST"])
def lookup(request):
    form = LookupForm(request.POST or None)
    if request.method == "POST":
        if too_many(request, "participation-lookup", LOOKUP_LIMIT):
            form.add_error(None, _("查询过于频繁，请一小时后再试。"))
        elif form.is_valid():
            code = rules.normalise_code(form.cleaned_data["code"])
            message = PublicMessage.objects.filter(query_code=code).first()
            if message is not None:
                return render(
                    request,
                    "participation/status.html",
                    {
                        "message": message,
                        "answered": message.status
                        in (MessageStatus.PUBLISHED, MessageStatus.REPLIED),
                        "complaint_notice": notices.complaint_notice_text()
                        if message.status == MessageStatus.ROUTED
                        else "",
                    },
                )
            form.add_error(None, _("查询码不正确，请核对后重新输入。"))
    return render(request, "participation/lookup.html", {"form": form})
