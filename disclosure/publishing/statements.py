"""Statements a portal page runs on every uncached visit, composed by the ORM once per shape.

Building a queryset and compiling it to SQL costs ~1.5 ms on this project's 2-core machine
(``filter``, ``exclude``, the compiler's joins and quoting), where running it on SQLite costs
~0.4: the navigation, the emergency notices and the home page's lists each paid that on every
page not in the page cache (issue #16: an uncached page within 2× of stock Wagtail's).

:func:`kept_statement` keeps a statement's SQL and parameters per key. The function it wraps
composes a queryset from its arguments alone — the database alias among them — so the same
arguments always give the same statement, and whatever can change between requests (the tree
path of a page, the restricted paths) is an argument. Values that change on every request (the
time) are not: such a filter stays in Python over the rows read.
"""

import functools

from django.db import connections
from wagtail.models import Page


def kept_statement(compose):
    """Decorator: ``compose(*key)`` returns a queryset that depends on ``key`` only (hashable
    values); the decorated function returns ``(sql, params)`` of that queryset, composed once
    per key and kept for the life of the process (the 512 keys used last)."""

    @functools.lru_cache(maxsize=512)
    @functools.wraps(compose)
    def statement(*key):
        sql, params = compose(*key).query.sql_with_params()
        return sql, tuple(params)

    return statement


def fetch_rows(database, statement):
    """The rows of ``statement`` (``(sql, params)`` of :func:`kept_statement`) on ``database``,
    as tuples in the order the statement selects."""
    sql, params = statement
    with connections[database].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def tree_key(page):
    """What a statement about the tree below ``page`` depends on: its id, path and depth."""
    return (page.pk, page.path, page.depth)


def stand_in(key):
    """A page of :func:`tree_key` ``key``, for composing a statement (Wagtail's ``child_of`` and
    ``descendant_of`` read these three fields of it)."""
    pk, path, depth = key
    return Page(pk=pk, path=path, depth=depth)
