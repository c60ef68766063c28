"""Tabular import and export of the standard catalogue: every rule of the file format in one place.

The file format is the national one, 基层政务公开标准目录 (see ``domain.md``, "The standard
catalogue"): one row per item under a header naming the columns 序号, 公开事项 (一级事项 /
二级事项), 公开内容（要素）, 公开依据, 公开时限, 公开主体, 公开渠道和载体, 公开对象, 公开方式 and
公开层级, plus the bureau's own 建议栏目. Multi-valued cells (公开主体, 公开渠道和载体) separate their
values with ``;``; the first name in 公开主体 is the lead department (牵头科室) and every name is a
responsible department (责任科室).

Both ``.csv`` and ``.xlsx`` are read and written. An import validates every row before it
changes anything and is all-or-nothing; it upserts on 序号, so importing a file twice changes
nothing the second time.
"""

from __future__ import annotations

import csv
import io
import os
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from disclosure.departments.models import Department

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

#: Largest 序号 accepted (the database column is a 32-bit positive integer).
MAX_NUMBER = 2_147_483_647
#: How many leading rows may hold a title above the header row.
HEADER_SEARCH_ROWS = 10

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class CatalogueFileError(ValueError):
    """A file that cannot be read as a table at all (format, encoding, damage); the message
    is in Chinese for the user."""


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
    writer = csv.writer(stream)
    writer.writerows(export_rows(queryset))


def export_xlsx(file, queryset=None) -> None:
    """Write the catalogue as an Excel workbook (``.xlsx``) to a path or binary stream."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("标准目录")
    for row in export_rows(queryset):
        sheet.append(row)
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


# --------------------------------------------------------------------------- reading


class Table(list):
    """Rows of a file as dicts keyed by the (normalised) header, with where they were found:
    ``header_row`` and ``start_row`` are 1-based row numbers as a spreadsheet shows them."""

    def __init__(self, rows=(), header=(), header_row=1, start_row=2):
        super().__init__(rows)
        self.header = list(header)
        self.header_row = header_row
        self.start_row = start_row


def read_table(source, filename=None) -> Table:
    """Read a ``.csv`` or ``.xlsx`` file into a :class:`Table`.

    ``source`` is a path, an uploaded file or a binary stream; ``filename`` (or the source's
    own name) decides the format. CSV is read as UTF-8 with or without a byte-order mark,
    falling back to GB18030 (the superset of GBK that Chinese Excel writes). The header is
    the first row holding 序号 among the first rows, so a title row above it is skipped, and
    a two-row header (公开事项 above 一级事项 / 二级事项, as the national format prints it) is
    merged. Raises :class:`CatalogueFileError` when the file cannot be read.
    """
    name = filename or (
        str(source) if isinstance(source, str | os.PathLike) else getattr(source, "name", "")
    )
    extension = Path(name or "").suffix.lower()
    if extension not in (".csv", ".xlsx"):
        raise CatalogueFileError(
            _("不支持的文件格式“%(extension)s”，请使用 .csv 或 .xlsx 文件。")
            % {"extension": extension or name}
        )
    data = _read_bytes(source)
    if extension == ".csv":
        raw_rows = _csv_rows(data)
    else:
        raw_rows = _xlsx_rows(data)
    return _table(raw_rows)


def _read_bytes(source):
    if isinstance(source, str | os.PathLike):
        return Path(source).read_bytes()
    if hasattr(source, "seek"):
        try:
            source.seek(0)
        except (OSError, ValueError):
            pass
    if hasattr(source, "chunks"):
        return b"".join(source.chunks())
    return source.read()


def _csv_rows(data) -> list[list]:
    if isinstance(data, bytes):
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise CatalogueFileError(
                _("无法识别文件编码，请将 CSV 文件保存为 UTF-8 或 GB18030（GBK）编码。")
            )
    else:
        text = data.lstrip("\ufeff")
    try:
        return list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as error:
        raise CatalogueFileError(_("CSV 文件格式有误：%(error)s") % {"error": error}) from error


def _xlsx_rows(data) -> list[list]:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as error:
        raise CatalogueFileError(
            _("无法读取 Excel 文件，请确认文件为 .xlsx 格式且未损坏。")
        ) from error
    try:
        sheet = workbook.worksheets[0]
        return [list(row) for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()


def normalise_header(label) -> str:
    """A header cell as compared with the format's labels: no spaces, full-width brackets."""
    text = _text(label).replace("\ufeff", "")
    text = re.sub(r"\s+", "", text)
    return text.replace("(", "（").replace(")", "）")


