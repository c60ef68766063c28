"""The annual report laid out as the national format prints it (国办公开办函〔2021〕30号): six
sections, tables 二, 三 and 四 with their merged header cells, as one
:class:`~disclosure.printing.document.Document` that the portal page shows as HTML tables and
:mod:`disclosure.printing` writes as DOCX and PDF."""

from __future__ import annotations

import html
import re

from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from disclosure.applications import statistics
from disclosure.applications.choices import RequesterType
from disclosure.printing.document import CENTER, Cell, Document, Heading, Paragraph, Table

from . import figures as f

SECTIONS = {
    "overview": gettext_lazy("一、总体情况"),
    "proactive": gettext_lazy("二、主动公开政府信息情况"),
    "requests": gettext_lazy("三、收到和处理政府信息公开申请情况"),
    "remedies": gettext_lazy("四、政府信息公开行政复议、行政诉讼情况"),
    "problems": gettext_lazy("五、存在的主要问题及改进情况"),
    "other": gettext_lazy("六、其他需要报告的事项"),
}
THREE_NOTE = gettext_lazy("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）")
TABLE_FONT_SIZE = 9
_BREAKS = re.compile(r"</p>|<br\s*/?>|</h\d>|</li>|</div>", re.IGNORECASE)


def section_title(code):
    return str(SECTIONS[code])


def _number(value):
    return Cell(str(value), align=CENTER)


def _head(text, **kwargs):
    return Cell(str(text), align=CENTER, bold=True, **kwargs)


def table_two(values):
    rows = []
    for item, items, columns in f.TABLE_TWO:
        rows.append([_head(item, colspan=4)])
        if len(columns) == 1:
            rows.append([_head(_("信息内容")), _head(columns[0][1], colspan=3)])
            for row, label in items:
                rows.append(
                    [
                        Cell(str(label)),
                        Cell(str(values[f.t2(row, columns[0][0])]), colspan=3, align=CENTER),
                    ]
                )
        else:
            rows.append([_head(_("信息内容")), *(_head(label) for _c, label in columns)])
            for row, label in items:
                rows.append(
                    [Cell(str(label)), *(_number(values[f.t2(row, c)]) for c, _l in columns)]
                )
    return Table(rows, widths=[3, 2, 2, 2], font_size=TABLE_FONT_SIZE + 1)


def _outcome_groups():
    """The outcome rows grouped as the format prints them: ``[(group label, [(code, item
    label or None)])]`` — （一）（二） stand alone, （三）–（六） have numbered items."""
    groups = []
    for code, label in statistics.ROW_LABELS[2:-2]:
        group, _sep, item = str(label).partition(" ")
        if groups and groups[-1][0] == group:
            groups[-1][1].append((code, item))
        else:
            groups.append((group, [(code, item or None)]))
    return groups


def table_three(values):
    columns = f.THREE_COLUMNS
    row_label = dict(statistics.ROW_LABELS)

    def numbers(row):
        return [_number(values[f.t3(row, column)]) for column in columns]

    organisation_types = [t for t in RequesterType if t != RequesterType.NATURAL_PERSON]
    rows = [
        [_head(THREE_NOTE, colspan=3, rowspan=3), _head(_("申请人情况"), colspan=7)],
        [
            _head(RequesterType.NATURAL_PERSON.label, rowspan=2),
            _head(_("法人或其他组织"), colspan=5),
            _head(_("总计"), rowspan=2),
        ],
        [_head(t.label) for t in organisation_types],
        [Cell(str(row_label["new"]), colspan=3), *numbers("new")],
        [Cell(str(row_label["carried_in"]), colspan=3), *numbers("carried_in")],
    ]
    groups = _outcome_groups()
    result_rows = sum(len(items) for _g, items in groups) + 1
    first = True
    for group, items in groups:
        for index, (code, item) in enumerate(items):
            row = [Cell(_("三、本年度办理结果"), rowspan=result_rows)] if first else []
            first = False
            if item is None:
                row.append(Cell(group, colspan=2))
            else:
                if index == 0:
                    row.append(Cell(group, rowspan=len(items)))
                row.append(Cell(item))
            rows.append([*row, *numbers(code)])
    rows.append([Cell(str(row_label["total"]), colspan=2), *numbers("total")])
    rows.append([Cell(str(row_label["carried_out"]), colspan=3), *numbers("carried_out")])
    # Narrow number columns and a wide label column keep the table on one A4 page: the 22 rows
    # under 三、本年度办理结果 are one span, which a PDF table cannot split across pages.
    return Table(rows, widths=[1, 1.3, 5, *[1] * 7], header_rows=3, font_size=TABLE_FONT_SIZE - 1)


def table_four(values):
    labels = [_("结果维持"), _("结果纠正"), _("其他结果"), _("尚未审结"), _("总计")]
    return Table(
        [
            [_head(_("行政复议"), colspan=5), _head(_("行政诉讼"), colspan=10)],
            [
                *(_head(label, rowspan=2) for label in labels),
                _head(_("未经复议直接起诉"), colspan=5),
                _head(_("复议后起诉"), colspan=5),
            ],
            [_head(label) for label in labels * 2],
            [
                _number(values[f.t4(kind, result)])
                for kind in f.FOUR_KINDS
                for result in f.FOUR_RESULTS
            ],
        ],
        widths=[1] * 15,
        header_rows=3,
        font_size=TABLE_FONT_SIZE,
    )


def paragraphs(rich_text):
    """The paragraphs of a rich-text field as plain text (for DOCX and PDF)."""
    parts = (html.unescape(strip_tags(part)).strip() for part in _BREAKS.split(rich_text or ""))
    return [part for part in parts if part]


def title(organisation_name, year):
    return _("%(name)s%(year)s年政府信息公开工作年度报告") % {
        "name": organisation_name,
        "year": year,
    }


def document(*, organisation_name, year, values, overview="", problems="", other=""):
    """The whole report as a printable document."""

    def text(rich):
        return [Paragraph(p) for p in paragraphs(rich)] or [Paragraph(_("无。"))]

    return Document(
        title=title(organisation_name, year),
        blocks=[
            Heading(section_title("overview")),
            *text(overview),
            Heading(section_title("proactive")),
            table_two(values),
            Heading(section_title("requests")),
            table_three(values),
            Heading(section_title("remedies")),
            table_four(values),
            Heading(section_title("problems")),
            *text(problems),
            Heading(section_title("other")),
            *text(other),
        ],
        title_size=20,
        body_size=14,
    )
