"""Import of a plan's task list: formats of 完成时限, departments, every row error in Chinese,
all or nothing, re-import by (plan, 序号), the command and xlsx."""

import csv
import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import Workbook

from disclosure.departments.models import Department
from disclosure.ledger.io import import_file, parse_due
from disclosure.ledger.models import LedgerTask, TaskStatus
from tests.factories import department, superuser

pytestmark = pytest.mark.django_db

PLAN = "2026年政务公开工作要点"
HEADER = ["序号", "工作任务", "牵头科室", "责任科室", "完成时限"]
ROWS = [
    ["一(一)1", "动态更新基层政务公开标准目录", "办公室", "政策法规科、登记注册科", "2026年6月底"],
    ["一(二)2", "做好政策解读，做到同步解读", "政策法规科", "办公室;执法支队", "长期坚持"],
    ["二(一)1", "编制发布2025年度政府信息公开工作年度报告", "办公室", "", "2026-01-31"],
]


def csv_bytes(rows, header=HEADER, title="2026年政务公开工作要点任务分解表"):
    stream = io.StringIO()
    writer = csv.writer(stream)
    if title:
        writer.writerow([title])
    writer.writerow(header)
    writer.writerows(rows)
    return stream.getvalue().encode("utf-8-sig")


def run(rows, plan=PLAN, **kwargs):
    return import_file(io.BytesIO(csv_bytes(rows)), "tasks.csv", plan=plan, **kwargs)


@pytest.fixture
def departments():
    return {name: department(name) for name in ("办公室", "政策法规科", "登记注册科", "执法支队")}


# --------------------------------------------------------------------------- due dates


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("2026年6月底", dt.date(2026, 6, 30)),
        ("2026年2月底前", dt.date(2026, 2, 28)),
        ("2028年2月底", dt.date(2028, 2, 29)),
        ("6月底", dt.date(2026, 6, 30)),
        ("11月", dt.date(2026, 11, 30)),
        ("2026年底", dt.date(2026, 12, 31)),
        ("年底前", dt.date(2026, 12, 31)),
        ("上半年", dt.date(2026, 6, 30)),
        ("第三季度", dt.date(2026, 9, 30)),
        ("2026年3月15日前", dt.date(2026, 3, 15)),
        ("2026-01-31", dt.date(2026, 1, 31)),
        ("２０２６年４月３０日", dt.date(2026, 4, 30)),
        (dt.datetime(2026, 5, 20), dt.date(2026, 5, 20)),
    ],
)
def test_due_dates(text, due):
    day, note, error = parse_due(text, 2026)
    assert error is None
    assert day == due


@pytest.mark.parametrize("text", ["长期坚持", "持续推进", "常态化开展"])
def test_open_ended_terms_have_no_due_date(text):
    assert parse_due(text, 2026) == (None, text, None)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "完成时限不能为空（长期任务请填写“长期坚持”或“持续推进”）"),
        ("尽快", "完成时限“尽快”无法识别"),
        ("2026年13月底", "完成时限“2026年13月底”无法识别"),
        ("2026-02-30", "完成时限“2026-02-30”无法识别"),
    ],
)
def test_unreadable_due_dates(text, message):
    day, _note, error = parse_due(text, 2026)
    assert day is None
    assert error.startswith(message)


def test_a_month_without_year_needs_the_plan_year():
    assert "缺少年份" in parse_due("6月底", None)[2]


# --------------------------------------------------------------------------- import


def test_happy_path(departments):
    user = superuser()
    result = run(ROWS, user=user, reason="导入：tasks.csv")
    assert result.ok, result.errors
    assert (result.created, result.updated) == (3, 0)
    first = LedgerTask.objects.get(plan=PLAN, number="一(一)1")
    assert first.year == 2026
    assert first.lead_department == departments["办公室"]
    assert {d.name for d in first.responsible_departments.all()} == {"政策法规科", "登记注册科"}
    assert first.due_on == dt.date(2026, 6, 30)
    assert first.due_note == "2026年6月底"
    assert first.status == TaskStatus.NOT_STARTED
    assert first.history.first().history_user == user
    second = LedgerTask.objects.get(number="一(二)2")
    assert second.due_on is None and second.due_note == "长期坚持"
    assert {d.name for d in second.responsible_departments.all()} == {"办公室", "执法支队"}
    assert result.warnings == []


