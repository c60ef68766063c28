"""Import of a plan's task list (e.g. the tasks of 2026年政务公开工作要点) into the work ledger,
on the framework of :mod:`disclosure.importing`.

The file (``.csv`` or ``.xlsx``) has the columns 序号 | 工作任务 | 牵头科室 | 责任科室 | 完成时限,
under an optional title row. 责任科室 may name several departments, separated by ``、``, ``，``,
``,``, ``;`` or ``；``. 完成时限 is a date in any form the framework reads (``2026-06-30``,
``2026年6月30日``, an Excel date), a month end (``2026年6月底``, ``6月底`` in the plan's year),
a half year, a quarter or the year end (``2026年底``), or an open-ended term (``长期坚持``,
``持续推进``: no due date).

Departments are found by name or created (:meth:`Department.get_or_create_by_name`), as the
standard catalogue's import does (names such as ``各科室`` become placeholders); the result
warns which departments were created so that a misspelt name is noticed. Every row is checked
before anything is written, and nothing is written when a row has an error. Tasks are keyed by
(plan, 序号): importing the plan again updates its tasks instead of adding copies; a closed
(销账) task is refused when the file would change it.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from disclosure.departments.models import Department
from disclosure.importing import (
    Column,
    FileError,
    Importer,
    ImportResult,
    InvalidRow,
    Outcome,
    cell_text,
    parse_date,
)

from .models import LedgerTask, plan_year

#: A sample task list in the import format (shown in the admin's upload page and the README).
SAMPLE_TASK_LIST = Path(__file__).resolve().parent / "data" / "task_list_sample.csv"

# Column labels of the file format (what users see in their spreadsheets; not translated).
NUMBER = "序号"
TASK = "工作任务"
LEAD = "牵头科室"
RESPONSIBLE = "责任科室"
DUE = "完成时限"

HEADER = [NUMBER, TASK, LEAD, RESPONSIBLE, DUE]
COLUMNS = [
    Column(NUMBER, required=True, field="number", aliases=("编号",)),
    Column(TASK, required=True, field="task", aliases=("任务", "工作内容", "重点任务", "任务内容")),
    Column(LEAD, required=True, field="lead_department", aliases=("牵头单位", "牵头部门")),
    Column(
        RESPONSIBLE,
        field="responsible_departments",
        aliases=("责任单位", "责任部门", "配合科室", "配合单位"),
    ),
    Column(DUE, required=True, field="due_on", aliases=("完成时间", "时限要求", "时限")),
]

#: A file that cannot be read as a table at all; the message is in Chinese.
LedgerFileError = FileError

_NAME_SPLIT = re.compile(r"[、，,;；\r\n]+")
_ONGOING = re.compile(r"^(长期|持续|常态化|经常性)")
_BEFORE = re.compile(r"(以前|之前|前)$")
_YEAR = r"(?:(\d{4})年)?"
_MONTH_END = re.compile(rf"^{_YEAR}(\d{{1,2}})月(?:底|末|份|中旬|下旬)?$")
_YEAR_END = re.compile(rf"^{_YEAR}(?:年底|年末|底|末|全年|年内)$")
_HALF = re.compile(rf"^{_YEAR}(上|下)半年(?:底|末)?$")
_QUARTER = re.compile(rf"^{_YEAR}第?([一二三四1234])季度(?:底|末)?$")
_QUARTERS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def parse_due(value, default_year: int | None = None):
    """``(due_on, note, error)`` for a 完成时限 cell: the due date (``None`` for an open-ended
    term), the text as written (kept as the task's 完成时限（原文）) and a Chinese error
    message or ``None``. A term without a year (``6月底``) is in ``default_year``."""
    note = cell_text(value)
    if isinstance(value, dt.date | dt.datetime):
        day = parse_date(value)
        return day, day.isoformat(), None
    text = unicodedata.normalize("NFKC", note).replace(" ", "")
    if not text:
        return None, "", _("完成时限不能为空（长期任务请填写“长期坚持”或“持续推进”）")
    if _ONGOING.match(text):
        return None, note, None
    text = _BEFORE.sub("", text)
    day = parse_date(text)
    if day is not None:
        return day, note, None

    def year_of(match_year):
        return int(match_year) if match_year else default_year

    unreadable = _(
        "完成时限“%(value)s”无法识别，请填写日期（如 2026-06-30）、“2026年6月底”或“长期坚持”"
    ) % {"value": note}
    no_year = _("完成时限“%(value)s”缺少年份，且计划名称不以年份开头") % {"value": note}
    for pattern, resolve in (
        (_MONTH_END, lambda m: (m.group(1), int(m.group(2)))),
        (_YEAR_END, lambda m: (m.group(1), 12)),
        (_HALF, lambda m: (m.group(1), 6 if m.group(2) == "上" else 12)),
        (_QUARTER, lambda m: (m.group(1), _QUARTERS[m.group(2)] * 3)),
    ):
        match = pattern.match(text)
        if match:
            written_year, month = resolve(match)
            year = year_of(written_year)
            if year is None:
                return None, note, no_year
            if not 1 <= month <= 12:
                return None, note, unreadable
            return _month_end(year, month), note, None
    return None, note, unreadable


def split_names(value) -> list[str]:
    """Department names of a cell, without blanks or repeats, in order."""
    names = []
    for part in _NAME_SPLIT.split(cell_text(value)):
        part = part.strip()
        if part and part not in names:
            names.append(part)
    return names


@dataclass
class LedgerImportResult(ImportResult):
    #: Names of the departments the import created.
    created_departments: list[str] = field(default_factory=list)


@dataclass
class _ParsedRow:
    number: str
    task: str
    lead: str
    responsible: list[str]
    due_on: dt.date | None
    due_note: str


def _max_length(field_name):
    return LedgerTask._meta.get_field(field_name).max_length


class LedgerImporter(Importer):
    """Imports one plan's task list (see the module's docstring)."""

    name = gettext_lazy("工作台账任务清单")
    model = LedgerTask
    columns = COLUMNS
    result_class = LedgerImportResult

    def __init__(self, *, plan: str, year: int | None = None, user=None, reason=None):
        super().__init__(user=user, reason=reason)
        self.plan = (plan or "").strip()
        self.year = year or plan_year(self.plan)

    def prepare(self, table):
        self.seen = {}
        self.existing = {
            task.number: task
            for task in LedgerTask.objects.filter(plan=self.plan)
            .select_related("lead_department")
            .prefetch_related("responsible_departments")
        }
        self.name_max = Department._meta.get_field("name").max_length

    def clean_row(self, row) -> _ParsedRow:
        errors = []
        if not self.plan:
            errors.append(("", _("未指定计划名称")))
        elif len(self.plan) > _max_length("plan"):
            errors.append(
                ("", _("计划名称过长，最多 %(max)s 个字符") % {"max": _max_length("plan")})
            )
        if self.year is None:
            errors.append(("", _("计划名称不以年份开头，请指定年度")))

        number = unicodedata.normalize("NFKC", row.text(NUMBER)).replace(" ", "")
        if not number:
            errors.append((NUMBER, _("序号不能为空")))
        elif len(number) > _max_length("number"):
            errors.append(
                (
                    NUMBER,
                    _("序号“%(value)s”过长，最多 %(max)s 个字符")
                    % {"value": number, "max": _max_length("number")},
                )
            )
        elif number in self.seen:
            errors.append(
                (
                    NUMBER,
                    _("序号“%(number)s”与第 %(row)s 行重复")
                    % {"number": number, "row": self.seen[number]},
                )
            )
        else:
            self.seen[number] = row.number

        task = row.text(TASK)
        if not task:
            errors.append((TASK, _("工作任务不能为空")))

        leads = split_names(row.get(LEAD))
        if not leads:
            errors.append((LEAD, _("牵头科室不能为空")))
        elif len(leads) > 1:
            errors.append(
                (
                    LEAD,
                    _("牵头科室只能填写一个，其余科室请填入“责任科室”：%(names)s")
                    % {"names": "、".join(leads)},
                )
            )
        responsible = split_names(row.get(RESPONSIBLE))
        for column, names in ((LEAD, leads), (RESPONSIBLE, responsible)):
            for name in names:
                if len(name) > self.name_max:
                    errors.append(
                        (
                            column,
                            _("科室名称“%(name)s”过长，最多 %(max)s 个字符")
                            % {"name": name, "max": self.name_max},
                        )
                    )

        due_on, due_note, error = parse_due(row.get(DUE), self.year)
        if error:
            errors.append((DUE, error))
        elif len(due_note) > _max_length("due_note"):
            errors.append(
                (DUE, _("完成时限过长，最多 %(max)s 个字符") % {"max": _max_length("due_note")})
            )

        if errors:
            raise InvalidRow(*errors)
        parsed = _ParsedRow(number, task, leads[0], responsible, due_on, due_note)
        stored = self.existing.get(number)
        if stored is not None and stored.is_closed and self._differs(stored, parsed):
            raise InvalidRow(
                (
                    NUMBER,
                    _(
                        "任务“%(number)s”已销账，文件中的内容与台账不同；如需修改请先在台账中重新打开该任务"
                    )
                    % {"number": number},
                )
            )
        return parsed

    @staticmethod
    def _differs(task: LedgerTask, row: _ParsedRow) -> bool:
        return (
            task.task != row.task
            or task.lead_department.name != row.lead
            or {d.name for d in task.responsible_departments.all()} != set(row.responsible)
            or task.due_on != row.due_on
            or task.due_note != row.due_note
        )

    def before_write(self, rows):
        self.departments = {}
        self.created_departments = []
        self.not_in_file = sorted(set(self.existing) - {row.number for row in rows})

    def department(self, name) -> Department:
        if name not in self.departments:
            existed = Department.objects.filter(name=name).exists()
            self.departments[name] = Department.get_or_create_by_name(name)
            if not existed:
                self.created_departments.append(name)
        return self.departments[name]

    def write_row(self, row: _ParsedRow) -> Outcome:
        lead = self.department(row.lead)
        responsible = [self.department(name) for name in row.responsible]
        task = self.existing.get(row.number)
        created = task is None
        if created:
            task = LedgerTask(plan=self.plan, number=row.number, year=self.year)
        elif not self._differs(task, row):
            return Outcome.UNCHANGED
        task.task = row.task
        task.lead_department = lead
        task.due_on = row.due_on
        task.due_note = row.due_note
        task.full_clean()
        self.record_history(task)
        if created:
            task.save()
            task.responsible_departments.set(responsible)
            return Outcome.CREATED
        # One history record for the whole change: the save snapshots the departments too.
        task.skip_history_when_saving = True
        try:
            task.responsible_departments.set(responsible)
        finally:
            del task.skip_history_when_saving
        task.save()
        return Outcome.UPDATED

    def finish(self, result):
        result.created_departments = list(self.created_departments)
        if self.created_departments:
            result.warnings.append(
                _("新建了 %(count)s 个科室：%(names)s（如为笔误，请在科室管理中更正）")
                % {
                    "count": len(self.created_departments),
                    "names": "、".join(self.created_departments),
                }
            )
        if self.not_in_file:
            result.warnings.append(
                _("台账中该计划的 %(count)s 项任务不在文件中，保持不变（序号：%(numbers)s）")
                % {"count": len(self.not_in_file), "numbers": "、".join(self.not_in_file)}
            )


def import_file(source, filename=None, *, plan, year=None, user=None, reason=None, dry_run=False):
    """Read and import a task list; raises :class:`LedgerFileError` for an unreadable file."""
    importer = LedgerImporter(plan=plan, year=year, user=user, reason=reason)
    return importer.run(source, filename, dry_run=dry_run)
