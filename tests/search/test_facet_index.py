"""The facet rows behind the direct path's counts, facets, filters and broad queries
(search/facet_index.py), on SQLite (search/fts.py) and on PostgreSQL (search/postgres_fts.py):
they must give exactly what the page tables give."""

import pytest
from wagtail.models import PageViewRestriction

from search import service
from search.filters import SearchFilters
from search.models import FacetEntry
from tests.search.engine_support import engine_configured
from tests.search.test_filters import site  # noqa: F401 - the fixture

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        engine_configured(), reason="the facet rows serve the database default's direct path"
    ),
]


def direct():
    """search.fts on SQLite, search.postgres_fts on PostgreSQL."""
    return service._direct_module()


@pytest.fixture(autouse=True)
def _direct_path_only():
    if not direct().available():
        pytest.skip("the facet rows serve the database default's direct path")


def _outcome(query, params=None, *, fast=True, monkeypatch=None):
    if not fast:
        monkeypatch.setattr(direct(), "facet_rows_current", lambda: False)
    try:
        return service.search(query, filters=SearchFilters.parse(params or {}))
    finally:
        if not fast:
            monkeypatch.undo()


def test_rows_are_written_when_pages_are_indexed(site):  # noqa: F811
    assert direct().facet_rows_current()
    live_pages = {site[name].pk for name in ("old", "new", "notice")}
    assert live_pages <= set(FacetEntry.objects.filter(live=True).values_list("page_id", flat=True))


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"type": "publishing.articlepage"},
        {"validity": "in_force"},
        {"year": "2015"},
        {"category": "地方性法规"},
        {"category": "通知公告"},
    ],
)
def test_fast_path_equals_the_page_tables(site, params, monkeypatch):  # noqa: F811
    fast = _outcome("市场监管", params)
    slow = _outcome("市场监管", params, fast=False, monkeypatch=monkeypatch)
    assert fast.count == slow.count
    assert fast.facets == slow.facets
    assert [p.pk for p in fast.results] == [p.pk for p in slow.results]


def test_top_level_column_filter_uses_the_rows(site):  # noqa: F811
    outcome = service.search(
        "市场监管", filters=SearchFilters.parse({"column": str(site["notices"].pk)})
    )
    assert [p.pk for p in outcome.results] == [site["notice"].pk]


def test_unpublish_and_delete_follow(site):  # noqa: F811
    site["notice"].unpublish()
    row = FacetEntry.objects.get(page_id=site["notice"].pk)
    assert row.live is False
    assert site["notice"].pk not in {p.pk for p in service.search("市场监管").results}
    assert service.search("市场监管").count == 2

    site["notice"].delete()
    assert not FacetEntry.objects.filter(page_id=site["notice"].pk).exists()
    assert direct().facet_rows_current()


def test_missing_rows_are_caught_up(site):  # noqa: F811
    FacetEntry.objects.all().delete()
    assert direct().facet_rows_current()
    assert service.search("市场监管").count == 3


def test_a_view_restriction_falls_back_to_the_page_tables(site):  # noqa: F811
    PageViewRestriction.objects.create(
        page=site["notices"], restriction_type=PageViewRestriction.LOGIN
    )
    assert not direct().facet_rows_current()
    outcome = service.search("市场监管")
    assert site["notice"].pk not in {p.pk for p in outcome.results}


def test_a_broad_match_ranks_titles_then_the_prior(site, monkeypatch):  # noqa: F811
    monkeypatch.setattr(direct(), "BROAD_MATCHES", 0)
    outcome = service.search("市场监管")
    assert outcome.count == 3
    pks = [p.pk for p in outcome.results]
    # The version in force above the amended one, as with BM25.
    assert pks.index(site["new"].pk) < pks.index(site["old"].pk)
