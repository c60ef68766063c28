"""Tabular import and export of the standard catalogue: every rule of the file format in one place.

The file format is the national one, 基层政务公开标准目录 (see ``domain.md``, "The standard
catalogue"): one row per item under a header naming the columns 序号, 公开事项 (一级事项 /
二级事项), 公开内容（要素）, 公开依据, 公开时限, 公开主体, 公开渠道和载体, 公开对象, 公开方式 and
公开层级, plus the bureau's own 建议栏目. Multi-valued cells (公开主体, 公开渠道和载体) separate their
values with ``;``; the first name in 公开主体 is the lead department (牵头科室) and every name is a
responsible department (责任科室).

Both ``.csv`` and ``.xlsx`` are read and written. The import (:class:`CatalogueImporter`, on
the framework of :mod:`disclosure.importing`) validates every row before it changes anything
and is all-or-nothing; it upserts on 序号, so importing a file twice changes nothing the second
time.
"""

from __future__ import annotations

import io
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from disclosure import spreadsheets
from disclosure.departments.models import Department
from disclosure.importing import (
    Column,
    FileError,
    Importer,
    ImportResult,
    InvalidRow,
    Outcome,
    cell_text,
    parse_int,
)

from .choices import Audience, Channel, DisclosureMethod, Level, choice_from_label, parse_channel
from .models import CatalogueItem

#: The catalogue shipped with the project (the bureau's seed plan), loaded by ``import_catalogue``.
SHIPPED_CATALOGUE = Path(__file__).resolve().parent / "data" / "catalogue.csv"

# Column labels of the national format. They are part of the file format (the labels users
# see in their spreadsheets), not interface text, so they are not translated.
NUMBER = "序号"
CATEGORY = "一级事项"
ITEM = "二级事项"
CONTENT_ELEMENTS = "公开内容（要素）"
LEGAL_BASIS = "公开依据"
TIME_LIMIT = "公开时限"
OWNER = "公开主体"
CHANNELS = "公开渠道和载体"
AUDIENCE = "公开对象"
METHOD = "公开方式"
LEVEL = "公开层级"
SUGGESTED_COLUMN = "建议栏目"

#: The header of an exported file, in this order.
HEADER = [
    NUMBER,
    CATEGORY,
    ITEM,
    CONTENT_ELEMENTS,
    LEGAL_BASIS,
    TIME_LIMIT,
    OWNER,
    CHANNELS,
    AUDIENCE,
    METHOD,
    LEVEL,
    SUGGESTED_COLUMN,
]
#: Columns of the national format; an import refuses a file without any of them.
#: 建议栏目 is the bureau's addition and may be left out (existing values are then kept).
REQUIRED_COLUMNS = [label for label in HEADER if label != SUGGESTED_COLUMN]

#: Free-text columns and the model field each one fills; all but 建议栏目 must be filled in.
TEXT_COLUMNS = {
    CATEGORY: "category",
    ITEM: "item",
    CONTENT_ELEMENTS: "content_elements",
    LEGAL_BASIS: "legal_basis",
    TIME_LIMIT: "time_limit",
    SUGGESTED_COLUMN: "suggested_column",
}
#: Single-choice columns, their value list and model field.
CHOICE_COLUMNS = {
    AUDIENCE: (Audience, "audience"),
    METHOD: (DisclosureMethod, "method"),
    LEVEL: (Level, "level"),
}

#: Separator written between the values of a multi-valued cell.
VALUE_SEPARATOR = ";"
# Read: the ASCII and the full-width semicolon, and line breaks inside an Excel cell.
_VALUE_SPLIT = re.compile(r"[;；\r\n]+")

#: The model field each column fills (公开主体 fills the lead and the responsible departments).
FIELDS = {
    NUMBER: "number",
    **TEXT_COLUMNS,
    OWNER: "lead_department",
    CHANNELS: "channels",
    **{column: field_name for column, (_choices, field_name) in CHOICE_COLUMNS.items()},
}
#: The columns as the import framework reads them.
COLUMNS = [
    Column(label, required=label in REQUIRED_COLUMNS, field=FIELDS[label]) for label in HEADER
]

