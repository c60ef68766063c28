"""Routing from the site root by ``url_path`` (disclosure.publishing.routing): the same page as
Wagtail's tree walk, in two queries; the walk whenever the shortcut could answer differently."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, Site
from wagtail.models.sites import get_site_for_hostname

from disclosure.columns.models import ColumnPage
from disclosure.enforcement.models import PenaltyListPage
from disclosure.opendata.models import DatasetPage
from disclosure.publishing.models import ArticlePage
from disclosure.publishing.routing import find_by_url_path, find_site, routes_like_a_page
from home.models import HomePage
from tests.factories import article, column, home_page, organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def deep():
    organisation()
    top = column(title="机构信息", slug="jgxx")
    middle = column(parent=top, title="机构概况", slug="jggk")
    return top, middle, article(middle, title="局领导分工", slug="a002")


def test_a_deep_page_is_found_in_two_queries(deep, django_assert_num_queries):
    *_, page = deep
    home = home_page()
    for model in (ColumnPage, ArticlePage):
        ContentType.objects.get_for_model(model)  # the content types are cached per process
    with django_assert_num_queries(2) as queries:
        found = find_by_url_path(home, ["jgxx", "jggk", "a002"])
    # By the indexed slug (Wagtail does not index url_path: a scan of every page otherwise).
    assert '"slug" IN' in queries.captured_queries[0]["sql"]
    assert isinstance(found, ArticlePage) and found.pk == page.pk
    walked = Page.route(home, None, ["jgxx", "jggk", "a002"])
    assert walked.page.pk == found.pk and type(walked.page) is type(found)


def test_the_portal_serves_what_the_walk_serves(client, deep):
    top, middle, page = deep
    assert client.get("/jgxx/jggk/a002/").content.decode().count("局领导分工") >= 1
    assert client.get("/jgxx/jggk/").status_code == 200
    assert client.get("/jgxx/jggk/nothing/").status_code == 404
    assert client.get("/jgxx/jggk/a002/beyond/").status_code == 404  # longer than the tree
    # As Wagtail: a draft page answers 404, a draft section does not hide a live page in it.
    page.unpublish()
    assert client.get("/jgxx/jggk/a002/").status_code == 404
    live = article(middle, title="仍然公开的信息", slug="a003")
    middle.unpublish()
    assert client.get(f"/jgxx/jggk/{live.slug}/").status_code == 200


def test_a_stale_url_path_never_serves_another_page(client, deep):
    top, middle, page = deep
    other = column(title="另一栏目", slug="other")
    # A url_path that does not match the tree (as a broken import could leave it).
    Page.objects.filter(pk=other.pk).update(
        slug="jggk", url_path=f"{home_page().url_path}jgxx/jggk/"
    )
    assert find_by_url_path(home_page(), ["jgxx", "jggk", "a002"]) is None
    response = client.get("/jgxx/jggk/a002/")
    assert response.status_code == 200 and "局领导分工" in response.content.decode()


def test_pages_that_route_by_themselves_are_walked():
    assert routes_like_a_page(ColumnPage) and routes_like_a_page(ArticlePage)
    assert not routes_like_a_page(DatasetPage)  # its sub-routes come before its children
    assert not routes_like_a_page(PenaltyListPage)
    assert not routes_like_a_page(None)  # a content type whose model is gone


def _wagtails_site(hostname, port):
    try:
        return get_site_for_hostname(hostname, port)
    except Site.DoesNotExist:
        return None


def _request(hostname, port):
    return RequestFactory().get("/", HTTP_HOST=hostname, SERVER_PORT=str(port))


@pytest.mark.parametrize(
    "sites, requests",
    [
        # The default site alone answers every host.
        ([("localhost", 80, True)], [("localhost", 80), ("other.example", 8000)]),
        # An exact hostname and port first; then the hostname's default; then the default.
        (
            [("localhost", 80, True), ("scjg.example", 80, False), ("scjg.example", 8080, False)],
            [("scjg.example", 8080), ("scjg.example", 80), ("scjg.example", 9000)],
        ),
        # The default with another hostname, exactly one site of the hostname: that site.
        ([("localhost", 80, True), ("gk.example", 8080, False)], [("gk.example", 80)]),
        # No default and the hostname on two other ports: no site, as Wagtail.
        (
            [("a.example", 8000, False), ("a.example", 8001, False)],
            [("a.example", 80), ("b.example", 80)],
        ),
    ],
)
def test_the_site_found_is_the_one_wagtail_finds(sites, requests):
    home = home_page()
    Site.objects.all().delete()
    for hostname, port, is_default in sites:
        Site.objects.create(
            hostname=hostname, port=port, is_default_site=is_default, root_page=home
        )
    for hostname, port in requests:
        found, expected = find_site(_request(hostname, port)), _wagtails_site(hostname, port)
        assert (found and found.pk) == (expected and expected.pk), (hostname, port)


def test_the_site_comes_with_its_root_page_as_its_specific_page(django_assert_num_queries):
    ContentType.objects.get_for_model(HomePage)  # the content types are cached per process
    find_site(_request("localhost", 80))  # composed once a process
    with django_assert_num_queries(2):
        site = find_site(_request("localhost", 80))
    assert site == Site.objects.get(is_default_site=True)
    assert type(site.root_page) is HomePage and site.root_page.pk == home_page().pk
    assert site.root_page.localized.specific is site.root_page  # nothing more to read


def test_a_portal_page_is_served_with_the_site_found_by_the_kept_statement(client, deep):
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/jgxx/jggk/a002/").status_code == 200
    site_queries = [q["sql"] for q in queries.captured_queries if '"wagtailcore_site"' in q["sql"]]
    assert len(site_queries) == 1 and '"root_page__content_type"' in site_queries[0]
