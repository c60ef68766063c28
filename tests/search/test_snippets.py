"""Highlighted excerpts of search results."""

from datetime import date
from types import SimpleNamespace
from urllib.parse import quote

import pytest

from disclosure.normative.models import NormativeDocumentPage
from disclosure.publishing import markdown_body
from search import service, snippets
from tests.factories import article, column, normative_document, organisation, publish

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


LAW_BODY = """## 第一章 总则

第一条 为了保证食品安全，制定本法。

## 第九章 法律责任

第一百四十七条 违反本法规定，造成人身、财产或者其他损害的，依法承担赔偿责任。

第一百四十八条 消费者因不符合食品安全标准的食品受到损害的，可以向经营者要求赔偿损失。

生产不符合食品安全标准的食品或者经营明知是不符合食品安全标准的食品，消费者除要求赔偿损失外，还可以向生产者或者经营者要求支付价款十倍的赔偿金。
"""


def test_the_answering_article_holds_most_of_the_question():
    page = Page(title="中华人民共和国食品安全法", summary="", body=LAW_BODY)
    words = snippets.terms(["买到过期食品能要求十倍赔偿吗"])
    found = snippets.answering_article(page, words)
    assert found.number == "第一百四十八条"
    assert found.headings == ("第九章 法律责任",)
    html = str(snippets.snippet(page, words, found))
    assert "<mark>十倍</mark>" in html or "<mark>十倍赔偿</mark>" in html
    assert "第一条" not in html  # the excerpt is the article's, not the text's beginning


def test_no_article_when_the_title_answers_or_there_are_no_articles():
    law = Page(title="中华人民共和国食品安全法", summary="", body=LAW_BODY)
    assert snippets.answering_article(law, snippets.terms(["食品安全法"])) is None
    notice = Page(title="抽检结果公告", summary="", body="本次食品抽检合格率 98%，要求十倍赔偿。")
    assert snippets.answering_article(notice, snippets.terms(["十倍赔偿"])) is None


def law(laws, title, slug, body):
    """A law saved in the column ``laws``, not yet live."""
    return normative_document(laws, title, slug, body, on=date(2021, 4, 29))


def food_safety_law():
    """The law of ``LAW_BODY`` saved under /laws/, not yet live."""
    organisation()
    laws = column(title="法律法规", slug="laws")
    return law(laws, "中华人民共和国食品安全法", "food-safety-law", LAW_BODY)


def test_results_link_to_the_answering_article(client):
    publish(food_safety_law())
    data = client.get("/api/search/", {"q": "十倍赔偿金"}).json()
    result = data["results"][0]
    assert result["article"]["number"] == "第一百四十八条"
    assert result["article"]["headings"] == ["第九章 法律责任"]
    assert result["article"]["url"].endswith("/laws/food-safety-law/#" + quote("第一百四十八条"))
    assert "赔偿" in result["snippet"] and "第一条" not in result["snippet"]
    html = client.get("/search/", {"q": "十倍赔偿金"}).content.decode()
    assert f'href="/laws/food-safety-law/#{quote("第一百四十八条")}"' in html
    assert "第九章 法律责任 · 第一百四十八条" in html
    # The page holds the anchor the link points to.
    assert 'id="第一百四十八条"' in client.get("/laws/food-safety-law/").content.decode()
    # A title query is answered by the document itself: no article.
    data = client.get("/api/search/", {"q": "食品安全法"}).json()
    assert data["results"][0]["article"] is None


def test_a_word_every_article_says_tells_the_articles_apart_less():
    body = "\n\n".join(
        [
            "第一条 食品生产经营者应当保证食品安全，食品不得过期。",
            "第二条 食品经营者应当公布电话，接受投诉。",
            "第三条 食品检验机构应当依法检验食品。",
        ]
    )
    page = Page(title="食品经营管理办法", summary="", body=body)
    assert snippets.answering_article(page, ["食品", "投诉"]).number == "第二条"


def test_a_law_stores_where_its_articles_lie_when_saved():
    stored = NormativeDocumentPage.objects.get(pk=food_safety_law().pk)
    assert list(markdown_body.ArticleIndex.read(stored.article_index).numbers) == [
        "第一条",
        "第一百四十七条",
        "第一百四十八条",
    ]
    words = snippets.terms(["十倍赔偿金"])
    assert snippets.answering_article(stored, words) == snippets.answering_article(
        Page(title=stored.title, body=stored.body), words
    )
    stored.body = "第一条 只有一条。"
    stored.save()
    assert markdown_body.ArticleIndex.read(stored.article_index).numbers == ("第一条",)


