"""A :class:`~.document.Document` as a Word file (python-docx): A4 with the margins of official
documents, East-Asian text in 宋体 (``w:eastAsia``, which Word and WPS read for Chinese
characters), tables with borders and merged cells, header rows repeated on every page."""

import io

import docx
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from .document import CENTER, JUSTIFY, LEFT, MARGINS_MM, RIGHT, Heading, Table, grid

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
EAST_ASIAN_FONT = "宋体"
WESTERN_FONT = "SimSun"
TABLE_STYLE = "Table Grid"  # python-docx's default template: single borders on every cell

ALIGN = {
    LEFT: WD_ALIGN_PARAGRAPH.LEFT,
    CENTER: WD_ALIGN_PARAGRAPH.CENTER,
    RIGHT: WD_ALIGN_PARAGRAPH.RIGHT,
    JUSTIFY: WD_ALIGN_PARAGRAPH.JUSTIFY,
}


def _east_asian(element):
    """Name 宋体 for East-Asian text on a run's or a style's properties (``w:rFonts``)."""
    rpr = element.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        element.insert(0, rpr)
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    fonts.set(qn("w:eastAsia"), EAST_ASIAN_FONT)


def _run(paragraph, text, size, bold=False):
    run = paragraph.add_run(text)
    run.font.name = WESTERN_FONT
    run.font.size = Pt(size)
    run.bold = bold
    _east_asian(run.element)
    return run


def _paragraph(container, text, *, size, align=JUSTIFY, indent=False, bold=False):
    paragraph = container.add_paragraph()
    paragraph.alignment = ALIGN[align]
    if indent:
        paragraph.paragraph_format.first_line_indent = Pt(size * 2)
    lines = text.split("\n")
    for i, line in enumerate(lines):
        run = _run(paragraph, line, size, bold)
        if i < len(lines) - 1:
            run.add_break()
    return paragraph


def _table(document, table):
    columns, placed = grid(table)
    rows = 1 + max(r + cell.rowspan - 1 for r, _c, cell in placed)
    out = document.add_table(rows=rows, cols=columns)
    out.style = TABLE_STYLE
    if table.widths:
        total = sum(table.widths)
        usable = 210 - MARGINS_MM["left"] - MARGINS_MM["right"]
        for c, width in enumerate(table.widths):
            for cell in out.columns[c].cells:
                cell.width = Mm(usable * width / total)
    for r, c, cell in placed:
        target = out.cell(r, c)
        if cell.rowspan > 1 or cell.colspan > 1:
            target = target.merge(out.cell(r + cell.rowspan - 1, c + cell.colspan - 1))
        target.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        first = target.paragraphs[0]
        lines = cell.text.split("\n")
        first.alignment = ALIGN[cell.align]
        for i, line in enumerate(lines):
            run = _run(first, line, table.font_size, cell.bold or r < table.header_rows)
            if i < len(lines) - 1:
                run.add_break()
    for tr in _rows(document)[: table.header_rows]:
        header = OxmlElement("w:tblHeader")
        tr.get_or_add_trPr().append(header)


def _rows(document):
    """The ``w:tr`` elements of the last table of ``document`` (its header rows repeat)."""
    tables = document.element.body.findall(qn("w:tbl"))
    return tables[-1].findall(qn("w:tr"))


def render(document):
    """The Word file (bytes) of ``document``."""
    out = docx.Document()
    section = out.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = Mm(MARGINS_MM["top"])
    section.bottom_margin = Mm(MARGINS_MM["bottom"])
    section.left_margin = Mm(MARGINS_MM["left"])
    section.right_margin = Mm(MARGINS_MM["right"])
    normal = out.styles["Normal"]
    normal.font.name = WESTERN_FONT
    normal.font.size = Pt(document.body_size)
    _east_asian(normal.element)

    _paragraph(out, document.title, size=document.title_size, align=CENTER, bold=True)
    if document.subtitle:
        _paragraph(out, document.subtitle, size=document.body_size, align=CENTER)
    for block in document.blocks:
        if isinstance(block, Table):
            _table(out, block)
        elif isinstance(block, Heading):
            size = document.body_size if block.level > 1 else document.body_size + 2
            heading = _paragraph(out, block.text, size=size, align=LEFT, bold=True)
            heading.paragraph_format.keep_with_next = True  # never alone at the foot of a page
        else:
            _paragraph(
                out,
                block.text,
                size=document.body_size,
                align=block.align,
                indent=block.indent,
                bold=block.bold,
            )
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()
