"""BASE_URL decides every absolute URL (issue #12 item 8, issue #13 item 3): the Wagtail Site is
kept in step with it, and the API's attachment URLs are absolute."""

import io

import pytest
from django.core.management import call_command
from wagtail.models import Site

from disclosure.organisation.site import absolute_url, site_domain, sync_default_site
from tests.factories import article, column, organisation

pytestmark = pytest.mark.django_db

BASE = "https://scjg.example.gov.cn"


def test_the_site_follows_base_url(settings):
    settings.WAGTAILADMIN_BASE_URL = BASE
    out = io.StringIO()
    call_command("sync_site", stdout=out)
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port, site.root_url) == ("scjg.example.gov.cn", 443, BASE)
    assert BASE in out.getvalue()
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8000"
    assert sync_default_site().root_url == "http://127.0.0.1:8000"
    assert site_domain() == "127.0.0.1:8000"


def test_every_public_url_names_the_base_host(client, settings):
    # The issue: url, <meta name="Url">, RSS links and html_url said http://localhost/.
    settings.WAGTAILADMIN_BASE_URL = BASE
    settings.WAGTAILAPI_BASE_URL = BASE
    sync_default_site()
    organisation()
    notices = column(title="通知公告", slug="notices")
    page = article(notices, title="网址测试")
    items = client.get("/api/items/").json()["results"]
    assert items[0]["url"].startswith(BASE + "/")
    assert f'content="{BASE}/' in client.get(page.url).content.decode()
    assert f"<link>{BASE}/" in client.get(f"/api/columns/{notices.pk}/rss/").content.decode()
    v2 = client.get(f"/api/v2/pages/{page.pk}/").json()
    assert v2["meta"]["html_url"].startswith(BASE + "/")
    assert absolute_url("/documents/1/a.pdf") == BASE + "/documents/1/a.pdf"
