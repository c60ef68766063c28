"""django-treebeard's private API as :mod:`disclosure.upstream.treebeard` uses it: the paths it
computes are the ones ``add_child`` gives."""

import pytest
from wagtail.models import Page

from disclosure.publishing.models import ArticlePage
from disclosure.upstream.treebeard import next_child_path, next_sibling_path, set_known_parent
from tests.factories import column

pytestmark = pytest.mark.django_db


def add_article(parent, slug):
    page = ArticlePage(title=slug, slug=slug, live=False)
    parent.add_child(instance=page)
    return page


def test_first_child_path_is_add_childs():
    parent = column(title="空栏目")
    expected = next_child_path(Page, parent)
    assert add_article(parent, "first").path == expected


def test_next_child_path_after_children_of_any_type_is_add_childs():
    parent = column(title="栏目")
    add_article(parent, "a")
    column(parent=parent, title="子栏目")  # another page type: seen through the base model
    expected = next_child_path(Page, Page.objects.get(pk=parent.pk))
    assert add_article(Page.objects.get(pk=parent.pk), "b").path == expected


def test_next_sibling_path_is_the_path_add_child_gives_next():
    parent = column(title="栏目")
    first = add_article(parent, "a")
    expected = next_sibling_path(first)
    assert add_article(Page.objects.get(pk=parent.pk), "b").path == expected
    assert len(expected) == len(first.path)


def test_known_parent_is_answered_without_a_query(django_assert_num_queries):
    parent = column(title="栏目")
    page = ArticlePage(title="新", slug="new", path=next_child_path(Page, parent))
    page.depth = parent.depth + 1
    set_known_parent(page, parent)
    with django_assert_num_queries(0):
        assert page.get_parent() is parent
