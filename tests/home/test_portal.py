"""The public portal: home, columns, items, meta tags, the disclosure guide and search."""

import datetime as dt
import html as html_lib
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageViewRestriction

from disclosure.columns.meta import meta_column
from disclosure.columns.models import ITEMS_PER_PAGE
from home.models import DisclosureGuidePage
from tests.factories import article, column, home_page, organisation

pytestmark = pytest.mark.django_db

ORGANISATION = {
    "name": "某某市市场监督管理局",
    "site_name": "某某市市场监督管理局政府信息公开",
    "site_domain": "scjgj.example.gov.cn",
    "site_id_code": "5202000001",
    "office_name": "局办公室",
    "address": "某某市钟山区人民路1号",
    "postcode": "553000",
    "office_hours": "工作日 9:00-12:00，14:30-17:30",
    "phone": "0858-8221234",
    "fax": "0858-8225678",
    "email": "gk@example.gov.cn",
}


def meta(html, name):
    """The content of ``<meta name="name">``, or None."""
    match = re.search(rf'<meta name="{name}" content="([^"]*)">', html)
    return html_lib.unescape(match.group(1)) if match else None


@pytest.fixture
def org():
    return organisation(**ORGANISATION)


@pytest.fixture
def notices(org):
    return column(
        title="通知公告",
        slug="notices",
        description="本局发布的通知公告",
        keywords="通知,公告",
        column_type="信息公开",
    )


def test_home_page_lists_columns(client, notices):
    other = column(title="政策文件", slug="policies")
    item = article(notices, title="关于开展食品安全抽检的通告")
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'href="{notices.url}"' in html and "通知公告" in html
    assert f'href="{other.url}"' in html and "政策文件" in html
    assert "关于开展食品安全抽检的通告" in html
    assert item.url in html
    assert meta(html, "SiteName") == ORGANISATION["site_name"]
    assert meta(html, "ColumnName") is None
    assert meta(html, "ArticleTitle") is None


def test_home_page_hides_unpublished_columns(client, notices):
    column(title="草稿栏目", slug="draft-column", publish_page=False)
    html = client.get("/").content.decode()
    assert "草稿栏目" not in html


