"""Statements composed once per shape (disclosure/statements.py): the same rows as
the queryset they are composed from, composed again only for another key."""

import pytest
from wagtail.models import Page

from disclosure.statements import (
    ancestor_paths,
    fetch_rows,
    kept_statement,
    padded,
    stand_in,
    tree_key,
)
from tests.factories import column, home_page

pytestmark = pytest.mark.django_db


def test_a_kept_statement_is_composed_once_a_key_and_reads_what_the_queryset_reads():
    composed = []

    @kept_statement
    def children(root_key, database):
        composed.append(root_key)
        return Page.objects.using(database).child_of(stand_in(root_key)).values_list("title")

    home = home_page()
    column(title="通知公告", slug="notices")
    first = fetch_rows("default", children(tree_key(home), "default"))
    column(title="政策文件", slug="policies")
    second = fetch_rows("default", children(tree_key(home), "default"))
    assert first == [("通知公告",)]
    assert sorted(second) == sorted(Page.objects.child_of(home).values_list("title"))
    assert composed == [tree_key(home)]  # kept: the new column read by the same statement
    root = Page.objects.get(depth=1)
    assert fetch_rows("default", children(tree_key(root), "default")) == [(home.title,)]
    assert composed == [tree_key(home), tree_key(root)]


def test_a_stand_in_is_the_page_to_the_tree_queries():
    home = home_page()
    notices = column(title="通知公告", slug="notices")
    twin = stand_in(tree_key(home))
    assert list(Page.objects.descendant_of(twin)) == list(Page.objects.descendant_of(home))
    assert list(Page.objects.child_of(twin)) == [notices.page_ptr]
    assert Page.objects.descendant_of(twin, inclusive=True).count() == 2


@kept_statement(values=1)
def titles_below(database, path):
    return Page.objects.using(database).filter(path__in=(path,)).values_list("title")


def test_a_value_is_put_where_its_stand_in_was_and_the_statement_composed_once():
    composed = []

    @kept_statement(values=2)
    def children(database, parent_id, left_out):
        composed.append(database)
        return (
            Page.objects.using(database)
            .filter(depth__gt=1, pk__gt=parent_id)
            .exclude(pk__in=left_out)
            .order_by("pk")
            .values_list("title")
        )

    home = home_page()
    notices = column(title="通知公告", slug="notices")
    policies = column(title="政策文件", slug="policies")
    assert fetch_rows("default", children("default", home.pk, (notices.pk,))) == [("政策文件",)]
    assert fetch_rows("default", children("default", home.pk, (policies.pk,))) == [("通知公告",)]
    assert fetch_rows("default", children("default", notices.pk, (0,))) == [("政策文件",)]
    assert children.cache_info().misses == 1  # one shape: an id and a tuple of one id
    both = fetch_rows("default", children("default", home.pk, (notices.pk, policies.pk)))
    assert both == [] and children.cache_info().misses == 2  # a tuple of two ids: another
    assert len(composed) == 4  # each shape composed with two sets of stand-ins
    assert fetch_rows("default", titles_below("default", notices.path)) == [("通知公告",)]


def test_a_value_the_orm_would_change_is_refused_not_kept_wrong():
    @kept_statement(values=1)
    def starting_with(database, path):
        return Page.objects.using(database).filter(path__startswith=path).values_list("title")

    with pytest.raises(ValueError, match="changed with its values"):
        starting_with("default", "0001")

    @kept_statement(values=1)
    def deeper_than(database, depth):  # a number out of the field's range is dropped by Django
        return Page.objects.using(database).filter(depth__gt=depth).values_list("title")

    assert fetch_rows("default", deeper_than("default", 1)) == [(home_page().title,)]
    with pytest.raises(TypeError, match="an id or a text"):
        titles_below("default", True)


def test_ancestor_paths_are_the_paths_wagtail_reads_for_a_pages_ancestors():
    home = home_page()
    notices = column(title="通知公告", slug="notices")
    below = notices.add_child(instance=type(notices)(title="公示", slug="public"))
    assert ancestor_paths(below) == tuple(below.get_ancestors().values_list("path", flat=True))
    inclusive = below.get_ancestors(inclusive=True).values_list("path", flat=True)
    assert ancestor_paths(below, inclusive=True) == tuple(inclusive)
    assert ancestor_paths(Page.objects.get(depth=1)) == ()
    assert ancestor_paths(home) == (Page.objects.get(depth=1).path,)


def test_rows_read_hold_the_values_the_orm_gives():
    """A date, a time and a boolean as the ORM reads them (SQLite stores them as text and 0/1:
    the database's and the fields' converters are applied)."""

    @kept_statement(values=1)
    def page_values(database, pk):
        return (
            Page.objects.using(database)
            .filter(pk=pk)
            .values_list("live", "first_published_at", "last_published_at", "locked")
        )

    home = home_page()
    home.save_revision().publish()
    expected = list(
        Page.objects.filter(pk=home.pk).values_list(
            "live", "first_published_at", "last_published_at", "locked"
        )
    )
    rows = fetch_rows("default", page_values("default", home.pk))
    assert rows == expected
    assert [type(value) for value in rows[0]] == [type(value) for value in expected[0]]
    assert rows[0][0] is True and rows[0][3] is False


def test_ids_are_padded_to_a_power_of_two_with_the_last_id():
    assert padded([]) == ()
    assert padded([7]) == (7,)
    assert padded([3, 1, 2]) == (3, 1, 2, 2)
    assert padded(range(5)) == (0, 1, 2, 3, 4, 4, 4, 4)
    assert len(padded(range(129))) == 256
