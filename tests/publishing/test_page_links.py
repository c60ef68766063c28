"""A page's URL as the portal links it (disclosure/publishing/links.py): what Wagtail's
``page.get_url(request)`` answers, on one site and on several."""

import pytest
from django.template import engines
from django.test import RequestFactory
from wagtail.models import Page, Site

from disclosure.publishing.links import page_url, served_path
from tests.factories import article, column, home_page, organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    organisation()
    notices = column(title="通知公告", slug="notices")
    inner = column(parent=notices, title="工作动态", slug="动态")  # a Unicode slug
    return [
        home_page(),
        notices,
        inner,
        article(notices, title="关于开展检查的通知", slug="n1"),
        article(inner, title="工作动态一", slug="d1"),
    ]


def _request(hostname="localhost", port=80):
    return RequestFactory().get("/", HTTP_HOST=hostname, SERVER_PORT=str(port))


def _every_page():
    return [page.specific for page in Page.objects.filter(depth__gt=1)]


def test_every_url_is_wagtails_on_one_site(tree):
    request = _request()
    for page in _every_page():
        assert page_url(page, request) == page.get_url(request), page.url_path
        assert page_url(page) == page.get_url(), page.url_path
    assert page_url(tree[2], request).startswith("/notices/%E5%8A%A8%E6%80%81/")
    assert page_url(Page.get_first_root_node(), request) is None  # under no site


def test_every_url_is_wagtails_on_several_sites(tree):
    # A second site rooted at a column: the pages below it are under both sites.
    Site.objects.create(hostname="notices.example", port=8080, root_page=tree[1])
    for request in (_request(), _request("notices.example", 8080), None):
        for page in _every_page():
            assert page_url(page, request) == page.get_url(request), (page.url_path, request)
    assert page_url(tree[3], _request("notices.example", 8080)) == "/n1/"
    assert page_url(tree[3], _request()) == "/notices/n1/"


def test_a_path_is_reversed_once_a_process(tree):
    request = _request()
    page_url(tree[3], request)
    hits = served_path.cache_info().hits
    assert page_url(tree[3], _request()) == "/notices/n1/"
    assert served_path.cache_info().hits == hits + 1


def test_the_tag_writes_the_url_pageurl_writes(tree):
    request = _request()
    template = engines["django"].from_string(
        "{% load wagtailcore_tags portal_links %}"
        "{% for page in pages %}{% pageurl page %}|{% portal_url page %};{% endfor %}"
    )
    html = template.render({"pages": tree, "request": request}, request)
    for pair in filter(None, html.split(";")):
        ours, wagtails = pair.split("|")[1], pair.split("|")[0]
        assert ours == wagtails