def test_column_page_lists_items_newest_first(client, notices):
    first = article(notices, title="第一条信息", document_number="黔市监函〔2024〕1号")
    second = article(notices, title="第二条信息")
    article(notices, title="未发布的信息", publish=False)
    response = client.get(notices.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "本局发布的通知公告" in html
    assert "黔市监函〔2024〕1号" in html
    assert html.index("第二条信息") < html.index("第一条信息")
    assert "未发布的信息" not in html
    assert first.url in html and second.url in html


def test_column_page_paginates(client, notices):
    for n in range(ITEMS_PER_PAGE + 5):
        article(notices, title=f"信息{n:02d}", slug=f"item-{n:02d}")
    html = client.get(notices.url).content.decode()
    assert "第 1 / 2 页，共 25 条" in html
    assert "?page=2" in html
    listed = re.findall(r">信息(\d\d)</a>", html)
    assert listed == [f"{n:02d}" for n in range(24, 4, -1)]  # the oldest five are on page 2

    response = client.get(notices.url, {"page": 2})
    assert response.status_code == 200
    html = response.content.decode()
    assert "第 2 / 2 页，共 25 条" in html
    assert re.findall(r">信息(\d\d)</a>", html) == ["04", "03", "02", "01", "00"]
    assert "?page=1" in html


def test_empty_column(client, notices):
    html = client.get(notices.url).content.decode()
    assert "本栏目暂无信息。" in html


def _assert_site_and_notices_column_tags(html):
    assert meta(html, "SiteName") == ORGANISATION["site_name"]
    assert meta(html, "SiteDomain") == ORGANISATION["site_domain"]
    assert meta(html, "SiteIDCode") == ORGANISATION["site_id_code"]
    assert meta(html, "ColumnName") == "通知公告"
    assert meta(html, "ColumnDescription") == "本局发布的通知公告"
    assert meta(html, "ColumnKeywords") == "通知,公告"
    assert meta(html, "ColumnType") == "信息公开"


def test_column_meta_tags(client, notices):
    html = client.get(notices.url).content.decode()
    _assert_site_and_notices_column_tags(html)
    assert meta(html, "ArticleTitle") is None


def test_column_meta_tags_fall_back_to_the_title(client, org):
    plain = column(title="工作动态", slug="news")
    html = client.get(plain.url).content.decode()
    for name in ("ColumnName", "ColumnDescription", "ColumnKeywords", "ColumnType"):
        assert meta(html, name) == "工作动态"


def test_the_column_of_a_live_column_or_the_home_page_needs_no_query(
    notices, django_assert_num_queries
):
    home = home_page()
    item = article(notices, title="关于开展食品安全抽检的通告")
    draft = column(parent=notices, title="草稿栏目", slug="draft", publish_page=False)
    with django_assert_num_queries(0):
        assert meta_column(notices) == notices
        assert meta_column(home) is None
    with django_assert_num_queries(1):
        assert meta_column(item) == notices
    # A column not yet live (its preview) shows the live column above it.
    assert meta_column(draft) == notices


def test_article_page_metadata_and_meta_tags(client, notices):
    published_at = timezone.make_aware(dt.datetime(2024, 3, 5, 9, 7))
    item = article(
        notices,
        title="关于2024年第一批食品抽检结果的通告",
        body="<p>抽检结果如下。</p>",
        publisher="食品安全抽检监测科",
        document_number="黔市监通〔2024〕12号",
        written_on=dt.date(2024, 3, 1),
        published_at=published_at,
        keywords="抽检,食品",
        summary="公布第一批抽检结果",
    )
    response = client.get(item.url)
    assert response.status_code == 200
    html = response.content.decode()
    for label in ("索引号", "发布机构", "文号", "成文日期", "发布日期", "主题分类", "公开方式"):
        assert f'<th scope="row">{label}</th>' in html
    assert item.index_number in html
    assert "食品安全抽检监测科" in html
    assert "黔市监通〔2024〕12号" in html
    assert "2024-03-01" in html
    assert "2024-03-05 09:07" in html
    assert "主动公开" in html
    assert "抽检结果如下。" in html

    _assert_site_and_notices_column_tags(html)
    assert meta(html, "ArticleTitle") == "关于2024年第一批食品抽检结果的通告"
    assert meta(html, "PubDate") == "2024-03-05 09:07"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", meta(html, "PubDate"))
    assert meta(html, "ContentSource") == "食品安全抽检监测科"
    assert meta(html, "Keywords") == "抽检,食品"
    assert meta(html, "Description") == "公布第一批抽检结果"


def test_pubdate_defaults_to_the_first_publish_in_local_time(client, notices):
    moment = dt.datetime(2024, 12, 31, 17, 30, tzinfo=dt.UTC)  # 2025-01-01 01:30 in Shanghai
    from unittest import mock

    with mock.patch("django.utils.timezone.now", return_value=moment):
        item = article(notices, title="元旦值班安排")
    html = client.get(item.url).content.decode()
    assert meta(html, "PubDate") == "2025-01-01 01:30"
    assert "2025-01-01 01:30" in html
    assert item.index_number.split("/")[1].startswith("2025-")


def test_article_in_a_subcolumn_uses_the_nearest_column(client, notices):
    sub = column(parent=notices, title="公示公告", slug="announcements", column_type="公示")
    item = article(sub, title="子栏目信息")
    html = client.get(item.url).content.decode()
    assert meta(html, "ColumnName") == "公示公告"
    assert meta(html, "ColumnType") == "公示"
    parent_html = client.get(notices.url).content.decode()
    assert "子栏目信息" in parent_html  # items of subcolumns are listed in the parent too
    assert f'href="{sub.url}"' in parent_html


def test_a_column_links_its_subcolumns_and_feature_pages_read_in_one_query(
    client, notices, django_assert_num_queries
):
    sub = column(parent=notices, title="公示公告", slug="announcements")
    column(parent=notices, title="草稿子栏目", slug="draft-sub", publish_page=False)
    guide = DisclosureGuidePage(title="政府信息公开指南", slug="guide")
    notices.add_child(instance=guide)
    guide.save_revision().publish()
    article(notices, title="通知一则")
    with django_assert_num_queries(1):
        subcolumns, features = notices.child_links()
    assert [p.title for p in subcolumns] == ["公示公告"]
    assert [p.title for p in features] == ["政府信息公开指南"]
    html = client.get(notices.url).content.decode()
    subcolumns_nav = html.split('<nav class="subcolumns"')[1].split("</nav>")[0]
    features_nav = html.split('<nav class="feature-pages"')[1].split("</nav>")[0]
    assert f'href="{sub.url}"' in subcolumns_nav and "草稿子栏目" not in html
    assert f'href="{guide.url}"' in features_nav and "通知一则" not in features_nav


def test_items_under_a_view_restriction_below_are_listed_neither_in_a_column_nor_at_home(
    client, notices
):
    """A view restriction hides a page from everything public (disclosure.publishing.visibility):
    its items' titles are not in the lists above it; whoever passed it sees its own list."""
    internal = column(parent=notices, title="内部栏目", slug="internal")
    PageViewRestriction.objects.create(
        page=internal, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    article(internal, title="内部工作安排")
    article(notices, title="公开的通知")
    for url in ("/", notices.url):
        html = client.get(url).content.decode()
        assert "公开的通知" in html and "内部工作安排" not in html, url
    restriction = internal.get_view_restrictions().get()
    response = client.post(
        reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, internal.pk]),
        {"password": "secret", "return_url": internal.url},
    )
    assert response.status_code == 302
    assert "内部工作安排" in client.get(internal.url).content.decode()


