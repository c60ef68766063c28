"""The Word renderer: the text where it belongs, 宋体 for East-Asian text, merged header cells
and repeated header rows, A4 with the margins of official documents."""

import io

import docx
from docx.oxml.ns import qn

from disclosure.printing.document import RIGHT, Cell, Document, Heading, Paragraph, Table
from disclosure.printing.docx import render


def sample():
    return Document(
        "政府信息公开工作年度报告",
        [
            Heading("三、收到和处理政府信息公开申请情况"),
            Paragraph("本年度共收到申请 12 件。\n其中网上申请 8 件。"),
            Table(
                [
                    [Cell("本列数据的勾稽关系", rowspan=2), Cell("申请人情况", colspan=3)],
                    ["自然人", "商业企业", "其他"],
                    ["一、本年新收政府信息公开申请数量", "10", "1", "1"],
                ],
                widths=[3, 1, 1, 1],
                header_rows=2,
            ),
            Paragraph("某某市市场监督管理局", align=RIGHT, indent=False),
        ],
        subtitle="2026年度",
    )


def opened(data):
    return docx.Document(io.BytesIO(data))


def test_the_text_and_the_merged_header_cells():
    document = opened(render(sample()))
    body = "\n".join(p.text for p in document.paragraphs)
    assert "政府信息公开工作年度报告" in body and "本年度共收到申请 12 件。" in body
    assert document.paragraphs[-1].alignment == 2  # WD_ALIGN_PARAGRAPH.RIGHT
    (table,) = document.tables
    assert table.cell(0, 1).text == "申请人情况" and table.cell(0, 1).grid_span == 3
    assert table.cell(0, 3).text == "申请人情况"  # one merged cell across the columns
    assert table.cell(1, 0).text == "本列数据的勾稽关系"  # and one down the rows
    assert [c.text for c in table.rows[1].cells[1:]] == ["自然人", "商业企业", "其他"]
    assert table.cell(2, 0).text == "一、本年新收政府信息公开申请数量"
    rows = document.element.body.find(qn("w:tbl")).findall(qn("w:tr"))
    headers = [row.find(qn("w:trPr")) for row in rows]
    assert [h is not None and h.find(qn("w:tblHeader")) is not None for h in headers] == [
        True,
        True,
        False,
    ]


def test_east_asian_text_is_set_in_songti_on_a4():
    document = opened(render(sample()))
    run = document.paragraphs[0].runs[0]
    fonts = run.element.find(qn("w:rPr")).find(qn("w:rFonts"))
    assert fonts.get(qn("w:eastAsia")) == "宋体" and run.font.name == "SimSun"
    section = document.sections[0]
    sizes = [section.page_width, section.page_height, section.top_margin, section.left_margin]
    assert [round(size.mm) for size in sizes] == [210, 297, 37, 28]


def test_a_heading_keeps_with_the_table_below_it():
    out = docx.Document(
        io.BytesIO(render(Document("年度报告", [Heading("四、行政复议"), Table([["0"]])])))
    )
    heading = next(p for p in out.paragraphs if p.text == "四、行政复议")
    assert heading.paragraph_format.keep_with_next
