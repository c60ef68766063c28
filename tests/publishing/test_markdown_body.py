"""The law body format (Markdown headings, comments of the source): issue #12 item 10."""

import json

from disclosure.publishing import markdown_body

BODY = "\u200b ## 第一章 总 则\n\n第一条 为了……\n\n<!-- FORCE BREAK -->\n\n第二条 本法所称……\n"


def test_comments_and_invisible_characters_are_no_part_of_the_text():
    assert markdown_body.blocks(BODY) == [
        (2, "第一章 总 则"),
        (0, "第一条 为了……"),
        (0, "第二条 本法所称……"),
    ]
    assert "FORCE BREAK" not in markdown_body.to_plain(BODY)


def test_html_is_escaped_headings_below_the_page_title():
    html = markdown_body.to_html(BODY + "第三条 <script>alert(1)</script>")
    assert html.startswith("<h3>第一章 总 则</h3>")
    assert "FORCE BREAK" not in html
    assert "&lt;script&gt;" in html


LAW = """## 第一章 总则

第一条 为了保护消费者的合法权益，制定本法。

第二条 经营者应当依法经营。

本法所称经营者，是指从事商品经营的自然人、法人。

## 第二章 经营者的义务

### 第一节 一般规定

第十条之一 经营者不得虚假宣传。

第十一条\u3000食品经营者应当查验供货者的许可证。

## 附则

一、本法自公布之日起施行。

第二条 （修正前的条文，重复的条号不另设锚点）
"""


def test_an_article_starts_at_its_number_and_holds_its_paragraphs():
    found = markdown_body.articles(LAW)
    assert [a.number for a in found] == ["第一条", "第二条", "第十条之一", "第十一条"]
    second = found[1]
    assert second.headings == ("第一章 总则",)
    assert (
        second.text
        == "第二条 经营者应当依法经营。\n本法所称经营者，是指从事商品经营的自然人、法人。"
    )
    assert found[2].headings == ("第二章 经营者的义务", "第一节 一般规定")
    assert found[3].text.startswith("第十一条\u3000食品经营者")


def test_a_heading_or_a_repeated_number_ends_an_article():
    last = markdown_body.articles(LAW)[-1]
    assert (
        "本法自公布之日起施行" not in last.text
    )  # 附则 text after a heading belongs to no article
    assert "修正前" not in "".join(a.text for a in markdown_body.articles(LAW))


def test_a_line_that_only_mentions_an_article_is_not_one():
    assert markdown_body.article_number("第十条规定的情形") is None
    assert markdown_body.article_number("依照第十条 处罚") is None
    assert markdown_body.article_number("第一百二十三条 罚款") == "第一百二十三条"
    assert markdown_body.article_number("第十条") == "第十条"


def test_each_article_has_an_anchor_on_the_page():
    html = markdown_body.to_html(LAW)
    assert '<p id="第一条">第一条 为了' in html
    assert '<p id="第十条之一">' in html
    assert '<p id="第十一条">' in html
    assert html.count('id="第二条"') == 1  # the repeated number: no second anchor
    assert "<p>本法所称经营者" in html  # a paragraph (款) of an article has none


def test_the_stored_article_index_reads_back_as_the_articles_lie():
    spans = markdown_body.article_spans(LAW)
    stored = json.loads(json.dumps(markdown_body.ArticleIndex.of(LAW).stored()))  # as saved
    index = markdown_body.ArticleIndex.read(stored)
    assert [index.span(n) for n in range(len(index))] == spans
    assert index.headings == (("第一章 总则",), ("第二章 经营者的义务", "第一节 一般规定"))
    cleaned = markdown_body.clean(LAW)
    assert [markdown_body.article_at(cleaned, index.span(n)) for n in range(len(index))] == (
        markdown_body.articles(LAW)
    )


def test_article_places_stored_one_list_an_article_are_still_read():
    # The form a law page stored before (an older revision): the same index.
    before = json.loads(json.dumps(markdown_body.article_spans(LAW)))
    assert markdown_body.ArticleIndex.read(before) == markdown_body.ArticleIndex.of(LAW)
    assert not markdown_body.ArticleIndex.read([])
    assert not markdown_body.ArticleIndex.read({})
    assert not markdown_body.ArticleIndex.read(None)
