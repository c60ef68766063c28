"""Publicly visible: the one rule for what anyone may see of a page without logging in.

A page is publicly visible when

- it is live;
- it is proactively disclosed (主动公开, 条例 第13条、第19–20条): a disclosure item that is
  依申请公开 or 不予公开 never is; pages that are not disclosure items (columns, the home page,
  gazette issues) have no 公开属性;
- neither the page nor an ancestor carries a Wagtail view restriction (``PageViewRestriction``:
  password, login or groups, set in the admin's privacy dialog). The portal asks for the
  password there, so nothing else may show the page.

Every public read path asks this module: the read model, read API, change feed, exports and
RSS/Atom (``disclosure.syndication``), search, and the document server
(:mod:`.document_access`). Adding or removing a restriction changes what is public:
:mod:`.restrictions` writes the outbox events.
"""

import contextlib
import contextvars

from django.db.models import Q
from wagtail.models import Page, PageViewRestriction

from disclosure.statements import fetch_rows, kept_statement, padded

from .choices import DisclosureAttribute

# The restricted paths already read in the current :func:`restrictions_read_once` block.
_read_once = contextvars.ContextVar("restricted_paths_read_once", default=None)


@contextlib.contextmanager
def restrictions_read_once():
    """Within the block, :func:`restricted_paths` reads the restrictions once: one search asks
    for the visible pages several times (the match, the title channel, the results, the
    editors' picks), and they cannot change in between for what it shows."""
    token = _read_once.set({})
    try:
        yield
    finally:
        _read_once.reset(token)


@kept_statement
def restricted_paths_statement(database):
    """The tree paths of the pages that carry a view restriction."""
    return PageViewRestriction.objects.using(database).values_list("page__path")


def restricted_paths(exclude=None):
    """The tree paths of the pages that carry a view restriction (``exclude``: a restriction's
    id to leave out)."""
    memo = _read_once.get() if exclude is None else None
    if memo is not None and "paths" in memo:
        return memo["paths"]
    if exclude is None:
        database = PageViewRestriction.objects.db
        paths = [path for (path,) in fetch_rows(database, restricted_paths_statement(database))]
    else:
        restrictions = PageViewRestriction.objects.exclude(pk=exclude)
        paths = list(restrictions.values_list("page__path", flat=True))
    if memo is not None:
        memo["paths"] = paths
    return paths


def restricted_q(field="path", paths=None):
    """A ``Q`` matching the rows whose page path (``field``: ``path`` on pages,
    ``page__path`` on a model with a ``page`` key) lies under a view restriction."""
    if paths is None:
        paths = restricted_paths()
    q = Q(pk__in=[])
    for path in paths:
        q |= Q(**{f"{field}__startswith": path})
    return q


def restricted_below(page, paths=None):
    """The paths of the view restrictions set strictly below ``page``: what a list shown on
    ``page`` must leave out. Whoever sees ``page`` has passed any restriction on it or above it
    (Wagtail asks before serving it); one set below it they have not."""
    if paths is None:
        paths = restricted_paths()
    return [path for path in paths if path.startswith(page.path) and path != page.path]


def is_proactive(page):
    """主动公开, or a page that is not a disclosure item (it has no 公开属性)."""
    attribute = getattr(page, "disclosure_attribute", DisclosureAttribute.PROACTIVE)
    return attribute == DisclosureAttribute.PROACTIVE


def is_restricted(page, paths=None):
    """Whether the page or an ancestor carries a view restriction."""
    if paths is None:
        paths = restricted_paths()
    return any(page.path.startswith(path) for path in paths)


def is_publicly_visible(page, paths=None):
    """Live, 主动公开 and under no view restriction: what the public may see (see the module
    docstring). ``paths``: :func:`restricted_paths`, when the caller checks many pages."""
    return bool(page.live) and is_proactive(page) and not is_restricted(page, paths)


def visible_pages(pages, paths=None):
    """The publicly visible pages of the page queryset ``pages`` (its model need not be
    specific: a restriction and ``live`` are on every page; the 公开属性 is filtered when the
    queryset's model has it). ``paths``: :func:`restricted_paths`, when the caller has them."""
    # The tree's root (depth 1) belongs to no site: it has no URL and is never a result.
    pages = pages.live().exclude(depth=1).exclude(restricted_q(paths=paths))
    if any(field.name == "disclosure_attribute" for field in pages.model._meta.get_fields()):
        pages = pages.filter(disclosure_attribute=DisclosureAttribute.PROACTIVE)
    return pages


@kept_statement(values=1)
def visible_rows_statement(restricted, database, ids):
    """``(pk, content type)`` of the pages of ``ids`` (a tuple) that :func:`visible_pages` of
    all pages holds, ``restricted`` (a tuple) the view restrictions' paths; in no order."""
    return (
        visible_pages(Page.objects.using(database), paths=list(restricted))
        .filter(pk__in=ids)
        .order_by()
        .values_list("pk", "content_type")
    )


def visible_rows(ids):
    """``(pk, content type)`` of the publicly visible pages among ``ids``, in the order of
    ``ids`` (one kept statement)."""
    if not ids:
        return []
    database = Page.objects.db
    statement = visible_rows_statement(tuple(restricted_paths()), database, padded(ids))
    found = dict(fetch_rows(database, statement))
    return [(pk, found[pk]) for pk in ids if pk in found]
