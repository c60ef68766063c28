"""Lists of items read as narrow rows (disclosure/publishing/listing.py): a column and the home
page show each item's line without reading its body, in the same number of queries however
many items a page lists."""

import datetime as dt

import pytest
from django.core.paginator import Paginator
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Page

from disclosure.consultations.models import ConsultationPage
from disclosure.publishing.listing import ItemListing, narrow_items, narrow_rows, narrow_statement
from disclosure.publishing.models import ArticlePage
from tests.factories import article, column, organisation, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def notices():
    organisation()
    return column(title="通知公告", slug="notices")


def _items(col, count, start=0):
    base = timezone.now() - dt.timedelta(days=30)
    pages = []
    for number in range(start, start + count):
        page = article(col, title=f"通知{number}", body=f"<p>{'正文' * 500}</p>")
        Page.objects.filter(pk=page.pk).update(first_published_at=base + dt.timedelta(days=number))
        pages.append(page)
    return pages


def _consultation(col):
    page = ConsultationPage(
        title="征求意见稿",
        slug="draft",
        body="<p>草案</p>",
        opens_on=timezone.localdate(),
        closes_on=timezone.localdate() + dt.timedelta(days=30),
        live=False,
    )
    col.add_child(instance=page)
    return publish(page)


def test_items_come_in_the_queryset_order_each_of_its_own_type_without_its_body(notices):
    articles = _items(notices, 3)
    consultation = _consultation(notices)
    ordered = Page.objects.filter(pk__in=[p.pk for p in [*articles, consultation]]).order_by(
        "-first_published_at", "-pk"
    )
    items = narrow_items(ordered)
    assert [item.pk for item in items] == list(ordered.values_list("pk", flat=True))
    assert {type(item) for item in items} == {ArticlePage, ConsultationPage}
    for item in items:
        assert "body" in item.get_deferred_fields()
        assert "title" not in item.get_deferred_fields()
    shown = next(item for item in items if isinstance(item, ConsultationPage))
    assert shown.listing_status()["status"] == "open"
    # A field left out is still there when asked for (one query of its own).
    assert "正文" in next(item for item in items if isinstance(item, ArticlePage)).body


def test_the_kept_statements_read_the_rows_the_orm_reads(notices):
    pages = [*_items(notices, 3), _consultation(notices)]
    ordered = Page.objects.filter(pk__in=[p.pk for p in pages]).order_by("-pk")
    narrow_statement.cache_clear()
    for _ in range(2):
        items = narrow_items(ordered)
        assert [item.pk for item in items] == [p.pk for p in reversed(pages)]
        for item in items:
            expected = narrow_rows(type(item), [item.pk]).get()
            assert item.get_deferred_fields() == expected.get_deferred_fields()
            loaded = [f.attname for f in item._meta.concrete_fields]
            loaded = [name for name in loaded if name not in expected.get_deferred_fields()]
            assert [getattr(item, name) for name in loaded] == [
                getattr(expected, name) for name in loaded
            ]
            assert item._state.db == expected._state.db and not item._state.adding
    # Composed once a type and a number of ids (three articles, one consultation), then kept.
    assert narrow_statement.cache_info().misses == 2
    assert narrow_statement.cache_info().hits == 2


def test_an_item_listing_pages_through_the_items(notices):
    _items(notices, 5)
    listing = ItemListing(notices.items())
    paginator = Paginator(listing, 2)
    assert paginator.count == 5 and paginator.num_pages == 3
    assert [item.title for item in paginator.page(1)] == ["通知4", "通知3"]
    assert [item.title for item in paginator.page(3)] == ["通知0"]
    assert listing[1].title == "通知3"
    with pytest.raises(IndexError):
        listing[5]


def test_a_column_page_costs_the_same_queries_for_3_items_as_for_12(client, notices):
    _items(notices, 3)
    client.get("/notices/")  # the first request fills Wagtail's caches (site root paths, …)
    with CaptureQueriesContext(connection) as three:
        response = client.get("/notices/")
    assert "通知2" in response.content.decode()
    _items(notices, 9, start=3)
    with CaptureQueriesContext(connection) as twelve:
        response = client.get("/notices/")
    assert "通知11" in response.content.decode()
    assert len(twelve) == len(three)


def test_the_home_page_lists_the_latest_items_with_their_status(client, notices):
    _items(notices, 2)
    _consultation(notices)
    html = client.get("/").content.decode()
    assert "通知1" in html and "征求意见稿" in html
    assert "征求意见中" in html
