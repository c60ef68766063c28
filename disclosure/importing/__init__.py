"""One framework for every import of a spreadsheet (``.csv`` or ``.xlsx``).

What it does for an importer:

* reads the file (:mod:`.files`): CSV in UTF-8, with or without a byte-order mark, or in
  GBK/GB18030 as Excel and WPS save it on Chinese systems; xlsx through openpyxl (first sheet);
  a file it cannot read raises :class:`FileError` with a Chinese message;
* finds the header row below a title or blank lines, reads aliases and half-width brackets as
  the declared labels, merges a two-row header (:mod:`.table`), and refuses a file missing a
  required column with one error on the header row;
* validates EVERY row first and collects every error as ``(row_number, message)`` — the row
  number the spreadsheet shows — with the column as ``error.column``; if any row has an error
  nothing is written;
* writes all rows in ONE transaction: an error or exception while writing rolls back the rows
  already written (all-or-nothing);
* returns an :class:`ImportResult` (created / updated / unchanged counts, errors, warnings) whose
  ``summary()`` is the Chinese sentence shown in the admin and printed by the commands;
  ``dry_run=True`` validates only (``--check`` of the commands).

The layer order puts this package at the bottom: it imports Django, openpyxl and the standard
library only, never another app. Importers live in their apps (``disclosure.catalogue.io``,
``disclosure.inspections.io``).

Writing an importer, e.g. for information requests::

    from disclosure.importing import Column, Importer, InvalidRow, Outcome, parse_date

    class RequestImporter(Importer):
        name = _("依申请公开登记")                       # for messages
        model = InformationRequest                     # labels model validation errors
        columns = [
            Column("登记号", required=True, field="number", aliases=("编号",)),
            Column("收到日期", required=True, field="received_on"),
            Column("申请内容", required=True, field="subject"),
        ]

        def prepare(self, table):                      # bulk look-ups, per-file state
            numbers = [row.text("登记号") for row in table]
            self.existing = InformationRequest.objects.in_bulk(numbers, field_name="number")

        def clean_row(self, row):                      # validate; never write here
            problems = []
            received_on = parse_date(row.get("收到日期"))
            if received_on is None:
                problems.append(("收到日期", _("收到日期“%(value)s”不是有效日期")
                                 % {"value": row.text("收到日期")}))
            if problems:
                raise InvalidRow(*problems)           # every problem of the row at once
            request = self.existing.get(row.text("登记号")) or InformationRequest()
            request.number, request.received_on = row.text("登记号"), received_on
            request.subject = row.text("申请内容")
            request.full_clean()                       # a ValidationError is reported too
            return request

        def write_row(self, request):
            created = request.pk is None
            self.record_history(request)               # simple-history reason and user
            request.save()
            return Outcome.CREATED if created else Outcome.UPDATED

    result = RequestImporter(user=request.user, reason="导入：x.csv").run(upload, upload.name)
    if result.ok: messages.success(request, result.summary())

An admin view catches :class:`FileError` (a form error on the file field) and shows
``result.errors`` as a table of row and message; a management command subclasses
:class:`~.command.ImportCommand` and calls ``self.run_import(importer, path, check=...)``.
"""

from .cells import cell_text, is_blank, normalise_label, parse_date, parse_int
from .files import EXTENSIONS, FileError
from .importer import Importer, InvalidRow
from .result import ImportResult, Outcome, RowError
from .table import Column, Row, Table

__all__ = [
    "EXTENSIONS",
    "Column",
    "FileError",
    "ImportResult",
    "Importer",
    "InvalidRow",
    "Outcome",
    "Row",
    "RowError",
    "Table",
    "cell_text",
    "is_blank",
    "normalise_label",
    "parse_date",
    "parse_int",
]
