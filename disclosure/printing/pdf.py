"""A :class:`~.document.Document` as PDF (reportlab) with a Chinese TrueType font embedded
(a subset, as ``FontFile2``), so that it prints and reads the same on any machine. The font is
``settings.PDF_CJK_FONT`` or the first installed of :data:`DEFAULT_FONTS`; without one, or when
the text has a character the font lacks, :class:`PrintingUnavailable` says so in Chinese —
never a PDF with empty boxes. The font has one face: bold is not drawn."""

import io
import os
from xml.sax.saxutils import escape

from django.conf import settings
from django.utils.translation import gettext as _
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer
from reportlab.platypus import Table as PdfTable

from .document import CENTER, JUSTIFY, LEFT, MARGINS_MM, RIGHT, Heading, Table, grid, texts

CONTENT_TYPE = "application/pdf"
DEFAULT_FONTS = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
)

ALIGN = {LEFT: TA_LEFT, CENTER: TA_CENTER, RIGHT: TA_RIGHT, JUSTIFY: TA_JUSTIFY}
LINE_SPACING = 1.75  # about 22 lines of 三号 on the type area (GB/T 9704—2012 5.2.2)

_registered = {}


class PrintingUnavailable(Exception):
    """No usable Chinese font: the PDF cannot be made (the message says what to install)."""


def font_path():
    configured = getattr(settings, "PDF_CJK_FONT", "")
    candidates = [configured] if configured else list(DEFAULT_FONTS)
    for path in candidates:
        if os.path.isfile(path):
            return path
    raise PrintingUnavailable(
        _(
            "未找到中文字体（已查找：%(paths)s），无法生成 PDF。"
            "请安装 fonts-wqy-microhei 或设置 PDF_CJK_FONT。"
        )
        % {"paths": "、".join(candidates)}
    )


def font():
    """The registered reportlab font of :func:`font_path` (a TTC's first face)."""
    path = font_path()
    if path not in _registered:
        name = f"PortalCJK{len(_registered)}"
        try:
            face = TTFont(name, path, subfontIndex=0) if path.lower().endswith(".ttc") else None
            face = face or TTFont(name, path)
        except (TTFError, OSError) as error:
            raise PrintingUnavailable(
                _(
                    "字体 %(path)s 无法嵌入 PDF（%(error)s）。"
                    "请安装 fonts-wqy-microhei 或设置 PDF_CJK_FONT 为 TrueType 字体。"
                )
                % {"path": path, "error": error}
            ) from error
        pdfmetrics.registerFont(face)
        _registered[path] = face
    return _registered[path]


def _check_glyphs(document, face):
    glyphs = face.face.charToGlyph
    missing = sorted(
        {ch for text in texts(document) for ch in text if ch != "\n"}
        - set(chr(code) for code in glyphs)
    )
    if missing:
        raise PrintingUnavailable(
            _("字体 %(font)s 缺少以下字符，无法生成 PDF：%(chars)s。请设置 PDF_CJK_FONT。")
            % {"font": os.path.basename(face.face.filename), "chars": "".join(missing)}
        )


#: reportlab collapses the ideographic space (U+3000) like any space; the blanks of a form
#: ("年　　月　　日") are kept as no-break spaces of about the same width.
IDEOGRAPHIC_SPACE = "\u00a0" * 4


def _markup(text):
    return escape(text).replace("\u3000", IDEOGRAPHIC_SPACE).replace("\n", "<br/>")


def _style(name, face, size, align=JUSTIFY, indent=False, space_after=0, keep_with_next=False):
    return ParagraphStyle(
        name,
        fontName=face.fontName,
        fontSize=size,
        leading=size * LINE_SPACING,
        alignment=ALIGN[align],
        firstLineIndent=size * 2 if indent else 0,
        wordWrap="CJK",
        spaceAfter=space_after,
        keepWithNext=keep_with_next,
    )


def _table(table, face, width):
    columns, placed = grid(table)
    rows = 1 + max(r + cell.rowspan - 1 for r, _c, cell in placed)
    data = [["" for _c in range(columns)] for _r in range(rows)]
    commands = [
        ("GRID", (0, 0), (-1, -1), 0.5, "black"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ]
    for r, c, cell in placed:
        style = _style(f"cell{r}_{c}", face, table.font_size, cell.align)
        style.leading = table.font_size * 1.4
        data[r][c] = Paragraph(_markup(cell.text), style)
        if cell.rowspan > 1 or cell.colspan > 1:
            end = (c + cell.colspan - 1, r + cell.rowspan - 1)
            commands.append(("SPAN", (c, r), end))
    widths = table.widths or [1] * columns
    total = sum(widths)
    return PdfTable(
        data,
        colWidths=[width * w / total for w in widths],
        repeatRows=table.header_rows,
        style=commands,
    )


def render(document):
    """The PDF (bytes) of ``document``; :class:`PrintingUnavailable` without a Chinese font."""
    face = font()
    _check_glyphs(document, face)
    buffer = io.BytesIO()
    page = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        topMargin=MARGINS_MM["top"] * mm,
        bottomMargin=MARGINS_MM["bottom"] * mm,
        leftMargin=MARGINS_MM["left"] * mm,
        rightMargin=MARGINS_MM["right"] * mm,
        title=document.title,
    )
    size = document.body_size
    flow = [Paragraph(_markup(document.title), _style("title", face, document.title_size, CENTER))]
    if document.subtitle:
        flow.append(Paragraph(_markup(document.subtitle), _style("subtitle", face, size, CENTER)))
    flow.append(Spacer(1, size))
    for block in document.blocks:
        if isinstance(block, Table):
            flow.append(_table(block, face, page.width))
            flow.append(Spacer(1, size / 2))
        elif isinstance(block, Heading):
            heading_size = size if block.level > 1 else size + 2
            # A heading never stays alone at the foot of a page.
            style = _style("h", face, heading_size, LEFT, keep_with_next=True)
            flow.append(Paragraph(_markup(block.text), style))
        elif not block.text.strip():
            flow.append(Spacer(1, size * LINE_SPACING))  # an empty line, as in Word
        else:
            style = _style("p", face, size, block.align, block.indent)
            flow.append(Paragraph(_markup(block.text), style))
    page.build(flow)
    return buffer.getvalue()