def _table(raw_rows) -> Table:
    def normalised(row):
        return [normalise_header(cell) for cell in row]

    header_index = next(
        (
            index
            for index, row in enumerate(raw_rows[:HEADER_SEARCH_ROWS])
            if NUMBER in normalised(row)
        ),
        None,
    )
    if header_index is None:
        header_index = next(
            (index for index, row in enumerate(raw_rows) if not _is_blank(row)), None
        )
    if header_index is None:
        return Table()
    header = normalised(raw_rows[header_index])
    start = header_index + 1
    if start < len(raw_rows) and CATEGORY not in header:
        below = normalised(raw_rows[start])
        if CATEGORY in below or ITEM in below:
            width = max(len(header), len(below))
            header += [""] * (width - len(header))
            below += [""] * (width - len(below))
            header = [sub or top for top, sub in zip(header, below, strict=True)]
            start += 1
    rows = []
    for raw in raw_rows[start:]:
        values = {}
        for index, label in enumerate(header):
            if label and label not in values:
                values[label] = raw[index] if index < len(raw) else None
        rows.append(values)
    return Table(
        rows,
        header=[label for label in header if label],
        header_row=header_index + 1,
        start_row=start + 1,
    )


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _is_blank(values) -> bool:
    return all(not _text(value) for value in values)


def split_values(value) -> list[str]:
    """The values of a multi-valued cell, without blanks or repeats, in order."""
    values = []
    for part in _VALUE_SPLIT.split(_text(value)):
        part = part.strip()
        if part and part not in values:
            values.append(part)
    return values


# --------------------------------------------------------------------------- import


@dataclass
class ImportResult:
    """What an import did. ``errors`` holds ``(row_number, message)`` with the row number as
    the spreadsheet shows it (the header is row 1); when there are errors nothing was changed.
    ``updated`` counts every row that matched an existing item by 序号, of which
    ``unchanged`` needed no change (and got no history record)."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)
    #: 序号 of existing items that the file does not mention (left as they are).
    not_in_file: list[int] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        if self.errors:
            return _("导入失败：共 %(count)s 处错误，未作任何改动。") % {"count": len(self.errors)}
        text = _("新增 %(created)s 条，更新 %(updated)s 条") % {
            "created": self.created,
            "updated": self.updated,
        }
        if self.unchanged:
            text += _("（其中 %(unchanged)s 条内容无变化）") % {"unchanged": self.unchanged}
        return text


@dataclass
class _ParsedRow:
    row_number: int
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
    if isinstance(value, bool):
        number = None
    elif isinstance(value, int):
        number = value
    elif isinstance(value, float):
        number = int(value) if value.is_integer() else None
    else:
        text = unicodedata.normalize("NFKC", _text(value))  # full-width digits
        if not text:
            return None, _("序号不能为空")
        number = int(text) if re.fullmatch(r"\d+", text, re.ASCII) else None
    if number is None or number < 1:
        return None, _("序号“%(value)s”不是正整数") % {"value": _text(value)}
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


def _parse_rows(rows):
    """Validate every row; return the parsed rows and the errors, following the national
    format's rules (基层政务公开标准目录): each column filled in, values from its value lists."""
    header_row = getattr(rows, "header_row", 1)
    start_row = getattr(rows, "start_row", header_row + 1)
    header = getattr(rows, "header", None)
    rows = [{normalise_header(key): value for key, value in row.items()} for row in rows]
    header = [normalise_header(label) for label in header or (rows[0] if rows else [])]
    if not header:
        return [], [(1, _("文件为空，没有表头。"))]
    missing = [label for label in REQUIRED_COLUMNS if label not in header]
    if missing:
        return [], [
            (
                header_row,
                _("表头缺少必需的列：%(columns)s。标准目录的表头应为：%(header)s")
                % {"columns": "、".join(missing), "header": "、".join(HEADER)},
            )
        ]
    has_suggested_column = SUGGESTED_COLUMN in header

    parsed, errors, seen_numbers = [], [], {}
    owner_max = Department._meta.get_field("name").max_length
    channel_labels = "、".join(str(label) for _code, label in Channel.choices)
    for index, row in enumerate(rows):
        row_number = start_row + index
        if _is_blank(row.values()):
            continue
        row_errors = []

        number, error = _parse_number(row.get(NUMBER))
        if error:
            row_errors.append(error)
        elif number in seen_numbers:
            row_errors.append(
                _("序号 %(number)s 与第 %(row)s 行重复")
                % {"number": number, "row": seen_numbers[number]}
            )
        else:
            seen_numbers[number] = row_number

        texts = {}
        for column, field_name in TEXT_COLUMNS.items():
            if column == SUGGESTED_COLUMN and not has_suggested_column:
                continue
            value = _text(row.get(column))
            if not value and column != SUGGESTED_COLUMN:
                row_errors.append(_("%(column)s不能为空") % {"column": column})
                continue
            error = _too_long(column, value, _max_length(field_name))
            if error:
                row_errors.append(error)
            texts[field_name] = value

        owners = split_values(row.get(OWNER))
        if not owners:
            row_errors.append(_("%(column)s不能为空") % {"column": OWNER})
        for name in owners:
            error = _too_long(_("公开主体中的科室名称“%(name)s”") % {"name": name}, name, owner_max)
            if error:
                row_errors.append(error)

        channels = []
        channel_values = split_values(row.get(CHANNELS))
        if not channel_values:
            row_errors.append(_("%(column)s不能为空") % {"column": CHANNELS})
        for value in channel_values:
            code = parse_channel(value)
            if code is None:
                row_errors.append(
                    _("%(column)s“%(value)s”无法识别，可选值：%(allowed)s")
                    % {"column": CHANNELS, "value": value, "allowed": channel_labels}
                )
            elif code not in channels:
                channels.append(code)

        choices = {}
        for column, (choice_class, field_name) in CHOICE_COLUMNS.items():
            value = _text(row.get(column))
            code = _parse_choice(choice_class, value) if value else None
            if not value:
                row_errors.append(_("%(column)s不能为空") % {"column": column})
            elif code is None:
                allowed = "、".join(str(label) for _code, label in choice_class.choices)
                row_errors.append(
                    _("%(column)s“%(value)s”无法识别，可选值：%(allowed)s")
                    % {"column": column, "value": value, "allowed": allowed}
                )
            else:
                choices[field_name] = code

        if row_errors:
            errors += [(row_number, message) for message in row_errors]
        else:
            parsed.append(_ParsedRow(row_number, number, texts, owners, channels, choices))
    if not parsed and not errors:
        errors.append((header_row, _("文件中没有数据行。")))
    return parsed, errors


