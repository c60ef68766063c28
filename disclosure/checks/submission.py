"""The checks at the two moments the admin offers: publication (refused with the reasons while
the draft is kept) and submission to the workflow (the submitter is told what the confidentiality
reviewer will have to mask)."""

from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.admin import messages

from .personal_data import CHECK_NAME as PERSONAL_DATA
from .registry import publication_errors, run_checks
from .unreadable import CHECK_NAME as UNREADABLE

SUBMIT_ACTIONS = ("action-submit", "action-restart-workflow")


def _is_item(page):
    from disclosure.publishing.models import DisclosureItemPage

    return isinstance(page, DisclosureItemPage)


def _blocking_findings(page):
    """The findings that block the publication of an item's latest draft (none for a page
    that is not a published item)."""
    page = page.specific
    if not _is_item(page):
        return []
    return [f for f in run_checks(page.get_latest_revision_as_object()) if f.blocking]


def _split(findings):
    """Personal data and unreadable attachments, and the other blocking findings."""
    privacy = {PERSONAL_DATA, UNREADABLE}
    return (
        [f for f in findings if f.check in privacy],
        [f for f in findings if f.check not in privacy],
    )


def refuse_publication_with_findings(request, page):
    """``before_publish_page``: the admin's publish button, with the content just submitted."""
    if not _is_item(page):
        return None
    errors = publication_errors(page)
    if not errors:
        return None
    for message in errors.values():
        messages.error(request, message)
    messages.warning(request, _("草稿已保存，但未发布。"))
    return redirect("wagtailadmin_pages:edit", page.pk)


def show_findings_in_editor(request, page):
    """``before_edit_page`` (GET): whoever opens the item — the confidentiality reviewer on the
    review screen included — sees how many findings block publication, with a link to them."""
    if request.method != "GET":
        return None
    findings, others = _split(_blocking_findings(page))
    if others:
        messages.warning(
            request,
            _("发布前检查：发现 %(count)s 处严重问题（如敏感词），删除前不能发布。")
            % {"count": len(others)},
            buttons=[
                messages.button(
                    reverse("checks_findings", args=[page.pk]), _("查看"), new_window=False
                )
            ],
        )
    if findings:
        messages.warning(
            request,
            _("发布前检查：发现 %(count)s 处未脱敏的个人信息，脱敏前不能发布。")
            % {"count": len(findings)},
            buttons=[
                messages.button(
                    reverse("checks_findings", args=[page.pk]), _("查看并脱敏"), new_window=False
                )
            ],
        )
    return None


def warn_on_submission(request, page):
    """``after_create_page`` / ``after_edit_page``: after a submission, list the findings."""
    if request.method != "POST" or not any(request.POST.get(a) for a in SUBMIT_ACTIONS):
        return None
    findings, others = _split(_blocking_findings(page))
    if others:
        messages.warning(
            request,
            _("已提交审核，但发现 %(count)s 处严重问题（如敏感词），发布前须删除。")
            % {"count": len(others)},
        )
    if findings:
        messages.warning(
            request,
            _(
                "已提交审核，但发现 %(count)s 处未脱敏的个人信息，发布前须脱敏（总局令第45号第六条）。"
            )
            % {"count": len(findings)},
        )
    return None
