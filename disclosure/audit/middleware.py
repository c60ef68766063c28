"""Wagtail's site history report lists every change of every page a user may explore, with
who made it — across departments, since a department's page rights reach down the column tree.
The project's own audit report (审核发布记录) is scoped; the site history is for the disclosure
office and the administrators only (issue #11 finding 6)."""

from django.core.exceptions import PermissionDenied

from disclosure.upstream import wagtail as wagtail_adapter

from .report import may_audit


class SiteHistoryScopeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if wagtail_adapter.is_site_history_report(request) and not may_audit(request.user):
            raise PermissionDenied
        return None