def validate_rows(rows) -> list[tuple[int, str]]:
    """The errors an import of ``rows`` would report, without changing anything."""
    return _parse_rows(rows)[1]


def import_rows(rows, user=None, reason=None) -> ImportResult:
    """Import rows read by :func:`read_table` (or dicts keyed by the national header).

    Every row is validated first; if any has an error nothing is changed and the errors are
    returned. Otherwise items are created or updated by 序号 (existing items the file does
    not name are left alone), departments are found or created by name
    (:meth:`Department.get_or_create_by_name`, so ``各起草科室`` becomes a placeholder), and
    each change is recorded in the item's history with ``reason`` (default ``导入``) and
    ``user``. All of it runs in one transaction.
    """
    parsed, errors = _parse_rows(rows)
    if errors:
        return ImportResult(errors=errors)
    reason = (reason or _("导入"))[:100]
    with transaction.atomic():
        result = _write(parsed, user, reason)
        if result.errors:
            transaction.set_rollback(True)
            return ImportResult(errors=result.errors)
    return result


def _write(parsed, user, reason) -> ImportResult:
    result = ImportResult()
    numbers = [row.number for row in parsed]
    existing = {
        item.number: item
        for item in CatalogueItem.objects.filter(number__in=numbers).prefetch_related(
            "responsible_departments"
        )
    }
    result.not_in_file = list(
        CatalogueItem.objects.exclude(number__in=numbers)
        .order_by("number")
        .values_list("number", flat=True)
    )
    departments = {}

    def department(name):
        if name not in departments:
            departments[name] = Department.get_or_create_by_name(name)
        return departments[name]

    for row in parsed:
        responsible = [department(name) for name in row.owners]
        lead = responsible[0]
        item = existing.get(row.number)
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
        try:
            item.full_clean()
        except ValidationError as error:
            result.errors += [(row.row_number, message) for message in _messages(error)]
            continue

        item._change_reason = reason
        if user is not None and getattr(user, "is_authenticated", False):
            item._history_user = user
        if created:
            item.save()
            item.responsible_departments.set(responsible)
            result.created += 1
            continue
        result.updated += 1
        if not (fields_changed or departments_changed):
            result.unchanged += 1
            continue
        if departments_changed:
            # One history record for the whole change: the save below snapshots the
            # departments too.
            item.skip_history_when_saving = True
            try:
                item.responsible_departments.set(responsible)
            finally:
                del item.skip_history_when_saving
        item.save()
    return result


def _messages(error: ValidationError) -> list[str]:
    if not hasattr(error, "error_dict"):
        return list(error.messages)
    messages = []
    for name, errors in error.message_dict.items():
        try:
            label = str(CatalogueItem._meta.get_field(name).verbose_name)
        except FieldDoesNotExist:  # NON_FIELD_ERRORS
            label = ""
        messages += [f"{label}：{message}" if label else message for message in errors]
    return messages