def test_unknown_departments_are_created_with_a_warning(departments):
    rows = [["1", "政务新媒体管理", "应急宣传科", "各科室，网络值班科室", "长期坚持"]]
    result = run(rows)
    assert result.ok
    assert result.created_departments == ["应急宣传科", "各科室", "网络值班科室"]
    assert result.warnings == [
        "新建了 3 个科室：应急宣传科、各科室、网络值班科室（如为笔误，请在科室管理中更正）"
    ]
    assert Department.objects.get(name="各科室").is_placeholder


def test_every_row_error_in_chinese_and_nothing_written(departments):
    rows = [
        ["1", "任务一", "办公室", "", "2026年6月底"],
        ["", "无序号", "办公室", "", "2026年6月底"],
        ["1", "序号重复", "办公室", "", "2026年6月底"],
        ["3", "", "办公室", "", "2026年6月底"],
        ["4", "无牵头", "", "", "2026年6月底"],
        ["5", "两个牵头", "办公室、政策法规科", "", "2026年6月底"],
        ["6", "时限不明", "办公室", "", "尽快"],
        ["7", "科室名太长", "办公室", "科" * 101, "长期坚持"],
        ["8" * 31, "序号太长", "办公室", "", "长期坚持"],
    ]
    result = run(rows)
    assert not result.ok
    assert result.summary() == "导入失败：共 8 处错误，未作任何改动。"
    assert [(row, message) for row, message in result.errors] == [
        (4, "序号不能为空"),
        (5, "序号“1”与第 3 行重复"),
        (6, "工作任务不能为空"),
        (7, "牵头科室不能为空"),
        (8, "牵头科室只能填写一个，其余科室请填入“责任科室”：办公室、政策法规科"),
        (
            9,
            "完成时限“尽快”无法识别，请填写日期（如 2026-06-30）、“2026年6月底”或“长期坚持”",
        ),
        (10, f"科室名称“{'科' * 101}”过长，最多 100 个字符"),
        (11, f"序号“{'8' * 31}”过长，最多 30 个字符"),
    ]
    assert LedgerTask.objects.count() == 0
    assert Department.objects.count() == 4


def test_missing_column_is_one_error():
    data = csv_bytes([["1", "任务", "办公室"]], header=["序号", "工作任务", "牵头科室"])
    result = import_file(io.BytesIO(data), "tasks.csv", plan=PLAN)
    assert [message for _row, message in result.errors] == [
        "表头缺少必需的列：完成时限。工作台账任务清单的表头应为：序号、工作任务、牵头科室、责任科室、完成时限"
    ]


def test_plan_without_year_needs_one(departments):
    result = run(ROWS[:1], plan="政务公开工作要点")
    assert [message for _row, message in result.errors] == ["计划名称不以年份开头，请指定年度"]
    assert run(ROWS[:1], plan="政务公开工作要点", year=2026).ok
    assert LedgerTask.objects.get().year == 2026


def test_reimport_updates_instead_of_duplicating(departments):
    assert run(ROWS).created == 3
    records = LedgerTask.objects.get(number="一(一)1").history.count()
    changed = [list(row) for row in ROWS]
    changed[0][1] = "动态更新基层政务公开标准目录（修订）"
    changed[0][3] = "政策法规科"
    result = run(changed)
    assert result.ok
    assert (result.created, result.updated, result.unchanged) == (0, 1, 2)
    assert LedgerTask.objects.count() == 3
    first = LedgerTask.objects.get(number="一(一)1")
    assert first.task.endswith("（修订）")
    assert [d.name for d in first.responsible_departments.all()] == ["政策法规科"]
    assert first.history.count() == records + 1  # one record for the whole change
    # Another plan with the same numbers is a separate list.
    assert run(ROWS, plan="2027年政务公开工作要点").created == 3
    assert LedgerTask.objects.count() == 6


