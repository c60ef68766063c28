"""Search filters and facets: one aggregation per facet over the matched set."""

import datetime
import json

import pytest
from wagtail.models import Page

from disclosure.normative.models import NormativeDocumentPage
from search import filters as search_filters
from search import service
from search.filters import SearchFilters
from tests.factories import article, column, organisation, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def site():
    organisation()
    notices = column(title="通知公告", slug="notices")
    laws = column(title="法律法规库", slug="laws")
    old = NormativeDocumentPage(
        title="示范市市场监管条例",
        slug="old",
        live=False,
        legal_category="地方性法规",
        written_on=datetime.date(2015, 1, 1),
        validity="amended",
    )
    laws.add_child(instance=old)
    publish(old)
    new = NormativeDocumentPage(
        title="示范市市场监管条例",
        slug="new",
        live=False,
        legal_category="地方性法规",
        written_on=datetime.date(2022, 1, 1),
        supersedes=old,
    )
    laws.add_child(instance=new)
    publish(new)
    notice = article(notices, title="市场监管工作通知", written_on=datetime.date(2024, 3, 1))
    return {"old": old, "new": new, "notice": notice, "notices": notices}


def test_facets_count_the_whole_match(site):
    outcome = service.search("市场监管")
    assert outcome.count == 3
    assert outcome.facets["type"] == {
        "normative.normativedocumentpage": 2,
        "publishing.articlepage": 1,
    }
    assert outcome.facets["validity"] == {"amended": 1, "in_force": 2}
    assert outcome.facets["year"] == {"2024": 1, "2022": 1, "2015": 1}
    assert outcome.facets["category"] == {"地方性法规": 2, "通知公告": 1}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"type": "publishing.articlepage"}, {"notice"}),
        ({"validity": "in_force"}, {"new", "notice"}),
        ({"year": "2015"}, {"old"}),
        ({"category": "地方性法规"}, {"old", "new"}),
        ({"category": "通知公告"}, {"notice"}),
    ],
)
def test_filters(site, params, expected):
    outcome = service.search("市场监管", filters=SearchFilters.parse(params))
    assert {p.pk for p in outcome.results} == {site[name].pk for name in expected}
    assert outcome.count == len(expected)


def test_column_filter(site):
    outcome = service.search(
        "市场监管", filters=SearchFilters.parse({"column": str(site["notices"].pk)})
    )
    assert [p.pk for p in outcome.results] == [site["notice"].pk]


def test_current_version_ranks_above_the_old_one(site):
    results = service.search("示范市市场监管条例").results
    assert results[0].pk == site["new"].pk


@pytest.mark.parametrize(
    "params",
    [{"type": "auth.user"}, {"validity": "valid"}, {"year": "20x4"}, {"column": "999999"}],
)
def test_bad_filters_are_a_400(client, site, params):
    response = client.get("/api/search/", {"q": "市场监管", **params})
    assert response.status_code == 400
    assert json.loads(response.content)["error"]["code"] == "bad_filter"


def test_department_filter(site):
    from disclosure.departments.models import Department

    department = Department.objects.create(name="综合科")
    notices = site["notices"]
    notices.departments.add(department)
    notices.save_revision().publish()
    outcome = service.search(
        "市场监管", filters=SearchFilters.parse({"department": str(department.pk)})
    )
    assert [p.pk for p in outcome.results] == [site["notice"].pk]
    assert outcome.count == 1


def test_unknown_department_is_a_bad_filter(site):
    with pytest.raises(service.SearchQueryError) as error:
        SearchFilters.parse({"department": "999999"})
    assert error.value.code == "bad_filter"
    assert "科室不存在" in error.value.messages[0]


@pytest.mark.parametrize("name", ["column", "department", "year"])
def test_zero_is_a_bad_filter(name):
    with pytest.raises(service.SearchQueryError) as error:
        SearchFilters.parse({name: "0"})
    assert error.value.code == "bad_filter"


def test_the_search_api_answers_other_methods_with_405(client):
    response = client.generic("TRACE", "/api/search/?q=市场")
    assert response.status_code == 405
    assert response.json()["error"]["code"] == "method_not_allowed"
    assert client.post("/api/search/suggest/?q=市场").status_code == 405


def test_the_api_refuses_an_empty_filter(client):
    response = client.get("/api/search/", {"q": "市场", "type": "", "year": ""})
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "bad_filter"
    assert "type" in error["message"] and "year" in error["message"]


@pytest.fixture
def title_only(site):
    """A page the title channel finds (条例 in its title) that does not match every word."""
    return article(site["notices"], title="行政处罚条例汇编", written_on=datetime.date(2023, 5, 1))


