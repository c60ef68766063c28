"""Lists of items as the public pages show them (a column's items, the home page's latest):
each item read as a narrow row of its own type — the fields a list shows, not its body.

Wagtail's ``specific()`` reads every column of every item's own table: a law's whole text, its
article index, its search text, ~40 columns a row, for a line that shows a title, a 文号 and a
date. Here each item type names what its line needs (``listing_fields``, on
:class:`~disclosure.publishing.models.DisclosureItemPage`, extended by a type that shows more,
such as a consultation's status); any other field is still there when asked for (Django loads a
deferred field on access), so a template that shows more costs a query, never an error.

Each type's statement is composed by the ORM once per number of ids and kept
(:func:`narrow_statement`): composing and compiling it cost ~0.5 ms a type on SQLite, eight times
running it (issue #16, an uncached page within 2× of stock Wagtail's).
"""

import functools
from collections import defaultdict
from collections.abc import Sequence

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page

from disclosure.upstream.wagtail import page_from_db

#: What a link to a page needs (its title, and its URL from ``url_path``): the narrow row of the
#: navigation, a column's subcolumns and its feature pages.
LINK_FIELDS = ("id", "title", "url_path", "path", "depth")

#: The same fields in the order of the page's columns, as ``Model.from_db`` takes a row of them:
#: a link read as a row is made a page by :func:`link_page`.
LINK_COLUMNS = tuple(f.attname for f in Page._meta.concrete_fields if f.attname in LINK_FIELDS)


def link_page(database, row):
    """The page of a row of :data:`LINK_COLUMNS` read from ``database`` (a ``Page``, its other
    fields deferred), built as ``Page.from_db`` builds it."""
    return page_from_db(Page, database, LINK_COLUMNS, row)


def narrow_rows(model, ids, whole=False):
    """``model``'s rows of ``ids`` as Django's ORM reads them, only its ``listing_fields`` (all
    fields for a type that names none, or when ``whole``)."""
    items = model.objects.filter(pk__in=ids)
    fields = None if whole else getattr(model, "listing_fields", None)
    return items.only(*fields) if fields else items


@functools.lru_cache(maxsize=1024)
def narrow_statement(model, count, database, whole=False):
    """The SQL of :func:`narrow_rows` for ``count`` ids on ``database`` (an alias), its
    parameters the ids in order: composed by the ORM with ``count`` distinct stand-ins (the ORM
    drops repeated values from an ``IN`` list) and kept for the life of the process."""
    stand_ins = list(range(1, count + 1))
    sql, params = narrow_rows(model, stand_ins, whole).using(database).query.sql_with_params()
    if list(params) != stand_ins:
        raise ValueError(f"{model.__name__}: the narrow rows' statement takes other parameters")
    return sql


def narrow_items(pages):
    """The specific items of ``pages`` (a page queryset, ordered and sliced as shown), in its
    order, each read with its type's ``listing_fields``: one query for the ids, one per item type
    (its statement kept by :func:`narrow_statement`, its rows made into pages as the ORM makes
    them: the fields left out are deferred)."""
    return narrow_items_of_rows(list(pages.values_list("pk", "content_type")))


def narrow_items_of_rows(rows, whole=False):
    """:func:`narrow_items` of ``rows`` already read: ``(pk, content type id)`` of each page, in
    the order shown; every field of each type read when ``whole`` (as Wagtail's ``specific()``
    reads them: what a search result shows, its snippet drawn from the body)."""
    ids_by_type = defaultdict(list)
    for pk, content_type in rows:
        ids_by_type[content_type].append(pk)
    found = {}
    for content_type, ids in ids_by_type.items():
        model = ContentType.objects.get_for_id(content_type).model_class()
        if model is None:  # a type whose app is gone: not shown (as Wagtail falls back)
            continue
        database = model.objects.db
        statement = narrow_statement(model, len(ids), database, whole)
        found.update(
            (item.pk, item) for item in model.objects.db_manager(database).raw(statement, ids)
        )
    return [found[pk] for pk, _ in rows if pk in found]


class ItemListing(Sequence):
    """A page queryset shown a page at a time (Django's ``Paginator`` takes it as its object
    list): counted in the database, each page's items read by :func:`narrow_items`."""

    def __init__(self, pages):
        self.pages = pages

    def count(self):
        return self.pages.count()

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        if isinstance(index, slice):
            return narrow_items(self.pages[index])
        found = narrow_items(self.pages[index : index + 1])
        if not found:
            raise IndexError(index)
        return found[0]
