"""Import of sampling results (抽检) from ``.csv`` or ``.xlsx``, modelled on the catalogue
import (:mod:`disclosure.catalogue.io`): every row is validated first — cells, credit codes
with their check character, dates, counts, value lists, then the model's own rules — and a file
with any bad row changes nothing; errors are ``(row, message)`` with the row number as the
spreadsheet shows it. Rows are upserted on 检验报告编号, so importing a file twice changes
nothing the second time.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from disclosure.catalogue.io import (
    CatalogueFileError,
    _csv_rows,
    _is_blank,
    _read_bytes,
    _text,
    _xlsx_rows,
    normalise_header,
)
from disclosure.departments.models import Department
from disclosure.organisation.credit_code import validate_credit_code

from .choices import DisposalStatus, SamplingKind, SamplingVerdict
from .models import SamplingResult

#: The file could not be read as a table (format, encoding, damage); Chinese message.
SamplingFileError = CatalogueFileError

REPORT_NUMBER = "检验报告编号"

#: Column label → model field, in the order of an exported file.
COLUMNS = {
    REPORT_NUMBER: "report_number",
    "抽检类别": "kind",
    "食品分类": "food_category",
    "产品名称": "product_name",
    "商标": "brand",
    "规格型号": "specification",
    "生产日期/批号": "batch",
    "标称生产企业名称": "producer_name",
    "标称生产企业地址": "producer_address",
    "被抽样单位名称": "inspected_unit_name",
    "被抽样单位统一社会信用代码": "inspected_unit_credit_code",
    "抽样日期": "sampled_on",
    "抽样数量": "sample_quantity",
    "检验依据": "basis",
    "检验机构": "lab",
    "检验结论": "verdict",
    "不合格项目": "nonconforming_items",
    "核查处置状态": "disposal_status",
    "核查处置情况": "disposal",
    "公布日期": "published_on",
    "承办科室": "department",
}
HEADER = list(COLUMNS)
#: Columns a file must have (a row must fill each of them too).
REQUIRED = [
    REPORT_NUMBER,
    "产品名称",
    "生产日期/批号",
    "标称生产企业名称",
    "被抽样单位名称",
    "抽样日期",
    "检验依据",
    "检验机构",
    "检验结论",
]
DATE_COLUMNS = {"抽样日期", "公布日期"}
CHOICE_COLUMNS = {
    "抽检类别": SamplingKind,
    "检验结论": SamplingVerdict,
    "核查处置状态": DisposalStatus,
}
#: Other spellings accepted for choice labels.
CHOICE_ALIASES = {
    "食品": SamplingKind.FOOD,
    "食品安全": SamplingKind.FOOD,
    "产品质量": SamplingKind.PRODUCT,
    "产品": SamplingKind.PRODUCT,
    "处置中": DisposalStatus.IN_PROGRESS,
    "核查中": DisposalStatus.IN_PROGRESS,
    "已处置": DisposalStatus.DONE,
    "已完成": DisposalStatus.DONE,
}
HEADER_SEARCH_ROWS = 10
MAX_INT = 2_147_483_647

_DATE_FORMS = (
    re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
)

# Aliases of header spellings seen in real files.
HEADER_ALIASES = {
    "报告编号": REPORT_NUMBER,
    "样品名称": "产品名称",
    "食品名称": "产品名称",
    "生产日期或批号": "生产日期/批号",
    "生产日期／批号": "生产日期/批号",
    "规格": "规格型号",
    "被抽样单位": "被抽样单位名称",
    "结论": "检验结论",
    "检验结果": "检验结论",
}


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)

    @property
    def ok(self):
        return not self.errors

    def summary(self):
        if self.errors:
            return _("导入失败：共 %(count)s 处错误，未作任何改动。") % {"count": len(self.errors)}
        return _("新增 %(created)s 条，更新 %(updated)s 条，无变化 %(unchanged)s 条") % {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
        }


@dataclass
class Table:
    header: list[str]
    rows: list[tuple[int, dict]]
    header_row: int = 1


def _label(cell) -> str:
    label = normalise_header(cell).replace("（", "(").replace("）", ")")
    label = label.replace("(", "（").replace(")", "）")
    return HEADER_ALIASES.get(label, label)


def read_table(source, filename=None) -> Table:
    """Rows of a ``.csv`` (UTF-8 or GB18030) or ``.xlsx`` file keyed by their header; the
    header is the first of the leading rows that names 检验报告编号 (a title row above it is
    skipped). Raises :class:`SamplingFileError` when the file cannot be read."""
    from pathlib import Path

    name = filename or str(getattr(source, "name", source) or "")
    extension = Path(name).suffix.lower()
    if extension not in (".csv", ".xlsx"):
        raise SamplingFileError(
            _("不支持的文件格式“%(extension)s”，请使用 .csv 或 .xlsx 文件。")
            % {"extension": extension or name}
        )
    data = _read_bytes(source)
    raw_rows = _csv_rows(data) if extension == ".csv" else _xlsx_rows(data)
    header_index = next(
        (
            index
            for index, row in enumerate(raw_rows[:HEADER_SEARCH_ROWS])
            if REPORT_NUMBER in [_label(cell) for cell in row]
        ),
        None,
    )
    if header_index is None:
        header_index = next((i for i, row in enumerate(raw_rows) if not _is_blank(row)), None)
    if header_index is None:
        return Table(header=[], rows=[])
    header = [_label(cell) for cell in raw_rows[header_index]]
    rows = []
    for offset, raw in enumerate(raw_rows[header_index + 1 :], start=header_index + 2):
        values = {}
        for index, label in enumerate(header):
            if label and label not in values:
                values[label] = raw[index] if index < len(raw) else None
        rows.append((offset, values))
    return Table(
        header=[label for label in header if label], rows=rows, header_row=header_index + 1
    )


def _parse_date(value):
    if isinstance(value, dt.datetime):
        return value.date(), None
    if isinstance(value, dt.date):
        return value, None
    text = unicodedata.normalize("NFKC", _text(value))
    for form in _DATE_FORMS:
        match = form.match(text)
        if match:
            try:
                return dt.date(*(int(part) for part in match.groups())), None
            except ValueError:
                break
    return None, text


def _parse_int(value):
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else None
    text = unicodedata.normalize("NFKC", _text(value))
    return int(text) if re.fullmatch(r"\d+", text, re.ASCII) else None


def _parse_choice(choices, text):
    for code, label in choices.choices:
        if code and text in (str(label), code):
            return code
    return CHOICE_ALIASES.get(text) if CHOICE_ALIASES.get(text) in choices.values else None


def _model_messages(error: ValidationError) -> list[str]:
    if not hasattr(error, "error_dict"):
        return list(error.messages)
    messages = []
    for name, errors in error.message_dict.items():
        try:
            label = str(SamplingResult._meta.get_field(name).verbose_name)
        except FieldDoesNotExist:
            label = ""
        messages += [f"{label}：{message}" if label else message for message in errors]
    return messages


def _parse(table: Table, default_department, allowed_departments=None):
    """(instances with their row numbers, errors); instances are unsaved and fully cleaned."""
    if not table.header:
        return [], [(1, _("文件为空，没有表头。"))]
    missing = [label for label in REQUIRED if label not in table.header]
    if missing:
        return [], [
            (
                table.header_row,
                _("表头缺少必需的列：%(columns)s。抽检结果的表头应为：%(header)s")
                % {"columns": "、".join(missing), "header": "、".join(HEADER)},
            )
        ]
    departments = {d.name: d for d in Department.objects.all()}
    existing = {
        result.report_number: result
        for result in SamplingResult.objects.filter(
            report_number__in=[_text(row.get(REPORT_NUMBER)) for _n, row in table.rows]
        )
    }
    parsed, errors, seen = [], [], {}
    for row_number, row in table.rows:
        if _is_blank(row.values()):
            continue
        row_errors, values = [], {}
        for label, name in COLUMNS.items():
            if label not in table.header:
                continue
            raw = row.get(label)
            text = _text(raw)
            if not text:
                if label in REQUIRED:
                    row_errors.append(_("%(column)s不能为空") % {"column": label})
                continue
            if label in DATE_COLUMNS:
                date, bad = _parse_date(raw)
                if date is None:
                    row_errors.append(
                        _("%(column)s“%(value)s”不是有效日期，应为 2026-03-05 格式")
                        % {"column": label, "value": bad}
                    )
                else:
                    values[name] = date
            elif label == "抽样数量":
                number = _parse_int(raw)
                if number is None or number < 1 or number > MAX_INT:
                    row_errors.append(
                        _("%(column)s“%(value)s”不是正整数") % {"column": label, "value": text}
                    )
                else:
                    values[name] = number
            elif label in CHOICE_COLUMNS:
                choices = CHOICE_COLUMNS[label]
                code = _parse_choice(choices, text)
                if code is None:
                    allowed = "、".join(str(lbl) for c, lbl in choices.choices if c)
                    row_errors.append(
                        _("%(column)s“%(value)s”无法识别，可选值：%(allowed)s")
                        % {"column": label, "value": text, "allowed": allowed}
                    )
                else:
                    values[name] = code
            elif label == "被抽样单位统一社会信用代码":
                code = text.upper()
                try:
                    validate_credit_code(code)
                except ValidationError as error:
                    row_errors.append(
                        _("%(column)s“%(value)s”有误：%(message)s")
                        % {"column": label, "value": text, "message": error.messages[0]}
                    )
                else:
                    values[name] = code
            elif label == "承办科室":
                if text not in departments:
                    row_errors.append(
                        _("%(column)s“%(value)s”不存在，请先在“科室”中添加")
                        % {"column": label, "value": text}
                    )
                elif (
                    allowed_departments is not None
                    and departments[text].pk not in allowed_departments
                ):
                    row_errors.append(
                        _("%(column)s“%(value)s”不是您所在的科室，只能导入本科室的抽检结果")
                        % {"column": label, "value": text}
                    )
                else:
                    values[name] = departments[text]
            else:
                values[name] = text
        number = values.get("report_number")
        if number:
            if number in seen:
                row_errors.append(
                    _("%(column)s“%(value)s”与第 %(row)s 行重复")
                    % {"column": REPORT_NUMBER, "value": number, "row": seen[number]}
                )
            else:
                seen[number] = row_number
        department_given = bool(_text(row.get("承办科室")))
        if "department" not in values and not department_given:
            if default_department is None:
                row_errors.append(_("承办科室不能为空（文件中没有该列时请在导入时选择科室）"))
            else:
                values["department"] = default_department
        if not row_errors:
            instance = existing.get(number) or SamplingResult()
            before = _snapshot(instance) if instance.pk else None
            # A column left out of the file keeps the existing value (or the default).
            for name, value in values.items():
                setattr(instance, name, value)
            try:
                instance.full_clean(validate_unique=False)
            except ValidationError as error:
                row_errors += _model_messages(error)
            else:
                parsed.append((row_number, instance, before))
        errors += [(row_number, message) for message in row_errors]
    if not parsed and not errors:
        errors.append((table.header_row, _("文件中没有数据行。")))
    return parsed, errors


def _snapshot(instance):
    return {name: getattr(instance, name) for name in COLUMNS.values() if name != "department"} | {
        "department": instance.department_id
    }


def validate(table: Table, department=None, allowed_departments=None) -> list[tuple[int, str]]:
    return _parse(table, department, allowed_departments)[1]


def import_table(
    table: Table, department=None, user=None, reason=None, allowed_departments=None
) -> ImportResult:
    """Import the rows of ``table``: all validated first; any error → nothing written.

    ``department`` fills 承办科室 for files without that column; ``allowed_departments`` (ids)
    limits the 承办科室 a row may name (an editor imports for their own departments only).
    Each created or changed record gets a history entry with ``reason`` (default 导入) and
    ``user``.
    """
    parsed, errors = _parse(table, department, allowed_departments)
    if errors:
        return ImportResult(errors=errors)
    result = ImportResult()
    reason = (reason or _("导入"))[:100]
    with transaction.atomic():
        for _row_number, instance, before in parsed:
            if before is not None and before == _snapshot(instance):
                result.unchanged += 1
                continue
            instance._change_reason = reason
            if user is not None and getattr(user, "is_authenticated", False):
                instance._history_user = user
            created = instance.pk is None
            instance.save()
            if created:
                result.created += 1
            else:
                result.updated += 1
    return result


def export_rows(queryset=None) -> list[list]:
    """The header and one row per result, in the import format (re-importable)."""
    queryset = SamplingResult.objects.all() if queryset is None else queryset
    rows = [list(HEADER)]
    for result in queryset.select_related("department"):
        row = []
        for name in COLUMNS.values():
            if name == "department":
                row.append(result.department.name)
                continue
            display = getattr(result, f"get_{name}_display", None)
            value = display() if display and getattr(result, name) else getattr(result, name)
            row.append("" if value is None else str(value))
        rows.append(row)
    return rows
