"""Misused words judged in context and accidental repeats (错敏检测), from the editable list;
never blocking; edits of the list in the admin are kept in its history."""

import pytest

from disclosure.checks.models import WordingRule
from disclosure.checks.registry import publication_errors, run_checks
from disclosure.checks.sources import Source
from disclosure.checks.wording import WordingCheck
from disclosure.departments.roles import DISCLOSURE_OFFICE
from disclosure.normative.models import NormativeDocumentPage
from tests.factories import (
    article,
    client_for,
    column,
    department,
    organisation,
    superuser,
    user_with_role,
)

pytestmark = pytest.mark.django_db


def found(text):
    return WordingCheck().run([Source("body", "正文", text, maskable=True)])


def test_a_misused_word_has_position_context_severity_and_suggestion():
    text = "截止2025年底，全市共有经营主体12万户。"
    [finding] = found(text)
    assert (finding.start, finding.end, finding.text) == (0, 2, "截止")
    assert finding.suggestion == "截至"
    assert finding.severity == 2
    assert finding.extra["context"] == ("", "截止", "2025年底，全市共有经营主体…")
    assert not finding.blocking


@pytest.mark.parametrize(
    "wrong, word, right",
    [
        ("截止目前，已受理投诉321件。", "截止", "截至"),
        ("经营者必需遵守本办法。", "必需", "必须"),
        ("保障群众生活必须品供应。", "必须", "必需"),
        ("未及时处置，以至造成严重后果。", "以至", "以致"),
        ("各科室制定工作计划报办公室。", "制定", "制订"),
        ("当事人开立的帐户已被冻结。", "帐", "账"),
        ("其它单位参照执行。", "其它", "其他"),
        ("请各单位作好迎检准备。", "作好", "做"),
        ("依法做出行政处罚决定。", "做出", "作出"),
        ("按照省局布署开展专项整治。", "布署", "部署"),
        ("安照有关规定办理。", "安照", "按照"),
        ("各地要再接再励。", "再接再励", "再接再厉"),
    ],
)
def test_each_misused_word_is_flagged(wrong, word, right):
    findings = [f for f in found(wrong) if f.kind == "misused_word"]
    assert [(f.text, f.suggestion) for f in findings] == [(word, right)]


@pytest.mark.parametrize(
    "right",
    [
        "报名截止日期为2025年3月1日。",
        "截至2025年底，全市共有经营主体12万户。",
        "经营者必须遵守本办法，保障生活必需品供应。",
        "由国务院制定的条例，本局制订年度工作方案。",
        "请核对账户和台账，帐篷等物资另行登记。",
        "其他单位参照执行。",
        "请各单位做好迎检准备，依法作出行政处罚决定。",
        "按照省局部署开展专项整治。",
        "十次以至百次的抽检。",
        "做到职责、工作到位，考核工作实绩。",
    ],
)
def test_the_right_usage_is_not_flagged(right):
    assert found(right) == []


@pytest.mark.parametrize(
    "text, repeated, suggestion",
    [
        ("对的的当事人予以处罚。", "的的", "的"),
        ("我局予以公公开。", "公公", "公"),
        ("我局对当事人进行进行调查。", "进行进行", "进行"),
    ],
)
def test_accidental_repeats_are_flagged(text, repeated, suggestion):
    [finding] = found(text)
    assert finding.kind == "repeated"
    assert (finding.text, finding.suggestion) == (repeated, suggestion)
    assert text[finding.start : finding.end] == repeated


def test_legitimate_reduplication_and_words_that_meet_are_not_flagged():
    text = (
        "常常检查，人人参与，看看效果，渐渐好转，天天巡查，年年评估；"
        "发展人民民主，公开开展抽检，示范市市场监督管理局局长讲话，清清楚楚。"
    )
    assert found(text) == []


def test_wording_findings_do_not_block_publication_but_are_listed():
    organisation()
    col = column(title="通知公告", slug="tongzhi", departments=[department("办公室")])
    page = article(col, publish=False, body="<p>截止目前，已受理投诉321件。</p>")
    assert publication_errors(page) == {}
    assert [f.suggestion for f in run_checks(page) if f.check == "wording"] == ["截至"]


def test_default_list_has_rules_written_for_the_project():
    assert WordingRule.objects.filter(enabled=True).count() >= 25


def test_an_edit_of_the_list_in_the_admin_is_in_its_history_and_applies_at_once():
    organisation()
    office = user_with_role("office_lists", DISCLOSURE_OFFICE)
    client = client_for(office)
    response = client.post(
        "/admin/checks/wording-rules/new/",
        {"wrong": "抽捡", "right": "抽检", "explanation": "", "severity": "2", "enabled": "on"},
    )
    assert response.status_code == 302
    rule = WordingRule.objects.get(wrong="抽捡")
    assert [f.suggestion for f in found("开展食品抽捡。")] == ["抽检"]

    response = client.post(
        f"/admin/checks/wording-rules/edit/{rule.pk}/",
        {"wrong": "抽捡", "right": "抽检", "explanation": "", "severity": "1"},
    )
    assert response.status_code == 302
    history = list(rule.history.order_by("history_id"))
    assert [h.history_type for h in history] == ["+", "~"]
    assert all(h.history_user == office for h in history)
    assert found("开展食品抽捡。") == []  # disabled

    inspect = client.get(f"/admin/checks/wording-rules/inspect/{rule.pk}/")
    assert "变更历史" in inspect.content.decode()


def test_a_broken_pattern_is_refused_in_the_form():
    organisation()
    client = client_for(user_with_role("office_lists", DISCLOSURE_OFFICE))
    response = client.post(
        "/admin/checks/wording-rules/new/",
        {"wrong": "截止(", "right": "截至", "severity": "1", "enabled": "on"},
    )
    assert response.status_code == 200
    assert "正则表达式有误" in response.content.decode()
    assert not WordingRule.objects.filter(wrong="截止(").exists()


def test_the_findings_page_shows_severity_context_and_suggestion():
    organisation()
    col = column(title="通知公告", slug="tongzhi", departments=[department("办公室")])
    page = article(col, publish=False, body="<p>截止目前，已受理投诉321件。</p>")
    html = client_for(superuser()).get(f"/admin/checks/page/{page.pk}/").content.decode()
    assert "错敏检测" in html
    assert "<mark>截止</mark>目前，已受理投诉321件。" in html
    assert "截至" in html and "警告" in html


def test_html_paragraphs_do_not_join_into_a_repeat():
    assert found("<p>这是第一段的</p><p>的确如此。</p>") == []
    [finding] = found("<p>依法对<b>的</b>的当事人处罚。</p>")
    assert finding.text == "的的"


def test_the_content_checks_leave_reference_laws_of_other_bodies_alone():
    """The 错敏 checks judge what the bureau writes; a law of another body held as reference
    (``issued_here`` false) is its text as published, not the bureau's wording — but personal
    data is still checked on it."""
    text = "截止目前，联系电话13812345678。"
    law = NormativeDocumentPage(title="某法", body=text, issued_here=False)
    own = NormativeDocumentPage(title="某办法", body=text, issued_here=True)
    assert {f.check for f in run_checks(law)} == {"personal_data"}
    assert {"wording", "personal_data"} <= {f.check for f in run_checks(own)}
