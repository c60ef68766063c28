"""The Importer: every row validated first, errors by row and column in Chinese, all-or-nothing
write in one transaction, dry run, progress, the result (disclosure.importing.importer/result)."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from importing_testutils import (
    DepartmentImporter,
    FailingImporter,
    csv_bytes,
    invalid,
    xlsx_bytes,
)

from disclosure.departments.models import Department, DepartmentKind
from disclosure.importing import ImportResult, InvalidRow, Outcome, RowError

pytestmark = pytest.mark.django_db

HEADER = ["名称", "类型"]


def upload(rows, name="科室.csv", encoding="utf-8", title=None):
    rows = ([[title]] if title else []) + [HEADER, *rows]
    if name.endswith(".xlsx"):
        return SimpleUploadedFile(name, xlsx_bytes(rows))
    return SimpleUploadedFile(name, csv_bytes(rows, encoding))


def names():
    return sorted(Department.objects.values_list("name", flat=True))


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "utf-8-sig", "utf-8"])
def test_csv_in_every_encoding_is_imported(encoding):
    result = DepartmentImporter().run(upload([["办公室"], ["执法支队", "支队"]], encoding=encoding))
    assert result.ok, result.errors
    assert (result.created, result.updated, result.unchanged) == (2, 0, 0)
    assert Department.objects.get(name="执法支队").kind == DepartmentKind.DETACHMENT


def test_xlsx_with_a_title_row_above_the_header():
    result = DepartmentImporter().run(upload([["办公室"]], name="科室.xlsx", title="科室名单"))
    assert result.ok, result.errors
    assert names() == ["办公室"]


def test_reimport_counts_unchanged_and_updated():
    DepartmentImporter().run(upload([["办公室"], ["执法支队"]]))
    result = DepartmentImporter().run(upload([["办公室"], ["执法支队", "支队"], ["法规科"]]))
    assert (result.created, result.updated, result.unchanged) == (1, 1, 1)
    assert result.summary() == "新增 1 条，更新 1 条，无变化 1 条"


def test_missing_required_column_is_one_chinese_error_on_the_header_row():
    data = csv_bytes([["科室名单"], ["类型", "备注"], ["科室", "x"]])
    result = DepartmentImporter().run(io.BytesIO(data), "科室.csv")
    assert result.errors == [(2, "表头缺少必需的列：名称。科室的表头应为：名称、类型")]
    assert result.summary() == "导入失败：共 1 处错误，未作任何改动。"
    assert names() == []


def test_an_alias_fills_the_required_column():
    data = csv_bytes([["科室名称"], ["办公室"]])
    assert DepartmentImporter().run(io.BytesIO(data), "科室.csv").ok
    assert names() == ["办公室"]


def test_errors_on_several_rows_are_all_reported_with_row_and_column():
    rows = [["办公室"], ["", "科室"], ["法规科", "处室"], ["办公室", "大队"], [], ["执法支队"]]
    result = DepartmentImporter().run(upload(rows, title="科室名单"))
    # The title is row 1, the header row 2; the blank row 7 is skipped but counted.
    assert result.errors == [
        (4, "名称不能为空"),
        (5, "类型“处室”无法识别"),
        (6, "名称“办公室”与第 3 行重复"),
        (6, "类型“大队”无法识别"),
    ]
    assert [error.column for error in result.errors] == ["名称", "类型", "名称", "类型"]
    assert (result.created, result.checked) == (0, 5)
    assert not result.ok
    assert names() == []  # not even the valid rows 3 and 8


def test_validation_error_from_clean_row_is_labelled_with_the_field():
    class Strict(DepartmentImporter):
        def clean_row(self, row):
            raise invalid()

    result = Strict().run(upload([["办公室"]]))
    assert result.errors == [(2, "名称：名称不合规")]
    assert result.errors[0].column == "名称"


def test_error_while_writing_rolls_back_the_rows_already_written():
    importer = FailingImporter("法规科", InvalidRow("法规科已撤销"))
    result = importer.run(upload([["办公室"], ["执法支队"], ["法规科"], ["稽查科"]]))
    assert result.errors == [(4, "法规科已撤销")]  # header on row 1
    assert (result.created, result.updated) == (0, 0)
    assert names() == []


def test_validation_error_while_writing_rolls_back():
    result = FailingImporter("办公室", invalid()).run(upload([["执法支队"], ["办公室"]]))
    assert result.errors == [(3, "名称：名称不合规")]
    assert names() == []


def test_exception_while_writing_rolls_back_and_propagates():
    Department.objects.create(name="原有科室")
    importer = FailingImporter("法规科", RuntimeError("disk full"))
    with pytest.raises(RuntimeError, match="disk full"):
        importer.run(upload([["办公室"], ["执法支队"], ["法规科"]]))
    assert names() == ["原有科室"]


def test_dry_run_validates_and_writes_nothing():
    result = DepartmentImporter().run(upload([["办公室"], ["执法支队"]]), dry_run=True)
    assert result.ok and result.dry_run
    assert result.checked == 2
    assert result.summary() == "检查通过：2 行均可导入。"
    assert names() == []
    bad = DepartmentImporter().run(upload([["办公室", "处室"]]), dry_run=True)
    assert bad.errors == [(2, "类型“处室”无法识别")]


def test_empty_file_and_header_only_file():
    result = DepartmentImporter().run(io.BytesIO(b""), "科室.csv")
    assert result.errors == [(1, "文件为空，没有表头。")]
    result = DepartmentImporter().run(upload([[], []], title="科室名单"))
    assert result.errors == [(2, "文件中没有数据行。")]


def test_plain_dicts_can_be_imported():
    result = DepartmentImporter().import_table([{"科室名称": "办公室"}, {" 名 称": "法规科"}])
    assert result.ok, result.errors
    assert names() == ["办公室", "法规科"]
    result = DepartmentImporter().import_table([{"类型": "科室"}])
    assert result.errors[0].message.startswith("表头缺少必需的列：名称。")


def test_progress_is_reported_every_so_many_rows():
    class Small(DepartmentImporter):
        progress_every = 2

    calls = []
    rows = [[f"科室{n}"] for n in range(5)]
    Small().run(upload(rows), progress=lambda *args: calls.append(args))
    assert calls == [("校验", 2, 5), ("校验", 4, 5), ("写入", 2, 5), ("写入", 4, 5)]


def test_history_reason_and_user(django_user_model):
    user = django_user_model.objects.create_user("importer", password="x")
    department = Department(name="办公室")
    importer = DepartmentImporter(user=user, reason="导入：科室.csv" + "长" * 200)
    importer.record_history(department)
    assert department._history_user == user
    assert department._change_reason == ("导入：科室.csv" + "长" * 200)[:100]
    anonymous = Department(name="x")
    DepartmentImporter().record_history(anonymous)
    assert anonymous._change_reason == "导入"
    assert not hasattr(anonymous, "_history_user")


def test_result():
    result = ImportResult()
    for outcome in (Outcome.CREATED, Outcome.CREATED, Outcome.UPDATED, Outcome.UNCHANGED):
        result.add(outcome)
    assert (result.created, result.updated, result.unchanged) == (2, 1, 1)
    assert result.ok
    result.add_error(3, "名称不能为空", "名称")
    assert result.errors == [(3, "名称不能为空")]
    row, message = result.errors[0]
    assert (row, message) == (result.errors[0].row, result.errors[0].message)
    assert RowError(4, "x").column == ""
    assert not result.ok


def test_a_nul_byte_in_a_cell_refuses_the_row_and_writes_nothing():
    # Issue #11 finding 6: '2026-08-02' was stored as '2026-'.
    result = DepartmentImporter().run(upload([["办公室"], ["执法\x00支队", "支队"]]))
    assert not result.ok
    [error] = result.errors
    assert error.row == 3 and "控制字符" in str(error.message)
    assert names() == []
