"""The PDF renderer: a Chinese TrueType font embedded (FontFile2), the text extractable, and a
clear Chinese refusal — never a PDF of empty boxes — without a usable font."""

import io

import pypdf
import pytest

from disclosure.printing import pdf
from disclosure.printing.document import Cell, Document, Heading, Paragraph, Table
from tests.printing.fonts import needs_cjk_font

pytestmark = needs_cjk_font


def sample(text="本机关于2026年9月18日收到您的申请。"):
    return Document(
        "政府信息公开申请答复告知书",
        [
            Paragraph(text),
            Table([[Cell("申请人情况", colspan=2)], ["自然人", "法人或其他组织"]], header_rows=1),
        ],
    )


def fonts(reader):
    found = []
    for page in reader.pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is not None:
                found.append((font["/BaseFont"], descriptor.get_object()))
    return found


def test_the_chinese_font_is_embedded_and_the_text_extracts():
    reader = pypdf.PdfReader(io.BytesIO(pdf.render(sample())))
    described = fonts(reader)
    assert described  # the Chinese font (reportlab's standard fonts have no descriptor)
    assert all("/FontFile2" in descriptor for _name, descriptor in described)  # all embedded
    text = reader.pages[0].extract_text()
    for words in (
        "政府信息公开申请答复告知书",
        "2026年9月18日收到您的申请",
        "申请人情况",
        "法人或其他组织",
    ):
        assert words in text.replace("\n", "")
    assert reader.pages[0].mediabox.width == pytest.approx(595.27, abs=0.1)  # A4


def test_without_a_chinese_font_it_says_what_to_install(settings, tmp_path):
    settings.PDF_CJK_FONT = str(tmp_path / "missing.ttc")
    with pytest.raises(pdf.PrintingUnavailable, match="未找到中文字体.*fonts-wqy-microhei"):
        pdf.render(sample())


def test_a_character_the_font_lacks_is_refused_not_printed_as_a_box():
    with pytest.raises(pdf.PrintingUnavailable, match="无法生成 PDF：𓀀"):
        pdf.render(sample("埃及象形文字 𓀀"))


def test_a_heading_is_never_left_alone_at_the_foot_of_a_page():
    filler = [Paragraph("本年度工作情况说明。" * 6) for _ in range(21)]
    table = Table([["行政复议", "行政诉讼"], ["0", "0"]], header_rows=1)
    document = Document("年度报告", [*filler, Heading("四、行政复议、行政诉讼情况"), table])
    reader = pypdf.PdfReader(io.BytesIO(pdf.render(document)))
    pages = [page.extract_text().replace("\n", "") for page in reader.pages]
    heading_page = next(i for i, text in enumerate(pages) if "四、行政复议" in text)
    assert "行政诉讼" in pages[heading_page].split("四、行政复议、行政诉讼情况", 1)[1]
