"""Highlighted excerpts of search results."""

import pytest

from search import service, snippets
from tests.factories import article, column, organisation

pytestmark = pytest.mark.django_db


class Page:
    def __init__(self, **fields):
        self.__dict__.update(fields)


def test_the_passage_around_the_first_word_is_marked():
    page = Page(summary="", body="<p>" + "前言。" * 30 + "市场主体应当依法登记。</p>")
    html = snippets.snippet(page, snippets.terms(["市场主体登记"]))
    assert html.startswith("…")
    assert "<mark>市场主体</mark>" in html
    assert "<mark>登记</mark>" in html


def test_text_is_escaped():
    page = Page(summary="", body="<p>价格 &lt;script&gt; 欺诈</p>")
    html = snippets.snippet(page, snippets.terms(["价格欺诈"]))
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


def test_no_body_no_snippet():
    assert snippets.snippet(Page(summary="", body=""), ["市场"]) == ""


def test_traditional_input_marks_simplified_text():
    assert any("市场" in term for term in snippets.terms(["市場監管"]))


def test_api_results_carry_the_snippet(client):
    organisation()
    notices = column(title="通知公告", slug="notices")
    article(notices, title="关于开展双随机抽查的通知", body="<p>本局将开展双随机抽查工作。</p>")
    data = client.get("/api/search/", {"q": "双随机抽查"}).json()
    assert "<mark>" in data["results"][0]["snippet"]
    page = client.get("/search/", {"q": "双随机抽查"})
    assert "<mark>" in page.content.decode()


def test_service_sets_the_snippet():
    organisation()
    notices = column(title="通知公告", slug="notices")
    article(notices, title="食品抽检结果公告", body="<p>本次食品抽检合格率 98%。</p>")
    outcome = service.search("食品抽检")
    assert "<mark>" in outcome.results[0].search_snippet


def test_snippets_show_no_markdown_or_comments():
    # Issue #12 item 10: 「## 第一章 总 则」 and 「<!-- FORCE BREAK -->」 were shown as text.
    page = Page(summary="", body="## 第一章 总 则\n\n<!-- FORCE BREAK -->\n\n第一条 市场主体登记。")
    html = str(snippets.snippet(page, snippets.terms(["市场主体"])))
    assert "#" not in html
    assert "FORCE BREAK" not in html
    assert html.startswith("第一章 总 则 第一条 <mark>市场主体</mark>")


def test_single_characters_are_not_highlighted_on_their_own():
    # A variant without a word of two characters is highlighted whole, never 安 or 法 alone.
    words = snippets.terms(["食安法", "食品安全法"])
    assert all(len(word) > 1 for word in words)
    page = Page(summary="", body="为了保障粮食安全，制定本法。食品安全法另有规定的，从其规定。")
    html = str(snippets.snippet(page, words))
    assert "<mark>安</mark>" not in html and "<mark>法</mark>" not in html
    assert "<mark>食品</mark>" in html


def test_a_long_body_gives_the_excerpt_of_its_whole_text():
    # Only the lines around the first word are converted (a law runs to 100,000 characters);
    # the excerpt is the one the whole text gives, with the ellipses where text was left out.
    body = "\n\n".join(
        ["## 第一章 总则"]
        + [f"第{i}条 <!-- FORCE BREAK --> 经营者应当遵守本条例的规定。" for i in range(200)]
        + ["第二百条 食品生产经营者对其生产经营<b>食品</b>的安全负责。"]
        + [f"第{i}条 附则的规定。" for i in range(200, 260)]
    )
    page = Page(summary="", body=body)
    words = snippets.terms(["食品 生产"])
    html = str(snippets.snippet(page, words))
    assert html.startswith("…") and html.endswith("…")
    assert "<mark>食品</mark><mark>生产</mark>经营者" in html
    text = snippets.source_text(page)
    start = text.find("食品") - snippets.BEFORE
    expected = text[start : start + snippets.LENGTH]
    assert html.replace("<mark>", "").replace("</mark>", "").strip("…") == expected
