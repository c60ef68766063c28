from wagtail.models import Site


def portal_nav(request):
    """Top-level columns shown in the portal navigation."""
    if request.path.startswith("/admin/"):
        return {}

    def columns():
        from disclosure.columns.models import ColumnPage

        site = Site.find_for_request(request)
        if site is None:
            return ColumnPage.objects.none()
        return ColumnPage.objects.child_of(site.root_page).live().in_menu().order_by("path")

    return {"portal_nav": columns}
