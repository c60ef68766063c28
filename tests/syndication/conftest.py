import pytest
from django.core.cache import cache

from disclosure.syndication.models import ApiKey, Partner
from tests.factories import column, department, organisation


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def site_columns(db):
    organisation()
    office = department("办公室")
    law_dept = department("政策法规科")
    notices = column(title="通知公告", slug="notices", departments=[office])
    sub = column(parent=notices, title="抽检公告", slug="sampling", departments=[law_dept])
    news = column(title="工作动态", slug="news", departments=[office])
    return {"notices": notices, "sub": sub, "news": news, "office": office, "law": law_dept}


@pytest.fixture
def partner(db):
    return Partner.objects.create(name="省集约化平台", rate_limit=1000)


@pytest.fixture
def api_key(partner):
    _key, raw = ApiKey.issue(partner, label="测试")
    return raw


@pytest.fixture
def partner_client(client, api_key):
    client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {api_key}"
    return client
