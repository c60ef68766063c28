"""Admin guards of the gazette (政府公报): an issue number is unique within its year.

Wagtail's copy action (and "create alias") duplicates a page with its fields, so a copy of an
issue — or of a page with issues below it, copying the subpages — would carry the same year
and number and hit the database constraint as an error page. It is refused with a message
instead; a new issue is created as a new page, whose form checks the number."""

from django.shortcuts import redirect
from django.utils.translation import gettext
from wagtail.admin import messages

from .models import GazetteIssuePage


def refuse_copying_gazette_issues(request, page):
    if issubclass(page.specific_class or type(page), GazetteIssuePage):
        issue = page.specific
        messages.error(
            request,
            gettext(
                "不能复制公报“%(title)s”：副本会沿用 %(year)s 年第 %(number)s 期的期号，"
                "同一年度的公报期号不能重复。请在公报栏目下新建一期公报。"
            )
            % {"title": issue.title, "year": issue.year, "number": issue.number},
        )
        parent = page.get_parent()
        return redirect("wagtailadmin_explore", parent.pk if parent else page.pk)
    if request.method != "POST" or not request.POST.get("copy_subpages"):
        return None
    if not GazetteIssuePage.objects.descendant_of(page).exists():
        return None
    messages.error(
        request,
        gettext(
            "“%(title)s”下有各期政府公报，复制子页面会产生同一年度重复的公报期号。"
            "请不勾选“复制子页面”后再复制。"
        )
        % {"title": page.title},
    )
    return redirect("wagtailadmin_pages:copy", page.pk)
