"""The law body format (Markdown headings, comments of the source): issue #12 item 10."""

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
