"""Government-website meta tags (《政府网站网页设计规范》): the site's, the column's and the
article's, as (name, content) pairs for ``templates/includes/meta_tags.html``.

The column tags need the page's column, which is why they live here and not on the page base
in ``publishing`` (one layer down, ``docs/architecture.md``).
"""

from wagtail.models import Site

from disclosure.organisation.models import OrganisationSettings
from disclosure.statements import ancestor_paths, first_instance, kept_statement

from .models import ColumnPage


def meta_column(page):
    """The innermost live column ``page`` belongs to (the page itself if it is a column). One
    query: a column is a ``ColumnPage`` itself (no page type extends it), so the rows are
    already the specific pages. No query when the answer is known: a live column is its own, and
    the tree's root and a site's home page (depth 1 and 2) have no column above them."""
    if isinstance(page, ColumnPage) and page.live:
        return page
    if page.depth <= 2:
        return None
    paths = ancestor_paths(page, inclusive=True)
    database = ColumnPage.objects.db
    return first_instance(ColumnPage, database, innermost_column_statement(database, paths))


@kept_statement(values=1)
def innermost_column_statement(database, paths):
    """The deepest live column among the pages at ``paths`` (a page's and its ancestors' tree
    paths), read with the fields the meta tags show."""
    return (
        ColumnPage.objects.using(database)
        .filter(path__in=paths)
        .live()
        .order_by("-path")
        .only("title", "path", "description", "keywords", "column_type")[:1]
    )


def _site_and_organisation(page, request=None):
    """``page``'s site and its organisation settings. When the request is for that site (the
    usual case), both come from what Wagtail already looked up for the request (no query)."""
    if request is not None:
        request_site = Site.find_for_request(request)
        url_parts = page.get_url_parts(request)
        if request_site is not None and url_parts and url_parts[0] == request_site.pk:
            return request_site, OrganisationSettings.for_request(request)
    site = page.get_site()
    return site, (OrganisationSettings.for_site(site) if site else None)


def meta_tags(page, request=None):
    """SiteName/SiteDomain/SiteIDCode, the Column* tags and the page's own Article* tags;
    empty tags are left out. Pages that are not portal pages get none."""
    article_meta_tags = getattr(page, "article_meta_tags", None)
    if article_meta_tags is None or not page.pk:
        return []
    site, organisation = _site_and_organisation(page, request)
    tags = []
    if organisation:
        tags += [
            ("SiteName", organisation.site_name or organisation.name),
            ("SiteDomain", organisation.site_domain or (site.hostname if site else "")),
            ("SiteIDCode", organisation.site_id_code),
        ]
    column = meta_column(page)
    if column is not None:
        tags += [
            ("ColumnName", column.title),
            ("ColumnDescription", column.description or column.title),
            ("ColumnKeywords", column.keywords or column.title),
            ("ColumnType", column.column_type or column.title),
        ]
    return [(name, content) for name, content in tags if content] + article_meta_tags()