# --- a question matched against the articles of the best candidates (issue #21 item 4) ---


def test_a_question_has_words_a_name_has_one():
    assert snippets.question_words(["广告法"]) == []
    (words,) = snippets.question_words(["食品过期了怎么投诉"])
    assert "怎么" not in words and {"过期", "投诉"} <= set(words)


def articles(*bodies):
    """{1, 2, …: the articles of each body} of the bodies that have articles."""
    read = {
        n: snippets.remember_passages((n, None), body, None) for n, body in enumerate(bodies, 1)
    }
    return {n: passages for n, passages in read.items() if passages is not None}


def test_the_answer_share_is_the_part_of_the_question_one_article_holds():
    one_article = "第一条 总则。\n\n第二条 食品过期的，消费者可以要求十倍赔偿。"
    scattered = "第一条 食品过期的处理。\n\n第二条 赔偿的范围。\n\n第三条 十倍的计算。"
    no_articles = "食品过期的，消费者可以要求十倍赔偿。"
    words = snippets.question_words(["过期食品十倍赔偿"])
    shares = snippets.answer_shares(articles(one_article, scattered, no_articles), words)
    assert shares[1] == pytest.approx(1.0)
    assert 0 < shares[2] <= 0.5  # 食品 and 过期 of four words in its best article
    assert 3 not in shares  # nothing to match against: no article


def test_a_word_every_candidate_says_weighs_little_in_the_share():
    # 食品 is in every candidate: the article holding the rarer 十倍 answers more of the question.
    first = "第一条 食品过期的处理。\n\n第二条 其他。"
    second = "第一条 食品十倍赔偿。\n\n第二条 其他。"
    third = "第一条 食品安全。"
    words = snippets.question_words(["食品十倍"])
    shares = snippets.answer_shares(articles(first, second, third), words)
    assert shares[2] > 0.9 > 0.2 > shares[1] == shares[3]


def test_a_question_ranks_the_law_whose_one_article_answers_it_first(monkeypatch):
    organisation()
    laws = column(title="法律法规", slug="laws")
    # Every word of the question in both; more often in the first, but never in one article.
    scattered_body = "\n\n".join(
        ["第一条 食品过期的处理，食品过期的登记，食品过期的公告。"]
        + [f"第{n}条 赔偿的范围，赔偿的程序。" for n in "二三四"]
        + ["第五条 十倍的计算，十倍的上限。"]
    )
    answering_body = (
        "第一条 为了规范经营，制定本条例。\n\n第二条 销售过期食品的，消费者可以要求十倍赔偿。"
    )
    scattered = publish(law(laws, "甲管理条例", "a", scattered_body))
    answering = publish(law(laws, "乙管理条例", "b", answering_body))
    query = "过期食品十倍赔偿"
    monkeypatch.setattr(service, "ANSWER_WEIGHT", 0)
    assert [r.pk for r in service.search(query).results] == [scattered.pk, answering.pk]
    monkeypatch.undo()
    assert [r.pk for r in service.search(query).results] == [answering.pk, scattered.pk]


def test_a_law_is_read_into_articles_once_a_publication(django_assert_num_queries):
    law = publish(food_safety_law())
    candidate = SimpleNamespace(pk=law.pk, last_published_at=law.last_published_at)
    first = service.candidate_passages([candidate])
    assert first[law.pk].index.numbers[-1] == "第一百四十八条"
    with django_assert_num_queries(0):
        assert service.candidate_passages([candidate]) == first
    law.body = "第一条 只有一条。"
    republished = publish(law)
    candidate = SimpleNamespace(pk=law.pk, last_published_at=republished.last_published_at)
    assert service.candidate_passages([candidate])[law.pk].index.numbers == ("第一条",)


def test_a_result_read_as_a_candidate_is_not_read_into_articles_again():
    published = date(2026, 1, 1)
    page = Page(pk=-1, last_published_at=published, title="甲条例", summary="", body=LAW_BODY)
    stored = markdown_body.ArticleIndex.of(LAW_BODY).stored()  # as a law stores them
    read = snippets.remember_passages((page.pk, published), LAW_BODY, stored)
    assert snippets._passages(page, LAW_BODY) is read
    assert (
        snippets.answering_article(page, snippets.terms(["十倍赔偿金"])).number == "第一百四十八条"
    )
    assert not snippets.remembered_passages([(page.pk, date(2026, 2, 1))])  # published again
