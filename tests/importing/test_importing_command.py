"""The base of import management commands (disclosure.importing.command)."""

import io

import pytest
from django.core.management.base import CommandError
from importing_testutils import DepartmentImporter, csv_bytes

from disclosure.departments.models import Department
from disclosure.importing.command import ImportCommand

pytestmark = pytest.mark.django_db


class Small(DepartmentImporter):
    progress_every = 2


def run(path, importer=None, **options):
    out, err = io.StringIO(), io.StringIO()
    command = ImportCommand(stdout=out, stderr=err)
    try:
        command.run_import(importer or DepartmentImporter(), path, **options)
    finally:
        run.out, run.err = out.getvalue(), err.getvalue()


def test_progress_and_summary(tmp_path):
    path = tmp_path / "科室.csv"
    path.write_bytes(csv_bytes([["名称"], ["办公室"], ["法规科"], ["执法支队"]], "gbk"))
    run(path, Small())
    assert run.out.splitlines() == [
        "校验：2/3 行",
        "写入：2/3 行",
        "新增 3 条，更新 0 条，无变化 0 条",
    ]
    run(path, Small(), verbosity=0)
    assert run.out.splitlines() == ["新增 0 条，更新 0 条，无变化 3 条"]


def test_check_only(tmp_path):
    path = tmp_path / "科室.csv"
    path.write_bytes(csv_bytes([["名称"], ["办公室"]]))
    run(path, check=True)
    assert "检查通过：1 行均可导入。" in run.out
    assert not Department.objects.exists()


def test_errors_per_row_and_failure(tmp_path):
    path = tmp_path / "科室.csv"
    path.write_bytes(csv_bytes([["名称", "类型"], ["办公室", "处室"], ["", "科室"]]))
    with pytest.raises(CommandError, match="导入失败：共 2 处错误，未作任何改动。"):
        run(path)
    assert run.err.splitlines() == ["第 2 行：类型“处室”无法识别", "第 3 行：名称不能为空"]
    assert not Department.objects.exists()


def test_unreadable_or_missing_file(tmp_path):
    with pytest.raises(CommandError, match="不支持的文件格式"):
        run(tmp_path / "科室.xls")
    with pytest.raises(CommandError):
        run(tmp_path / "none.csv")