def test_reimport_keeps_progress_and_warns_of_tasks_not_in_the_file(departments):
    run(ROWS)
    LedgerTask.objects.filter(number="二(一)1").update(
        status=TaskStatus.IN_PROGRESS, progress="已起草"
    )
    result = run(ROWS[1:])
    assert result.warnings == ["台账中该计划的 1 项任务不在文件中，保持不变（序号：一(一)1）"]
    kept = LedgerTask.objects.get(number="二(一)1")
    assert kept.status == TaskStatus.IN_PROGRESS and kept.progress == "已起草"


def test_reimport_refuses_to_change_a_closed_task(departments):
    run(ROWS)
    LedgerTask.objects.get(number="二(一)1").close(superuser(), "/xxgk/ndbg/")
    assert run(ROWS).ok  # unchanged: fine
    changed = [list(row) for row in ROWS]
    changed[2][4] = "2026-02-28"
    changed[0][1] = "改了"
    result = run(changed)
    assert [(row, message) for row, message in result.errors] == [
        (5, "任务“二(一)1”已销账，文件中的内容与台账不同；如需修改请先在台账中重新打开该任务")
    ]
    assert LedgerTask.objects.get(number="一(一)1").task == ROWS[0][1]


def test_xlsx_with_date_cells(tmp_path, departments):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["2026年任务清单"])
    sheet.append(HEADER)
    sheet.append([1, "任务一", "办公室", "执法支队", dt.datetime(2026, 9, 30)])
    path = tmp_path / "tasks.xlsx"
    workbook.save(path)
    result = import_file(str(path), plan=PLAN)
    assert result.ok, result.errors
    item = LedgerTask.objects.get()
    assert (item.number, item.due_on) == ("1", dt.date(2026, 9, 30))


def test_command(tmp_path, departments):
    path = tmp_path / "tasks.csv"
    path.write_bytes(csv_bytes(ROWS))
    out = io.StringIO()
    call_command("import_ledger_tasks", str(path), "--plan", PLAN, "--check", stdout=out)
    assert "检查通过：3 行均可导入。" in out.getvalue()
    assert LedgerTask.objects.count() == 0
    out = io.StringIO()
    call_command("import_ledger_tasks", str(path), "--plan", PLAN, stdout=out)
    assert "导入计划“2026年政务公开工作要点”（2026 年度）" in out.getvalue()
    assert "新增 3 条，更新 0 条，无变化 0 条" in out.getvalue()
    assert LedgerTask.objects.count() == 3


def test_command_reports_row_errors(tmp_path, departments):
    path = tmp_path / "tasks.csv"
    path.write_bytes(csv_bytes([["1", "", "办公室", "", "尽快"]]))
    err = io.StringIO()
    with pytest.raises(CommandError, match="导入失败：共 2 处错误"):
        call_command("import_ledger_tasks", str(path), "--plan", PLAN, stderr=err)
    assert "第 3 行：工作任务不能为空" in err.getvalue()
    with pytest.raises(CommandError, match="请用 --year 指定年度"):
        call_command("import_ledger_tasks", str(path), "--plan", "工作要点")


def test_the_shipped_sample_imports():
    from disclosure.ledger.io import SAMPLE_TASK_LIST

    result = import_file(SAMPLE_TASK_LIST, plan=PLAN)
    assert result.ok, result.errors
    assert result.created == 6
    sample = LedgerTask.objects.get(number="三(二)1")
    assert {d.name for d in sample.responsible_departments.all()} == {"网络值班科室", "办公室"}