def facet_values_of(outcome):
    return [
        (name, value, n) for name, values in outcome.facets.items() for value, n in values.items()
    ]


@pytest.mark.parametrize("query", ["市场监管条例", "市场监管", "条例"])
def test_a_facet_count_is_the_count_after_clicking_it(site, title_only, query):
    # Issue #12 item 5: counts of the titles found by the title channel were left out.
    outcome = service.search(query)
    assert sum(outcome.facets["type"].values()) == outcome.count
    for name, value, n in facet_values_of(outcome):
        filtered = service.search(query, filters=SearchFilters.parse({name: str(value)}))
        assert filtered.count == n, (name, value)


def test_every_type_the_facets_offer_is_a_valid_filter(site):
    # Issue #12 item 6: a gazette issue is found, so its type is a facet and a filter.
    from disclosure.gazette.models import GazetteIssuePage

    issue = GazetteIssuePage(title="市场监管公报2026年第1期", slug="g1", year=2026, number=1)
    site["notices"].add_child(instance=issue)
    publish(issue)
    outcome = service.search("市场监管")
    assert "gazette.gazetteissuepage" in outcome.facets["type"]
    for value, n in outcome.facets["type"].items():
        assert service.search("市场监管", filters=SearchFilters.parse({"type": value})).count == n


def test_a_bad_type_is_explained_with_the_types_names(site):
    with pytest.raises(service.SearchQueryError) as error:
        SearchFilters.parse({"type": "auth.user"})
    assert "规范性文件" in error.value.messages[0]
    assert "normative.normativedocumentpage" not in error.value.messages[0]


def test_sort_by_written_date_newest_first_undated_last(site):
    outcome = service.search("市场监管", sort="written")
    assert [p.pk for p in outcome.results] == [site[n].pk for n in ("notice", "new", "old")]


def test_a_law_inside_a_column_counts_in_one_category_and_is_filtered_so(site):
    # A law published under a top-level column (规范性文件 under 政策文件) counts under its law
    # category only, so filtering by the column's category must not find it (the browser test
    # found 政策文件 "6" giving 8 results on the demo data).
    law = NormativeDocumentPage(
        title="市场监管规范性文件",
        slug="in-notices",
        live=False,
        legal_category="规范性文件",
        written_on=datetime.date(2023, 1, 1),
    )
    site["notices"].add_child(instance=law)
    publish(law)
    outcome = service.search("市场监管")
    assert outcome.facets["category"] == {"地方性法规": 2, "通知公告": 1, "规范性文件": 1}
    for name, value, n in facet_values_of(outcome):
        filtered = service.search("市场监管", filters=SearchFilters.parse({name: str(value)}))
        assert filtered.count == n, (name, value)


def test_the_type_facet_names_its_types_without_a_statement(site, django_assert_num_queries):
    """search.filters: the type facet read its content types at every search (a statement
    each time, twice in a relaxed search); Django keeps them per process."""
    service.search("市场")
    keys = {1: (NormativeDocumentPage().content_type.pk, 2015, "amended", True, "地方性法规", "")}
    with django_assert_num_queries(0):
        facets = search_filters.facets_from_keys([(1, 2)], keys)
    assert facets["type"] == {"normative.normativedocumentpage": 2}
    assert (
        search_filters.facets_from_keys([(1, 2)], {1: (987654, None, "", False, None, "")})["type"]
        == {}
    )


def test_the_column_categories_are_named_by_one_kept_statement(site, django_assert_num_queries):
    """search.filters: an item's category is its top-level column, named by the column's title;
    the titles are one statement, composed once for up to a power of two of columns (the ORM
    built it again at each search, twice in a relaxed one)."""
    notices, laws = site["notices"], Page.objects.get(slug="laws")
    keys = {
        1: (NormativeDocumentPage().content_type.pk, 2023, "", False, "", notices.path),
        2: (NormativeDocumentPage().content_type.pk, 2023, "", False, "", laws.path),
        3: (NormativeDocumentPage().content_type.pk, 2023, "", False, "", "0001ZZZZ"),
    }
    search_filters._column_titles_statement.cache_clear()
    for counts in ([(1, 2), (2, 1), (3, 1)], [(2, 4), (1, 1)]):
        with django_assert_num_queries(1):
            facets = search_filters.facets_from_keys(counts, keys)
        expected = {"通知公告": dict(counts)[1], "法律法规库": dict(counts)[2]}
        assert facets["category"] == expected
    assert search_filters._column_titles_statement.cache_info().misses == 2  # 4 and 2 paths
    with django_assert_num_queries(0):
        assert search_filters.facets_from_keys([], keys)["category"] == {}
