"""Helpers for the import framework tests: files as bytes, and a small importer of
departments (a real model, so that the all-or-nothing write is tested against a database)."""

import csv
import io

from django.core.exceptions import ValidationError
from openpyxl import Workbook

from disclosure.departments.models import Department, DepartmentKind
from disclosure.importing import Column, Importer, InvalidRow, Outcome

KIND_LABELS = {str(label): value for value, label in DepartmentKind.choices}


def csv_text(rows):
    stream = io.StringIO(newline="")
    csv.writer(stream).writerows(rows)
    return stream.getvalue()


def csv_bytes(rows, encoding="utf-8"):
    return csv_text(rows).encode(encoding)


def xlsx_bytes(rows):
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


class DepartmentImporter(Importer):
    """名称 (required) and 类型 (optional, a DepartmentKind label); upserts on 名称."""

    name = "科室"
    model = Department
    columns = [
        Column("名称", required=True, aliases=("科室名称",), field="name"),
        Column("类型", field="kind"),
    ]

    def prepare(self, table):
        self.seen = {}

    def clean_row(self, row):
        problems = []
        name = row.text("名称")
        if not name:
            problems.append(("名称", "名称不能为空"))
        elif name in self.seen:
            problems.append(("名称", f"名称“{name}”与第 {self.seen[name]} 行重复"))
        else:
            self.seen[name] = row.number
        kind = DepartmentKind.SECTION
        if row.text("类型"):
            kind = KIND_LABELS.get(row.text("类型"))
            if kind is None:
                problems.append(("类型", f"类型“{row.text('类型')}”无法识别"))
        if problems:
            raise InvalidRow(*problems)
        return name, kind

    def write_row(self, cleaned):
        name, kind = cleaned
        department = Department.objects.filter(name=name).first()
        if department is not None and department.kind == kind:
            return Outcome.UNCHANGED
        created = department is None
        department = department or Department(name=name)
        department.kind = kind
        department.full_clean(validate_unique=False)
        department.save()
        return Outcome.CREATED if created else Outcome.UPDATED


class FailingImporter(DepartmentImporter):
    """Fails while writing the row named ``fail_on``: with ``error`` (an exception instance)."""

    def __init__(self, fail_on, error, **kwargs):
        super().__init__(**kwargs)
        self.fail_on, self.error = fail_on, error

    def write_row(self, cleaned):
        if cleaned[0] == self.fail_on:
            raise self.error
        return super().write_row(cleaned)


def invalid(message="名称不合规"):
    return ValidationError({"name": [message]})
