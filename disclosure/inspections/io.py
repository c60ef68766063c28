"""Import of sampling results (抽检) from ``.csv`` or ``.xlsx`` on the import framework
(:mod:`disclosure.importing`): every row is validated first — cells, credit codes with their
check character, dates, counts, value lists, then the model's own rules — and a file with any
bad row changes nothing; errors are ``(row, message)`` with the row number as the spreadsheet
shows it. Rows are upserted on 检验报告编号, so importing a file twice changes nothing the
second time.
"""

from __future__ import annotations

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from disclosure.departments.models import Department
from disclosure.importing import Column, FileError, Importer, InvalidRow, Outcome, Table
from disclosure.importing.cells import cell_text, parse_date, parse_int
from disclosure.importing.result import ImportResult
from disclosure.organisation.credit_code import validate_credit_code

from .choices import DisposalStatus, SamplingKind, SamplingVerdict
from .models import SamplingResult

#: The file could not be read as a table (format, encoding, damage); Chinese message.
SamplingFileError = FileError

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
MAX_INT = 2_147_483_647

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


#: The columns as the import framework reads them.
IMPORT_COLUMNS = [
    Column(
        label,
        required=label in REQUIRED,
        aliases=tuple(alias for alias, target in HEADER_ALIASES.items() if target == label),
        field=name,
    )
    for label, name in COLUMNS.items()
]


def _parse_choice(choices, text):
    for code, label in choices.choices:
        if code and text in (str(label), code):
            return code
    return CHOICE_ALIASES.get(text) if CHOICE_ALIASES.get(text) in choices.values else None


def _snapshot(instance):
    return {name: getattr(instance, name) for name in COLUMNS.values() if name != "department"} | {
        "department": instance.department_id
    }


class SamplingImporter(Importer):
    """Imports sampling results, upserted on 检验报告编号.

    ``department`` fills 承办科室 for files without that column; ``allowed_departments`` (ids)
    limits the 承办科室 a row may name (an editor imports for their own departments only). A
    column left out of the file keeps the existing value (or the default).
    """

    name = gettext_lazy("抽检结果")
    model = SamplingResult
    columns = IMPORT_COLUMNS

    def __init__(self, *, department=None, allowed_departments=None, user=None, reason=None):
        super().__init__(user=user, reason=reason)
        self.default_department = department
        self.allowed_departments = allowed_departments

    def prepare(self, table):
        self.header = table.header
        self.departments = {d.name: d for d in Department.objects.all()}
        self.existing = {
            result.report_number: result
            for result in SamplingResult.objects.filter(
                report_number__in=[row.text(REPORT_NUMBER) for row in table]
            )
        }
        self.seen = {}

    def clean_row(self, row):
        """The unsaved, fully cleaned instance and a snapshot of it before the change."""
        errors, values = [], {}
        for label, name in COLUMNS.items():
            if label not in self.header:
                continue
            raw = row.get(label)
            text = cell_text(raw)
            if not text:
                if label in REQUIRED:
                    errors.append((label, _("%(column)s不能为空") % {"column": label}))
                continue
            try:
                values[name] = self.clean_cell(label, raw, text)
            except ValidationError as error:
                errors.append((label, error.messages[0]))
        number = values.get("report_number")
        if number:
            if number in self.seen:
                errors.append(
                    (
                        REPORT_NUMBER,
                        _("%(column)s“%(value)s”与第 %(row)s 行重复")
                        % {"column": REPORT_NUMBER, "value": number, "row": self.seen[number]},
                    )
                )
            else:
                self.seen[number] = row.number
        if "department" not in values and not row.text("承办科室"):
            if self.default_department is None:
                errors.append(
                    ("承办科室", _("承办科室不能为空（文件中没有该列时请在导入时选择科室）"))
                )
            else:
                values["department"] = self.default_department
        if errors:
            raise InvalidRow(*errors)
        instance = self.existing.get(number) or SamplingResult()
        before = _snapshot(instance) if instance.pk else None
        for name, value in values.items():
            setattr(instance, name, value)
        instance.full_clean(validate_unique=False)
        return instance, before

    def clean_cell(self, label, raw, text):
        """The value of a filled cell, or a ``ValidationError`` with the message."""
        if label in DATE_COLUMNS:
            date = parse_date(raw)
            if date is None:
                raise ValidationError(
                    _("%(column)s“%(value)s”不是有效日期，应为 2026-03-05 格式")
                    % {"column": label, "value": unicodedata.normalize("NFKC", text)}
                )
            return date
        if label == "抽样数量":
            number = parse_int(raw)
            if number is None or number < 1 or number > MAX_INT:
                raise ValidationError(
                    _("%(column)s“%(value)s”不是正整数") % {"column": label, "value": text}
                )
            return number
        if label in CHOICE_COLUMNS:
            choices = CHOICE_COLUMNS[label]
            code = _parse_choice(choices, text)
            if code is None:
                allowed = "、".join(str(lbl) for c, lbl in choices.choices if c)
                raise ValidationError(
                    _("%(column)s“%(value)s”无法识别，可选值：%(allowed)s")
                    % {"column": label, "value": text, "allowed": allowed}
                )
            return code
        if label == "被抽样单位统一社会信用代码":
            try:
                validate_credit_code(text.upper())
            except ValidationError as error:
                raise ValidationError(
                    _("%(column)s“%(value)s”有误：%(message)s")
                    % {"column": label, "value": text, "message": error.messages[0]}
                ) from error
            return text.upper()
        if label == "承办科室":
            return self.clean_department(label, text)
        return text

    def clean_department(self, label, text):
        if text not in self.departments:
            raise ValidationError(
                _("%(column)s“%(value)s”不存在，请先在“科室”中添加")
                % {"column": label, "value": text}
            )
        department = self.departments[text]
        if self.allowed_departments is not None and department.pk not in self.allowed_departments:
            raise ValidationError(
                _("%(column)s“%(value)s”不是您所在的科室，只能导入本科室的抽检结果")
                % {"column": label, "value": text}
            )
        return department

    def write_row(self, cleaned) -> Outcome:
        instance, before = cleaned
        if before is not None and before == _snapshot(instance):
            return Outcome.UNCHANGED
        self.record_history(instance)
        created = instance.pk is None
        instance.save()
        return Outcome.CREATED if created else Outcome.UPDATED


def read_table(source, filename=None) -> Table:
    """Rows of a ``.csv`` (UTF-8 or GB18030/GBK) or ``.xlsx`` file keyed by their header; a
    title row above the header is skipped. Raises :class:`SamplingFileError` when the file
    cannot be read."""
    return SamplingImporter().read(source, filename)


def validate(table: Table, department=None, allowed_departments=None) -> list[tuple[int, str]]:
    importer = SamplingImporter(department=department, allowed_departments=allowed_departments)
    return importer.import_table(table, dry_run=True).errors


def import_table(
    table: Table, department=None, user=None, reason=None, allowed_departments=None
) -> ImportResult:
    """Import the rows of ``table``: all validated first; any error → nothing written.

    ``department`` fills 承办科室 for files without that column; ``allowed_departments`` (ids)
    limits the 承办科室 a row may name (an editor imports for their own departments only).
    Each created or changed record gets a history entry with ``reason`` (default 导入) and
    ``user``.
    """
    importer = SamplingImporter(
        department=department,
        allowed_departments=allowed_departments,
        user=user,
        reason=reason,
    )
    return importer.import_table(table)


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
