from django.template.response import TemplateResponse
from wagtail.views import serve

from disclosure.upstream.wagtail import give_request_its_site

from .routing import find_site
from .withdrawal import latest_public_withdrawal


class WithdrawnPageMiddleware:
    """The URL of a withdrawn item answers 410 Gone with the public notice "该信息已于…撤回" and,
    where it is public, the reason (总局令第45号 第11条), instead of a bare 404."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 404 or request.method not in ("GET", "HEAD"):
            return response
        withdrawal = latest_public_withdrawal(request.path)
        if withdrawal is None:
            return response
        gone = TemplateResponse(
            request, "publishing/withdrawn.html", {"withdrawal": withdrawal}, status=410
        )
        return gone.render()


class PortalSiteMiddleware:
    """Hands Wagtail the site of a portal page request, found by :func:`.routing.find_site` (two
    kept statements) rather than by Wagtail's lookup, composed anew on every request: for the
    page view only, after the page cache has answered what it could."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_func is serve:
            site = find_site(request)
            if site is not None:
                give_request_its_site(request, site)