def test_unpublished_article_is_not_found(client, notices):
    draft = article(notices, title="草稿", slug="draft")
    draft.unpublish()
    assert client.get("/notices/draft/").status_code == 404
    never = article(notices, title="从未发布", slug="never", publish=False)
    assert client.get("/notices/never/").status_code == 404
    assert not never.live


def test_disclosure_guide_renders_the_organisation(client, org):
    guide = DisclosureGuidePage(title="政府信息公开指南", slug="guide", body="<p>指南正文</p>")
    home_page().add_child(instance=guide)
    guide.save_revision().publish()
    response = client.get("/guide/")
    assert response.status_code == 200
    html = response.content.decode()
    for name in ("name", "office_name", "address", "postcode", "phone", "fax", "email"):
        assert html_lib.escape(ORGANISATION[name]) in html, name
    assert ORGANISATION["office_hours"] in html
    for label in ("办公地址", "办公时间", "联系电话", "传真号码"):
        assert label in html
    assert "指南正文" in html


def test_search_page(client, notices):
    item = article(notices, title="食品安全抽检结果公告", document_number="黔市监通〔2024〕12号")
    article(notices, title="草稿不可搜", publish=False)
    assert client.get("/search/").status_code == 200
    for query in ["食品安全抽检结果公告", "黔市监通〔2024〕12号"]:
        response = client.get("/search/", {"q": query})
        assert response.status_code == 200
        html = response.content.decode()
        assert "站内搜索" in html
        assert f'href="{item.url}"' in html, query
    response = client.get("/search/", {"q": "草稿不可搜"})
    assert response.status_code == 200
    assert "没有找到与“草稿不可搜”相关的信息" in response.content.decode()
    assert client.get("/search/", {"q": "抽检", "page": "abc"}).status_code == 200


def test_search_finds_a_word_inside_a_chinese_title(client, notices):
    item = article(notices, title="食品安全抽检结果公告")
    html = client.get("/search/", {"q": "抽检"}).content.decode()
    assert f'href="{item.url}"' in html


def test_the_favicon_is_served(client):
    # Issue #12 item 14: /favicon.ico was a 404 on every page.
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert b"".join(response.streaming_content)[:4] == b"\x00\x00\x01\x00"


def test_the_home_pages_kept_statements_follow_the_site_as_it_changes(client, notices):
    """The navigation, the quick links and the latest items are read by statements composed once
    (disclosure.statements): a column published, hidden from the menu, or an item
    under a new view restriction shows on the very next request."""
    assert "政策文件" not in client.get("/").content.decode()
    policies = column(title="政策文件", slug="policies")
    article(policies, title="新的政策")
    html = client.get("/").content.decode()
    assert f'href="{policies.url}"' in html and "新的政策" in html
    policies.show_in_menus = False
    policies.save_revision().publish()
    html = client.get("/").content.decode()
    assert f'href="{policies.url}">政策文件' not in html and "新的政策" in html
    PageViewRestriction.objects.create(
        page=policies, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    assert "新的政策" not in client.get("/").content.decode()
