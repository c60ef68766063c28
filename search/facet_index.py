"""Facet rows for the embedded default's search (SQLite FTS5).

Counting the facets of a broad query (应当, 规定: most of a 100,000-document corpus) by joining
the FTS5 matches to the index entries and the page tables costs hundreds of milliseconds. Each
index entry of a page therefore gets one narrow row keyed by the entry's id, which is the FTS5
rowid: whether the page is live, a ranking prior, and a *facet key* — the id of its combination
of type, year, validity, law category and top-level column. A match then joins the rows by
primary key and groups by one integer (see :func:`search.fts.facet_counts`).

The rows are derived data. :class:`search.backends.sqlite.ChineseSQLiteIndex` writes them
whenever it indexes a page (every save, publish and unpublish reindexes the page), the bulk
import writes them for its batches, a trigger deletes them with their entry, and
:func:`missing_entries` lets the search catch up with entries written any other way.
"""

from django.db import connection, transaction

from disclosure.publishing.choices import Validity
from disclosure.upstream.modelsearch import index_entry_model, index_entry_table

BATCH = 500


def _rows(page_ids, extra=()):
    """(page id, content type, year, validity, law category or None, column path, live,
    *extra) — ``extra`` among ``_written`` (成文日期) and the page's fields."""
    from wagtail.models import Page

    from .filters import facet_values, written_on

    return (
        facet_values(Page.objects.filter(pk__in=page_ids))
        .annotate(_written=written_on())
        .values_list(
            "pk", "content_type", "_year", "_validity", "_law_category", "_column", "live", *extra
        )
    )


def prior(year, validity):
    """The order of a broad query's body matches (see :data:`search.fts.BROAD_MATCHES`): in
    force first, then the newest."""
    return (10000 if validity == Validity.IN_FORCE else 0) + year


def _key_of(content_type, year, validity, law_category, column):
    return (
        content_type,
        int(year) if year and str(year).isdigit() else 0,
        validity or "",
        law_category is not None,
        law_category or "",
        column or "",
    )


def _key_ids(tuples):
    from .models import FacetKey

    fields = ("content_type_id", "year", "validity", "is_law", "law_category", "column_path")
    known = {tuple(row[1:]): row[0] for row in FacetKey.objects.values_list("pk", *fields)}
    missing = [t for t in set(tuples) if t not in known]
    if missing:
        FacetKey.objects.bulk_create(
            [FacetKey(**dict(zip(fields, t, strict=True))) for t in missing],
            ignore_conflicts=True,
        )
        known = {tuple(row[1:]): row[0] for row in FacetKey.objects.values_list("pk", *fields)}
    return known


def refresh_pages(model, page_ids):
    """Write the facet rows of the index entries of ``page_ids`` (pages of ``model``)."""
    from modelsearch.utils import get_content_type_pk

    from .models import FacetEntry

    entry_model = index_entry_model()
    content_type = get_content_type_pk(model)
    page_ids = list(page_ids)
    with transaction.atomic():
        for start in range(0, len(page_ids), BATCH):
            chunk = page_ids[start : start + BATCH]
            entries = dict(
                entry_model.objects.filter(
                    content_type_id=content_type, object_id__in=[str(pk) for pk in chunk]
                ).values_list("object_id", "pk")
            )
            rows = [row for row in _rows(chunk) if str(row[0]) in entries]
            keys = [_key_of(*row[1:6]) for row in rows]
            key_ids = _key_ids(keys)
            FacetEntry.objects.bulk_create(
                [
                    FacetEntry(
                        entry_id=entries[str(row[0])],
                        page_id=row[0],
                        live=row[6],
                        key_id=key_ids[key],
                        prior=prior(key[1], key[2]),
                    )
                    for row, key in zip(rows, keys, strict=True)
                ],
                update_conflicts=True,
                unique_fields=["entry_id"],
                update_fields=["page_id", "live", "key", "prior"],
            )


def page_fields(page_ids):
    """What an engine's page documents carry beside their text (see
    :mod:`search.backends.opensearch`), by page id: the facet key id, the 成文日期 and the first
    publication, the fields the engine path filters, counts and sorts by (issue #21 item 1)."""
    rows = list(_rows(list(page_ids), ("_written", "first_published_at")))
    keys = [_key_of(*row[1:6]) for row in rows]
    key_ids = _key_ids(keys)
    return {
        row[0]: {"facet_key": key_ids[key], "written_on": row[7], "published_at": row[8]}
        for row, key in zip(rows, keys, strict=True)
    }


def missing_entries(content_type_ids):
    """(content type, page id) of page index entries without a facet row."""
    table = index_entry_table()
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT e.content_type_id, e.object_id FROM {table} e "  # noqa: S608
            "LEFT JOIN search_facetentry f ON f.entry_id = e.id WHERE f.entry_id IS NULL "
            f"AND e.content_type_id IN ({', '.join(str(pk) for pk in content_type_ids)})"
        )
        return cursor.fetchall()


def catch_up(content_type_ids):
    """Write the rows of entries that have none (an index written without this module)."""
    from django.contrib.contenttypes.models import ContentType

    by_type = {}
    for content_type, object_id in missing_entries(content_type_ids):
        by_type.setdefault(content_type, []).append(int(object_id))
    for content_type, page_ids in by_type.items():
        model = ContentType.objects.get_for_id(content_type).model_class()
        if model is not None:
            refresh_pages(model, page_ids)
    return sum(len(ids) for ids in by_type.values())


def keys():
    """Every facet key by id: (content type, year, validity, is law, law category, column)."""
    from .models import FacetKey

    return {
        row[0]: row[1:]
        for row in FacetKey.objects.values_list(
            "pk", "content_type_id", "year", "validity", "is_law", "law_category", "column_path"
        )
    }
