"""Statements composed once per shape (disclosure/publishing/statements.py): the same rows as
the queryset they are composed from, composed again only for another key."""

import pytest
from wagtail.models import Page

from disclosure.publishing.statements import fetch_rows, kept_statement, stand_in, tree_key
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