#: Largest 序号 accepted (the database column is a 32-bit positive integer).
MAX_NUMBER = 2_147_483_647

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


#: A file that cannot be read as a table at all (format, encoding, damage); Chinese message.
CatalogueFileError = FileError


# --------------------------------------------------------------------------- export


def export_rows(queryset=None) -> list[list]:
    """The header and one row per item, in the national format: choices as their Chinese
    labels, multi-valued cells joined by ``;`` with the lead department first in 公开主体."""
    items = CatalogueItem.objects.all() if queryset is None else queryset
    items = items.select_related("lead_department").prefetch_related("responsible_departments")
    rows = [list(HEADER)]
    for item in items.order_by("number"):
        rows.append(_item_row(item))
    return rows


def _item_row(item: CatalogueItem) -> list:
    owners = [item.lead_department.name]
    owners += [
        department.name
        for department in item.responsible_departments.all()
        if department.pk != item.lead_department_id
    ]
    channel_labels = dict(Channel.choices)
    channels = [str(channel_labels.get(code, code)) for code in item.channels]
    return [
        item.number,
        item.category,
        item.item,
        item.content_elements,
        item.legal_basis,
        item.time_limit,
        VALUE_SEPARATOR.join(owners),
        VALUE_SEPARATOR.join(channels),
        str(item.get_audience_display()),
        str(item.get_method_display()),
        str(item.get_level_display()),
        item.suggested_column,
    ]


def export_csv(file, queryset=None) -> None:
    """Write the catalogue as CSV, UTF-8 with a byte-order mark so that Excel opens it.

    ``file`` is a path, a text stream (an open text file, ``io.StringIO``, an ``HttpResponse``)
    or a binary stream.
    """
    if isinstance(file, str | os.PathLike):
        with open(file, "w", encoding="utf-8", newline="") as stream:
            _write_csv(stream, queryset)
    elif isinstance(file, io.RawIOBase | io.BufferedIOBase):
        stream = io.TextIOWrapper(file, encoding="utf-8", newline="")
        try:
            _write_csv(stream, queryset)
            stream.flush()
        finally:
            stream.detach()
    else:
        _write_csv(file, queryset)


def _write_csv(stream, queryset):
    stream.write("\ufeff")
    writer = spreadsheets.writer(stream)
    writer.writerows(export_rows(queryset))


