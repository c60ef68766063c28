"""Finding the page a portal URL names in two queries instead of two per path segment.

Wagtail routes ``/a/b/c/`` by walking the tree: each page looks up its child by slug and loads
the child's specific row before asking it to route the rest (``Page.route``), so an article four
levels deep costs eight queries before anything is rendered — the largest share of an uncached
page (issue #16, "Measure"). A page's ``url_path`` is its ancestors' slugs joined, kept by
Wagtail on every save and move, so the same page is found by reading the chain of ``url_path``
prefixes at once (one query) and the last page's specific row (one more).

The walk stays the rule; this is only a shortcut to its answer, taken when it is certainly the
same answer: every segment matches exactly one page and no page on the way routes by itself
(a ``RoutablePageMixin`` page, or any type that overrides ``route``: its sub-routes may claim a
segment before its children do). Otherwise, and for a path longer than the tree (a sub-route),
the caller walks the tree as Wagtail does.

The site a request is for is found the same way (:func:`find_site`): Wagtail's ranking of the
sites by hostname and port, composed by the ORM on every request before anything else (~3 ms
of the home page's ~25), is a kept statement here.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import DisallowedHost
from django.db.models import Case, IntegerField, Q, When
from django.http.request import split_domain_port
from wagtail.models import Page, Site
from wagtail.models.sites import (
    MATCH_DEFAULT,
    MATCH_HOSTNAME,
    MATCH_HOSTNAME_DEFAULT,
    MATCH_HOSTNAME_PORT,
)

from disclosure.statements import fetch_rows, first_instance, kept_statement


def routes_like_a_page(model):
    """Whether ``model`` routes its children exactly as :meth:`wagtail.models.Page.route`."""
    return model is not None and model.route is Page.route


@kept_statement(values=3)
def chain_statement(database, slugs, prefixes, root_depth):
    """The pages of ``slugs`` whose ``url_path`` is one of ``prefixes`` below ``root_depth``,
    shallowest first: ``(pk, url_path, depth, content type id, path)``."""
    return (
        # By slug first: Wagtail indexes the slug, not the url_path (a scan at 100k pages).
        Page.objects.using(database)
        .filter(slug__in=slugs, url_path__in=prefixes)
        .filter(depth__gt=root_depth)
        .order_by("depth")
        .values_list("pk", "url_path", "depth", "content_type_id", "path")
    )


@kept_statement(values=1)
def page_statement(model, database, pk):
    """The whole row of ``model``'s page ``pk`` (as ``model.objects.filter(pk=pk).first()``)."""
    return model._default_manager.using(database).filter(pk=pk).order_by("pk")[:1]


def find_by_url_path(root, path_components):
    """The specific page below ``root`` that ``path_components`` (slugs) name, or ``None`` when
    the shortcut does not apply (see the module's docstring) and the tree must be walked.
    Whether the page is live is left to its ``route`` (a draft answers 404 there)."""
    if not path_components:
        return None
    prefixes = []
    path = root.url_path
    for slug in path_components:
        path = f"{path}{slug}/"
        prefixes.append(path)
    database = Page.objects.db
    slugs = tuple(sorted(set(path_components)))
    chain = fetch_rows(database, chain_statement(database, slugs, tuple(prefixes), root.depth))
    if [row[1] for row in chain] != prefixes:
        return None  # a segment matches no page, or more than one: walk
    expected_depth = root.depth
    parent_path = root.path
    models = []
    for _pk, _url_path, depth, content_type_id, tree_path in chain:
        expected_depth += 1
        if depth != expected_depth or not tree_path.startswith(parent_path):
            return None  # not a chain of children below root (a stale url_path): walk
        parent_path = tree_path
        models.append(ContentType.objects.get_for_id(content_type_id).model_class())
    if not all(routes_like_a_page(model) for model in models[:-1]) or models[-1] is None:
        return None
    model = models[-1]
    return first_instance(model, database, page_statement(model, database, chain[-1][0]))


#: A site's columns in the order ``Site.from_db`` takes a row of them.
SITE_COLUMNS = tuple(field.attname for field in Site._meta.concrete_fields)


@kept_statement(values=2)
def sites_statement(database, hostname, port):
    """The sites a request for ``hostname`` and ``port`` may be for, best first, ranked as
    Wagtail's ``get_site_for_hostname`` ranks them: each site's :data:`SITE_COLUMNS`, its rank
    and its root page's content type."""
    rank = Case(
        When(hostname=hostname, port=port, then=MATCH_HOSTNAME_PORT),
        When(hostname=hostname, is_default_site=True, then=MATCH_HOSTNAME_DEFAULT),
        When(is_default_site=True, then=MATCH_DEFAULT),
        default=MATCH_HOSTNAME,
        output_field=IntegerField(),
    )
    return (
        Site.objects.using(database)
        .annotate(match=rank)
        .filter(Q(hostname=hostname) | Q(is_default_site=True))
        .order_by("match")
        .values_list(*SITE_COLUMNS, "match", "root_page__content_type")
    )


def _best_site_row(rows):
    """Wagtail's choice among the ranked rows (``get_site_for_hostname``): a unique candidate, an
    exact hostname and port, the hostname's default; else the default site, unless exactly one
    other site has the hostname; ``None`` when the hostname matches several and none is the
    default."""
    if not rows:
        return None
    rank = rows[0][len(SITE_COLUMNS)]
    if len(rows) == 1 or rank in (MATCH_HOSTNAME_PORT, MATCH_HOSTNAME_DEFAULT):
        return rows[0]
    if rank == MATCH_DEFAULT:
        return rows[len(rows) == 2]
    return None


def find_site(request):
    """The site ``request`` is for, as ``Site.find_for_request`` finds it, with its root page read
    as its specific page (what routing asks of it next), in two kept statements. ``None`` when
    there is none, or when the request's host or port is not one to look up (Wagtail then looks
    itself and answers the same)."""
    try:
        hostname = split_domain_port(request.get_host())[0]
        port = int(request.get_port())
    except (DisallowedHost, ValueError):
        return None
    database = Site.objects.db
    row = _best_site_row(fetch_rows(database, sites_statement(database, hostname, port)))
    if row is None:
        return None
    model = ContentType.objects.get_for_id(row[len(SITE_COLUMNS) + 1]).model_class()
    if model is None:
        return None
    site = Site.from_db(database, SITE_COLUMNS, row[: len(SITE_COLUMNS)])
    root = first_instance(model, database, page_statement(model, database, site.root_page_id))
    if root is None:
        return None
    site.root_page = root
    return site
