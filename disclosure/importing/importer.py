"""The :class:`Importer` base class: validate every row, then write all of them or none."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .files import read_rows
from .result import ImportResult, Outcome, RowError
from .table import Column, Row, Table, find_table, table_of

#: ``progress(stage, done, total)``: ``stage`` is 校验 (validating) or 写入 (writing).
Progress = Callable[[str, int, int], None]


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class InvalidRow(Exception):
    """Raised by :meth:`Importer.clean_row` (or :meth:`Importer.write_row`) when a row cannot be
    imported. Each problem is a message, or a ``(column_label, message)`` pair; give them all at
    once so that the user sees every error of the row."""

    def __init__(self, *problems):
        super().__init__(*problems)
        self.problems = [
            problem if isinstance(problem, tuple) else ("", problem) for problem in problems
        ]


def refuse_control_characters(row) -> None:
    """A NUL byte (or another control character but tab and line breaks) in a cell is a damaged
    or forged file: the database would cut the value at it (``2026-08-02`` stored as ``2026-``)
    or refuse it. The row is refused, naming the column."""
    for label, value in row.items():
        if isinstance(value, str) and _CONTROL.search(value):
            raise InvalidRow(
                _("“%(column)s”含有不可见的控制字符（如 NUL），请检查文件是否损坏。")
                % {"column": label}
            )


class Importer:
    """Imports one tabular format. Subclasses declare :attr:`columns` and implement
    :meth:`clean_row` and :meth:`write_row`; see the package docstring for an example."""

    #: The columns of the format, in the order of an exported file.
    columns: Sequence[Column] = ()
    #: What a file of this format holds, for messages (e.g. 标准目录).
    name = gettext_lazy("导入文件")
    #: The model written, if any: its fields' verbose names label model validation errors.
    model = None
    result_class = ImportResult
    #: Report progress every so many rows.
    progress_every = 500

    def __init__(self, *, user=None, reason=None):
        #: Who imports (recorded in history by :meth:`record_history`), and why.
        self.user = user
        self.reason = str(reason or _("导入"))[:100]

    # ------------------------------------------------------------------ what a subclass writes

    def prepare(self, table: Table) -> None:
        """Called once before the rows are cleaned: look up what rows refer to in bulk, reset
        per-file state (e.g. the keys seen so far, to refuse duplicates)."""

    def clean_row(self, row: Row):
        """The row's values ready to write, or raise :class:`InvalidRow` (or a Django
        ``ValidationError``) naming every problem. Must not write anything."""
        raise NotImplementedError

    def before_write(self, rows: list) -> None:
        """Called once, inside the transaction, with every cleaned row before the first
        :meth:`write_row`: fetch the existing records in bulk."""

    def write_row(self, cleaned) -> Outcome:
        """Write one cleaned row and say what it did. An :class:`InvalidRow` or
        ``ValidationError`` raised here is reported against the row and the whole import is
        rolled back; any other exception rolls it back and propagates."""
        raise NotImplementedError

    def finish(self, result: ImportResult) -> None:
        """Called inside the transaction after every row was written: add warnings."""

    # ------------------------------------------------------------------ running an import

    def read(self, source, filename=None) -> Table:
        """The table in a ``.csv`` or ``.xlsx`` file (see :func:`.files.read_rows` for
        ``source``); raises :class:`~.files.FileError` when it cannot be read."""
        return find_table(read_rows(source, filename), self.columns)

    def run(self, source, filename=None, *, dry_run=False, progress: Progress | None = None):
        """Read a file and import it: :meth:`read`, then :meth:`import_table`."""
        return self.import_table(self.read(source, filename), dry_run=dry_run, progress=progress)

    def import_table(self, rows, *, dry_run=False, progress: Progress | None = None):
        """Validate every row of ``rows`` (a :class:`Table`, or dicts keyed by column label);
        unless ``dry_run`` and if no row has an error, write them all in one transaction.
        Returns the :class:`ImportResult`; with errors, nothing was written."""
        table = table_of(rows, self.columns)
        result = self.result_class(dry_run=dry_run)
        cleaned = self._clean(table, result, progress)
        if result.errors or dry_run:
            return result
        with transaction.atomic():
            self._write(cleaned, result, progress)
            if result.errors:
                transaction.set_rollback(True)
        if result.errors:
            return self.result_class(errors=result.errors, checked=result.checked)
        return result

    def record_history(self, instance) -> None:
        """Have django-simple-history record the import's reason and user with ``instance``'s
        next save."""
        instance._change_reason = self.reason
        if self.user is not None and getattr(self.user, "is_authenticated", False):
            instance._history_user = self.user

    def _clean(self, table: Table, result: ImportResult, progress) -> list[tuple[int, object]]:
        if not table.header:
            result.add_error(1, _("文件为空，没有表头。"))
            return []
        missing = [c.label for c in self.columns if c.required and c.label not in table.header]
        if missing:
            result.add_error(
                table.header_row,
                _("表头缺少必需的列：%(columns)s。%(name)s的表头应为：%(header)s")
                % {
                    "columns": "、".join(missing),
                    "name": self.name,
                    "header": "、".join(column.label for column in self.columns),
                },
            )
            return []
        rows = [row for row in table if not row.is_blank()]
        self.prepare(table)
        cleaned = []
        for done, row in enumerate(rows, start=1):
            try:
                refuse_control_characters(row)
                cleaned.append((row.number, self.clean_row(row)))
            except (InvalidRow, ValidationError) as error:
                result.errors += self._row_errors(row.number, error)
            self._progress(progress, _("校验"), done, len(rows))
        result.checked = len(rows)
        if not rows:
            result.add_error(table.header_row, _("文件中没有数据行。"))
        return cleaned

    def _write(self, cleaned, result: ImportResult, progress) -> None:
        self.before_write([values for _number, values in cleaned])
        for done, (number, values) in enumerate(cleaned, start=1):
            try:
                outcome = self.write_row(values)
            except (InvalidRow, ValidationError) as error:
                result.errors += self._row_errors(number, error)
            else:
                result.add(outcome)
            self._progress(progress, _("写入"), done, len(cleaned))
        if not result.errors:
            self.finish(result)

    def _progress(self, progress, stage, done, total):
        if progress is not None and done % self.progress_every == 0:
            progress(stage, done, total)

    def _row_errors(self, number, error) -> list[RowError]:
        if isinstance(error, InvalidRow):
            problems = error.problems
        else:
            problems = self.validation_problems(error)
        return [RowError(number, message, column) for column, message in problems]

    def validation_problems(self, error: ValidationError) -> list[tuple[str, str]]:
        """A Django ``ValidationError`` as ``(column_label, message)`` pairs; a field's message
        is prefixed with the field's verbose name (``不合格项目：…``)."""
        if not hasattr(error, "error_dict"):
            return [("", message) for message in error.messages]
        columns = {column.field: column.label for column in self.columns if column.field}
        problems = []
        for name, messages in error.message_dict.items():
            label = ""
            if self.model is not None:
                try:
                    label = str(self.model._meta.get_field(name).verbose_name)
                except FieldDoesNotExist:  # NON_FIELD_ERRORS
                    label = ""
            problems += [
                (columns.get(name, ""), f"{label}：{message}" if label else message)
                for message in messages
            ]
        return problems
