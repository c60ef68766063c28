"""网站检查指标 (国办秘函〔2019〕19号): columns against their update class, blank columns, the home
page, late items (条例 第26条), and each single-veto indicator warning before it trips."""

import datetime as dt

import pytest
from django.utils import timezone

from disclosure.assessment import indicators
from disclosure.columns.models import UpdateClass
from disclosure.ledger.models import NewMediaAccount
from disclosure.participation import rules as message_rules
from disclosure.participation.models import PublicMessage
from disclosure.publishing.models import ArticlePage
from tests.factories import article, column, department, organisation

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def item(col, days_ago, **fields):
    page = article(col, **fields)
    moment = timezone.now() - dt.timedelta(days=days_ago)
    ArticlePage.objects.filter(pk=page.pk).update(first_published_at=moment, published_at=moment)
    return page


@pytest.fixture
def site(db):
    organisation()
    news = UpdateClass.objects.create(name="测试动态类", max_interval_days=14)
    notices = UpdateClass.objects.create(name="测试公告类", max_interval_days=183)
    irregular = UpdateClass.objects.create(name="测试不定期")
    cols = {
        "news_late": column(title="工作动态", slug="gzdt", update_class=news),
        "news_due": column(title="图片新闻", slug="tpxw", update_class=news),
        "news_ok": column(title="要闻", slug="yw", update_class=news),
        "notice_late": column(title="通知公告", slug="tzgg", update_class=notices),
        "empty_irregular": column(title="机构职能", slug="jgzn", update_class=irregular),
        "empty_news": column(title="专题专栏", slug="ztzl", update_class=news),
    }
    item(cols["news_late"], 20)
    item(cols["news_due"], 11)  # 11 of 14 days: due
    item(cols["news_ok"], 3)
    item(cols["notice_late"], 200)
    return {"cols": cols, "news": news}


def states_by_title():
    return {s.column.title: s for s in indicators.column_states(TODAY)}


def test_each_column_against_its_update_class(site):
    states = states_by_title()
    assert (states["工作动态"].status, states["工作动态"].days, states["工作动态"].days_over) == (
        "overdue",
        20,
        6,
    )
    assert states["图片新闻"].status == "due" and states["要闻"].status == "ok"
    assert states["通知公告"].status == "overdue" and states["通知公告"].days == 200
    assert states["机构职能"].status == "irregular" and states["机构职能"].blank
    assert states["专题专栏"].status == "overdue" and states["专题专栏"].last_update is None
    assert not states["要闻"].blank
    assert list(states)[0] == "通知公告"  # the most overdue first


def vetoes():
    vetoes, _states, _late, _home = indicators.readiness(TODAY)
    return {v.code: v for v in vetoes}


def test_single_veto_indicators_warn_before_they_trip(site):
    found = vetoes()
    assert (found["home"].count, found["home"].status) == (3, "passed")
    assert (found["news_notice"].count, found["news_notice"].status) == (3, "warning")
    assert (found["long"].count, found["long"].status) == (3, "passed")
    assert (found["blank"].count, found["blank"].status) == (2, "warning")
    assert (found["messages"].count, found["messages"].status) == (0, "passed")
    assert found["reachability"].status == "unknown"


def test_five_columns_not_updated_trip_the_indicator(site):
    for n in range(2):
        item(column(title=f"动态{n}", slug=f"dt{n}", update_class=site["news"]), 30)
    found = vetoes()
    assert (found["news_notice"].count, found["news_notice"].status) == (5, "tripped")


def test_the_home_page_not_updated_for_two_weeks_trips(site):
    ArticlePage.objects.update(first_published_at=timezone.now() - dt.timedelta(days=15))
    assert vetoes()["home"].status == "tripped"
    ArticlePage.objects.update(first_published_at=timezone.now() - dt.timedelta(days=10))
    assert vetoes()["home"].status == "warning"


def test_items_published_late_under_article_26(site):
    late = item(site["cols"]["news_ok"], 0, written_on=TODAY - dt.timedelta(days=60))
    found = indicators.late_items(TODAY)
    assert [page.pk for page, _t in found] == [late.pk]
    assert found[0][1].days_late > 0


def test_a_new_media_account_not_updated_for_two_weeks_trips(site):
    owner = department("办公室")
    account = NewMediaAccount.objects.create(
        platform="wechat", name="示范市场监管", owner_department=owner, last_updated_on=TODAY
    )
    assert vetoes()["new_media"].status == "passed"
    NewMediaAccount.objects.filter(pk=account.pk).update(
        last_updated_on=TODAY - dt.timedelta(days=12)
    )
    assert vetoes()["new_media"].status == "warning"
    NewMediaAccount.objects.filter(pk=account.pk).update(
        last_updated_on=TODAY - dt.timedelta(days=15)
    )
    found = vetoes()["new_media"]
    assert (found.status, found.count, found.note) == ("tripped", 1, "示范市场监管")


def test_a_message_unanswered_for_three_months_trips_and_two_months_warns(site, monkeypatch):
    def posted(days_ago, subject):
        moment = timezone.now() - dt.timedelta(days=days_ago)
        monkeypatch.setattr(message_rules, "now", lambda: moment)
        return PublicMessage.submit(
            subject=subject, body="留言内容十个字以上。", name="甲", phone="1"
        )

    posted(70, "两个多月未办理的留言")
    assert (vetoes()["messages"].count, vetoes()["messages"].status) == (0, "warning")
    assert "两个多月未办理的留言" in vetoes()["messages"].note
    posted(100, "三个多月未办理的留言")
    found = vetoes()["messages"]
    assert (found.count, found.status) == (1, "tripped") and "三个多月" in found.note