def export_xlsx(file, queryset=None) -> None:
    """Write the catalogue as an Excel workbook (``.xlsx``) to a path or binary stream."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("标准目录")
    for row in export_rows(queryset):
        sheet.append(row)
        spreadsheets.xlsx_text_cells(sheet[sheet.max_row])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    widths = {NUMBER: 6, CONTENT_ELEMENTS: 50, LEGAL_BASIS: 36, TIME_LIMIT: 24, OWNER: 20}
    for index, label in enumerate(HEADER, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = widths.get(label, 16)
    wrap = Alignment(wrap_text=True, vertical="top")
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = wrap
    sheet.freeze_panes = "A2"
    if isinstance(file, str | os.PathLike):
        workbook.save(file)
    else:
        buffer = io.BytesIO()
        workbook.save(buffer)
        file.write(buffer.getvalue())


# --------------------------------------------------------------------------- import


def split_values(value) -> list[str]:
    """The values of a multi-valued cell, without blanks or repeats, in order."""
    values = []
    for part in _VALUE_SPLIT.split(cell_text(value)):
        part = part.strip()
        if part and part not in values:
            values.append(part)
    return values


@dataclass
class CatalogueImportResult(ImportResult):
    """What a catalogue import did. ``updated`` counts every row that matched an existing item
    by 序号, of which ``unchanged`` needed no change (and got no history record)."""

    #: 序号 of existing items that the file does not mention (left as they are).
    not_in_file: list[int] = field(default_factory=list)

    def add(self, outcome: Outcome) -> None:
        super().add(outcome)
        if outcome is Outcome.UNCHANGED:
            self.updated += 1

    def counts_summary(self) -> str:
        text = _("新增 %(created)s 条，更新 %(updated)s 条") % {
            "created": self.created,
            "updated": self.updated,
        }
        if self.unchanged:
            text += _("（其中 %(unchanged)s 条内容无变化）") % {"unchanged": self.unchanged}
        return text


@dataclass
class _ParsedRow:
    number: int
    texts: dict
    owners: list[str]
    channels: list[str]
    choices: dict


def _max_length(field_name):
    return CatalogueItem._meta.get_field(field_name).max_length


def _parse_choice(choices, text):
    """A choice code from its label; ``主动公开`` is read as ``主动`` and so on."""
    value = choice_from_label(choices, text)
    if value is None and text.endswith("公开"):
        value = choice_from_label(choices, text[: -len("公开")])
    return value


def _parse_number(value):
    """序号 as an int, or an error message."""
    if not cell_text(value):
        return None, _("序号不能为空")
    number = parse_int(value)
    if number is None or number < 1:
        return None, _("序号“%(value)s”不是正整数") % {"value": cell_text(value)}
    if number > MAX_NUMBER:
        return None, _("序号 %(value)s 过大") % {"value": number}
    return number, None


def _too_long(column, value, max_length):
    if max_length and len(value) > max_length:
        return _("%(column)s过长（%(length)s 个字符），最多 %(max)s 个字符") % {
            "column": column,
            "length": len(value),
            "max": max_length,
        }
    return None


class CatalogueImporter(Importer):
    """Imports the national format (基层政务公开标准目录): each column filled in, values from
    its value lists; items are created or updated by 序号, existing items the file does not name
    are left alone, departments are found or created by name
    (:meth:`Department.get_or_create_by_name`, so ``各起草科室`` becomes a placeholder), and each
    change is recorded in the item's history with the import's reason and user."""

    name = gettext_lazy("标准目录")
    model = CatalogueItem
    columns = COLUMNS
    result_class = CatalogueImportResult

    def prepare(self, table):
        self.has_suggested_column = SUGGESTED_COLUMN in table.header
        self.seen_numbers = {}
        self.owner_max = Department._meta.get_field("name").max_length
        self.channel_labels = "、".join(str(label) for _code, label in Channel.choices)

    def clean_row(self, row) -> _ParsedRow:
        errors = []

        number, error = _parse_number(row.get(NUMBER))
        if error:
            errors.append((NUMBER, error))
        elif number in self.seen_numbers:
            errors.append(
                (
                    NUMBER,
                    _("序号 %(number)s 与第 %(row)s 行重复")
                    % {"number": number, "row": self.seen_numbers[number]},
                )
            )
        else:
            self.seen_numbers[number] = row.number

        texts = {}
        for column, field_name in TEXT_COLUMNS.items():
            if column == SUGGESTED_COLUMN and not self.has_suggested_column:
                continue
            value = row.text(column)
            if not value and column != SUGGESTED_COLUMN:
                errors.append((column, _("%(column)s不能为空") % {"column": column}))
                continue
            error = _too_long(column, value, _max_length(field_name))
            if error:
                errors.append((column, error))
            texts[field_name] = value

        owners = split_values(row.get(OWNER))
        if not owners:
            errors.append((OWNER, _("%(column)s不能为空") % {"column": OWNER}))
        for name in owners:
            label = _("公开主体中的科室名称“%(name)s”") % {"name": name}
            error = _too_long(label, name, self.owner_max)
            if error:
                errors.append((OWNER, error))

        channels = []
        channel_values = split_values(row.get(CHANNELS))
        if not channel_values:
            errors.append((CHANNELS, _("%(column)s不能为空") % {"column": CHANNELS}))
        for value in channel_values:
            code = parse_channel(value)
            if code is None:
                errors.append(
                    (
                        CHANNELS,
                        _("%(column)s“%(value)s”无法识别，可选值：%(allowed)s")
                        % {"column": CHANNELS, "value": value, "allowed": self.channel_labels},
                    )
                )
            elif code not in channels:
                channels.append(code)

        choices = {}
        for column, (choice_class, field_name) in CHOICE_COLUMNS.items():
            value = row.text(column)
            code = _parse_choice(choice_class, value) if value else None
            if not value:
                errors.append((column, _("%(column)s不能为空") % {"column": column}))
            elif code is None:
                allowed = "、".join(str(label) for _code, label in choice_class.choices)
                errors.append(
                    (
                        column,
                        _("%(column)s“%(value)s”无法识别，可选值：%(allowed)s")
                        % {"column": column, "value": value, "allowed": allowed},
                    )
                )
            else:
                choices[field_name] = code

        if errors:
            raise InvalidRow(*errors)
        return _ParsedRow(number, texts, owners, channels, choices)

    def before_write(self, rows):
        numbers = [row.number for row in rows]
        self.existing = {
            item.number: item
            for item in CatalogueItem.objects.filter(number__in=numbers).prefetch_related(
                "responsible_departments"
            )
        }
        self.not_in_file = list(
            CatalogueItem.objects.exclude(number__in=numbers)
            .order_by("number")
            .values_list("number", flat=True)
        )
        self.departments = {}

    def department(self, name):
        if name not in self.departments:
            self.departments[name] = Department.get_or_create_by_name(name)
        return self.departments[name]

    def write_row(self, row: _ParsedRow) -> Outcome:
        responsible = [self.department(name) for name in row.owners]
        lead = responsible[0]
        item = self.existing.get(row.number)
        created = item is None
        if created:
            item = CatalogueItem(number=row.number)
        values = {
            **row.texts,
            **row.choices,
            "channels": row.channels,
            "lead_department_id": lead.pk,
        }
        fields_changed = created or any(
            getattr(item, name) != value for name, value in values.items()
        )
        for name, value in values.items():
            setattr(item, name, value)
        item.lead_department = lead
        new_ids = {department.pk for department in responsible}
        departments_changed = created or (
            {department.pk for department in item.responsible_departments.all()} != new_ids
        )
        item.full_clean()

        self.record_history(item)
        if created:
            item.save()
            item.responsible_departments.set(responsible)
            return Outcome.CREATED
        if not (fields_changed or departments_changed):
            return Outcome.UNCHANGED
        if departments_changed:
            # One history record for the whole change: the save below snapshots the
            # departments too.
            item.skip_history_when_saving = True
            try:
                item.responsible_departments.set(responsible)
            finally:
                del item.skip_history_when_saving
        item.save()
        return Outcome.UPDATED

    def finish(self, result):
        result.not_in_file = self.not_in_file
        if self.not_in_file:
            result.warnings.append(
                _("文件中没有的 %(count)s 个已有事项保持不变（序号：%(numbers)s）。")
                % {
                    "count": len(self.not_in_file),
                    "numbers": "、".join(map(str, self.not_in_file)),
                }
            )


def read_table(source, filename=None):
    """Read a ``.csv`` or ``.xlsx`` file into a :class:`~disclosure.importing.Table`.

    ``source`` is a path, an uploaded file or a binary stream; ``filename`` (or the source's
    own name) decides the format. CSV is read as UTF-8 with or without a byte-order mark, or
    GB18030/GBK. A title row above the header is skipped, and a two-row header (公开事项 above
    一级事项 / 二级事项, as the national format prints it) is merged. Raises
    :class:`CatalogueFileError` when the file cannot be read.
    """
    return CatalogueImporter().read(source, filename)


def validate_rows(rows) -> list[tuple[int, str]]:
    """The errors an import of ``rows`` would report, without changing anything."""
    return CatalogueImporter().import_table(rows, dry_run=True).errors


def import_rows(rows, user=None, reason=None) -> CatalogueImportResult:
    """Import rows read by :func:`read_table` (or dicts keyed by the national header), all or
    nothing, recording each change with ``reason`` (default ``导入``) and ``user``."""
    return CatalogueImporter(user=user, reason=reason).import_table(rows)
