from wagtail.models import Site

from disclosure.columns.models import ColumnPage
from disclosure.publishing.listing import LINK_FIELDS


def portal_nav(request):
    """Top-level columns shown in the portal navigation."""
    if request.path.startswith("/admin/"):
        return {}

    def columns():
        # Read once a request: the navigation and the home page's column list both show it.
        if not hasattr(request, "_portal_nav"):
            site = Site.find_for_request(request)
            request._portal_nav = (
                []
                if site is None
                else list(
                    ColumnPage.objects.child_of(site.root_page)
                    .live()
                    .in_menu()
                    .order_by("path")
                    .only(*LINK_FIELDS)
                )
            )
        return request._portal_nav

    return {"portal_nav": columns}
