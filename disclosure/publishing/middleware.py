from django.template.response import TemplateResponse

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
