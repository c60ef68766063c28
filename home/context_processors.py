from wagtail.models import Site

from disclosure.columns.models import ColumnPage
from disclosure.publishing.listing import LINK_COLUMNS, link_page
from disclosure.statements import fetch_rows, kept_statement, stand_in, tree_key


@kept_statement
def menu_columns_statement(root_key, database):
    """The top-level columns below the site root (``root_key``: its id, tree path and depth) in
    the menu, as link rows (:data:`~disclosure.publishing.listing.LINK_COLUMNS`)."""
    root = stand_in(root_key)
    return (
        ColumnPage.objects.using(database)
        .child_of(root)
        .live()
        .in_menu()
        .order_by("path")
        .values_list(*LINK_COLUMNS)
    )


def menu_columns(root):
    """The top-level columns below ``root`` shown in the portal navigation, as pages that know
    their title and URL (the rows a link needs, not each column's own row)."""
    database = ColumnPage.objects.db
    statement = menu_columns_statement(tree_key(root), database)
    return [link_page(database, row) for row in fetch_rows(database, statement)]


def portal_nav(request):
    """Top-level columns shown in the portal navigation."""
    if request.path.startswith("/admin/"):
        return {}

    def columns():
        # Read once a request: the navigation and the home page's column list both show it.
        if not hasattr(request, "_portal_nav"):
            site = Site.find_for_request(request)
            request._portal_nav = [] if site is None else menu_columns(site.root_page)
        return request._portal_nav

    return {"portal_nav": columns}
