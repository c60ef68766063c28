"""What the publishing app adds to the Wagtail admin: the withdrawal action, and refusals of
paths that would delete a published item or publish without the gates."""

from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin import messages
from wagtail.admin.action_menu import ActionMenuItem
from wagtail.admin.widgets import Button
from wagtail.log_actions import LogFormatter
from wagtail.models import Page

from .admin_views import can_withdraw
from .rules import publication_errors
from .scheduling import LOG_EXPIRE, LOG_SCHEDULE_REFUSED
from .withdrawal import LOG_WITHDRAW, undeletable_pages


class WithdrawMenuItem(ActionMenuItem):
    label = _("撤回…")
    name = "action-withdraw"
    icon_name = "warning"
    order = 45

    def is_shown(self, context):
        return context["view"] == "edit" and can_withdraw(
            context["page"].specific, context["request"].user
        )

    def get_url(self, parent_context):
        return reverse("publishing_withdraw", args=[parent_context["page"].pk])


def withdraw_listing_button(page, user, next_url=None):
    if can_withdraw(page.specific, user):
        yield Button(
            _("撤回"),
            reverse("publishing_withdraw", args=[page.pk]),
            icon_name="warning",
            priority=45,
        )


def register_log_actions(actions):
    @actions.register_action(LOG_EXPIRE)
    class ExpireFormatter(LogFormatter):
        label = _("到期下线")

        def format_message(self, log_entry):
            return (log_entry.data or {}).get("reason", "")

    @actions.register_action(LOG_SCHEDULE_REFUSED)
    class ScheduleRefusedFormatter(LogFormatter):
        label = _("定时发布被拒绝")

        def format_message(self, log_entry):
            return gettext("定时发布被拒绝：%(reason)s") % {
                "reason": (log_entry.data or {}).get("reason", "")
            }

    @actions.register_action(LOG_WITHDRAW)
    class WithdrawFormatter(LogFormatter):
        label = _("撤回")

        def format_message(self, log_entry):
            return gettext("撤回，理由：%(reason)s") % {
                "reason": (log_entry.data or {}).get("reason", "")
            }


def _titles(pages, limit=5):
    titles = "、".join(f"“{page.title}”" for page in pages[:limit])
    return titles + (gettext("等") if len(pages) > limit else "")


def _back(request, fallback):
    next_url = request.GET.get("next") or request.POST.get("next") or ""
    if next_url and url_has_allowed_host_and_scheme(next_url, {request.get_host()}):
        return redirect(next_url)
    return redirect(fallback)


def _undeletable_message(found):
    return gettext(
        "已发布过的信息不能删除：%(titles)s。需要下线的，请使用“撤下”或“撤回”（记录将保留）。"
    ) % {"titles": _titles(found)}


def refuse_deleting_published_items(request, page):
    """A disclosure item that was ever published (or a page above one) is never deleted."""
    found = undeletable_pages([page])
    if not found:
        return None
    messages.error(request, _undeletable_message(found))
    return redirect("wagtailadmin_explore", page.get_parent().pk if page.depth > 1 else page.pk)


def refuse_bulk_actions(request, action_type, objects, action_class_instance):
    """Bulk delete refuses published items; bulk publish refuses items that fail the gate
    (e.g. no confidentiality determination for the revision) instead of raising a 500."""
    pages = [obj for obj in objects if isinstance(obj, Page)]
    if not pages:
        return None
    fallback = reverse("wagtailadmin_explore", args=[pages[0].get_parent().pk])
    if action_type == "delete":
        found = undeletable_pages(pages)
        if found:
            messages.error(request, _undeletable_message(found))
            return _back(request, fallback)
    elif action_type == "publish":
        refused = []
        for page in pages:
            revision = page.get_latest_revision()
            candidate = revision.as_object() if revision else page.specific
            if publication_errors(candidate, revision):
                refused.append(page)
        if refused:
            messages.error(
                request,
                gettext(
                    "以下信息未通过发布检查（须经审核流程和保密审查），未作任何发布：%(titles)s。"
                )
                % {"titles": _titles(refused)},
            )
            return _back(request, fallback)
    return None


def refuse_publishing_copies(request, page):
    """A copy is a new item: it goes through the workflow, so "publish copies" is refused
    for disclosure items (the copies may still be made as drafts)."""
    from .models import DisclosureItemPage

    if request.method != "POST" or not request.POST.get("publish_copies"):
        return None
    subtree = Page.objects.descendant_of(page, inclusive=True)
    if not any(issubclass(model, DisclosureItemPage) for model in _classes(subtree)):
        return None
    messages.error(
        request,
        gettext(
            "信息的副本须经审核流程和保密审查后才能发布，不能选择“发布副本”；请不勾选该项复制为草稿。"
        ),
    )
    return redirect("wagtailadmin_pages:copy", page.pk)


def _classes(pages):
    from django.contrib.contenttypes.models import ContentType

    ids = pages.values_list("content_type_id", flat=True).distinct()
    return [
        model
        for model in (ContentType.objects.get_for_id(pk).model_class() for pk in ids)
        if model is not None
    ]
