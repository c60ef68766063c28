"""Entries a citizen expects (issue #16 item 4): the home page's quick links lead to live pages
(a missing one is left out, never broken), the site map lists the public column tree, the
机构信息 page is built from the organisation, leader and department records, the footer carries
the records numbers and the 党政机关 mark, and an emergency notice shows on every page until
its end, leaving a history."""

import datetime as dt

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from disclosure.annual_report.models import AnnualReportPage
from disclosure.departments.models import DepartmentKind
from disclosure.organisation.models import EmergencyNotice, Leader
from home.entries import quick_links
from home.models import DisclosureGuidePage, InstitutionPage
from tests.factories import column, department, home_page, organisation, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def site():
    org = organisation(
        name="某某市市场监督管理局",
        icp_number="黔ICP备12345678号",
        police_record_number="黔公网安备52020002000001号",
        party_government_mark_url="https://bszs.conac.cn/sitename?method=show&id=TEST",
        functions="贯彻执行市场监督管理法律法规。\n负责市场主体统一登记注册。",
    )
    guide = DisclosureGuidePage(title="政府信息公开指南", slug="guide")
    home_page().add_child(instance=guide)
    guide.save_revision().publish()
    rules = column(title="政府信息公开制度", slug="zd")
    reports = column(title="政府信息公开年报", slug="nb")
    return {"org": org, "rules": rules, "reports": reports}


def test_the_quick_links_lead_to_live_pages_and_leave_out_missing_ones(client, site):
    html = client.get("/").content.decode()
    for label, url in [
        ("政府信息公开指南", "/guide/"),
        ("政府信息公开制度", "/zd/"),
        ("依申请公开", "/yisqgk/apply/"),
        ("政民互动", "/hudong/"),
    ]:
        assert f'<a href="{url}">{label}</a>' in html, label
    # No annual report published yet, no catalogue page: not offered rather than broken.
    assert (
        ">政府信息公开年报</a></li>" not in html.split('class="quick-links"')[1].split("</ul>")[0]
    )
    report = AnnualReportPage(title="2025年政府信息公开工作年度报告", slug="2025", year=2025)
    site["reports"].add_child(instance=report)
    publish(report)
    assert '<a href="/nb/">政府信息公开年报</a>' in client.get("/").content.decode()


def test_the_quick_links_are_read_in_one_query_beside_the_restrictions(
    site, django_assert_num_queries
):
    report = AnnualReportPage(title="2025年政府信息公开工作年度报告", slug="2025", year=2025)
    site["reports"].add_child(instance=report)
    publish(report)
    home = home_page()
    quick_links(home, DisclosureGuidePage)  # content types cached, as on a running site
    with django_assert_num_queries(2):  # the view restrictions' paths, then every candidate
        links = {link.label: link.url for link in quick_links(home, DisclosureGuidePage)}
    assert links["政府信息公开年报"] == "/nb/" and links["政府信息公开制度"] == "/zd/"


def test_the_site_map_lists_the_public_column_tree(client, site):
    below = column(parent=site["rules"], title="保密审查制度", slug="bmsc")
    hidden = column(title="内部栏目", slug="nb2")
    PageViewRestriction.objects.create(page=hidden, restriction_type="login")
    response = client.get("/wzdt/")
    html = response.content.decode().split('<div class="site-map">')[1]
    assert response.status_code == 200 and "网站地图" in html
    assert '<a href="/zd/">政府信息公开制度</a><ul><li><a href="/zd/bmsc/">保密审查制度</a>' in html
    assert below.title in html and "内部栏目" not in html
    assert '<a href="/wzdt/">网站地图</a>' in client.get("/").content.decode()


def test_the_institution_page_is_built_from_the_records(client, site):
    Leader.objects.create(name="张三", post="局长", duties="主持全面工作。", sort_order=1)
    Leader.objects.create(name="李四", post="副局长", duties="分管登记注册。", sort_order=2)
    Leader.objects.create(name="王五", post="原副局长", is_active=False)
    department("登记注册科", functions="负责市场主体登记注册。", phone="0858-1234567")
    department("各起草科室", kind=DepartmentKind.PLACEHOLDER)
    page = InstitutionPage(title="机构信息", slug="jgxx")
    home_page().add_child(instance=page)
    page.save_revision().publish()
    html = client.get("/jgxx/").content.decode()
    for text in (
        "机构职能",
        "负责市场主体统一登记注册",
        "张三",
        "主持全面工作",
        "李四",
        "登记注册科",
    ):
        assert text in html, text
    assert "负责市场主体登记注册" in html and "0858-1234567" in html
    assert "王五" not in html and "各起草科室" not in html
    assert html.index("张三") < html.index("李四")


def test_the_footer_carries_the_records_numbers_and_the_party_government_mark(client, site):
    html = client.get("/").content.decode()
    assert "黔ICP备12345678号" in html and "黔公网安备52020002000001号" in html
    assert 'href="https://bszs.conac.cn/sitename?method=show&amp;id=TEST"' in html
    assert "党政机关网站标识" in html


def test_an_emergency_notice_shows_until_its_end_and_keeps_a_history(
    client, site, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_SECONDS = 300
    assert client.get("/zd/")["X-Cache"] == "miss"
    assert client.get("/zd/")["X-Cache"] == "hit"
    ends = timezone.now() + dt.timedelta(hours=2)
    with django_capture_on_commit_callbacks(execute=True):
        notice = EmergencyNotice.objects.create(
            text="今日因暴雨政务服务大厅暂停对外服务", ends_at=ends
        )
    response = client.get("/zd/")  # raising it renews the cache: seen at once
    html = response.content.decode()
    assert response["X-Cache"] == "miss" and "今日因暴雨政务服务大厅暂停对外服务" in html
    # A page kept by the cache carries the end, and the browser hides it once passed.
    assert f'data-ends-at="{timezone.localtime(ends).isoformat()}"' in html
    EmergencyNotice.objects.filter(pk=notice.pk).update(ends_at=timezone.now())
    client.get("/guide/")
    assert "暴雨" not in client.get("/guide/?fresh=1").content.decode()
    notice.refresh_from_db()
    notice.is_active = False
    notice.save()
    assert [h.is_active for h in notice.history.all()] == [False, True]
