"""Columns an importer expects, and the table read from a file: the header row found, the data
rows below it keyed by column label, each with its row number as the spreadsheet shows it."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .cells import cell_text, is_blank, normalise_label

#: How many leading rows may hold a title, notes or blank lines above the header row.
HEADER_SEARCH_ROWS = 10


@dataclass(frozen=True)
class Column:
    """A column of an import format.

    ``label`` is the header text of the format (part of the file format, so not translated);
    ``aliases`` are other spellings seen in real files, read as ``label``. A ``required`` column
    must be in the header (the importer decides whether its cells may be empty). ``field`` is the
    model field it fills, if any: a model validation error on that field is reported against
    this column.
    """

    label: str
    required: bool = False
    aliases: tuple[str, ...] = ()
    field: str = ""


class Row(dict):
    """One data row: cell values keyed by column label, and ``number``, the row number as the
    spreadsheet shows it (the first row of the file is 1)."""

    def __init__(self, values=(), number=0):
        super().__init__(values)
        self.number = number

    def text(self, label) -> str:
        """The cell of column ``label`` as stripped text, ``""`` when empty or absent."""
        return cell_text(self.get(label))

    def is_blank(self) -> bool:
        return is_blank(self.values())


class Table(list):
    """The data rows of a file (:class:`Row`), with where they were found.

    ``header`` lists the column labels in file order; ``header_row`` and ``start_row`` are the
    row numbers of the header and of the first data row. ``rows`` may be dicts, numbered from
    ``start_row`` (by default the row below the header), or ``(row_number, dict)`` pairs.
    """

    def __init__(self, rows=(), header=(), header_row=1, start_row=None):
        self.header = list(header)
        self.header_row = header_row
        self.start_row = header_row + 1 if start_row is None else start_row
        super().__init__(
            Row(row[1], number=row[0])
            if isinstance(row, tuple)
            else Row(row, number=self.start_row + index)
            for index, row in enumerate(rows)
        )


class Labels:
    """Resolves header cells to the labels of ``columns``: normalised
    (:func:`~disclosure.importing.cells.normalise_label`), aliases read as their label, and
    unknown headers kept as they are (normalised)."""

    def __init__(self, columns: Sequence[Column]):
        self.columns = list(columns)
        self.known = {}
        for column in self.columns:
            for spelling in (column.label, *column.aliases):
                self.known[normalise_label(spelling)] = column.label

    def __call__(self, cell) -> str:
        label = normalise_label(cell)
        return self.known.get(label, label)

    def declared(self, cells) -> set[str]:
        """The declared columns that ``cells`` name."""
        labels = {self(cell) for cell in cells}
        return {column.label for column in self.columns if column.label in labels}


def find_table(raw_rows: list[list], columns: Sequence[Column]) -> Table:
    """The :class:`Table` in ``raw_rows`` (lists of cells, as :mod:`.files` reads them).

    The header is the row, among the first :data:`HEADER_SEARCH_ROWS`, that names the most
    declared columns (the first such row); so a title row or blank lines above it are skipped.
    When no row names any, it is the first non-blank row. A two-row header — a group label such
    as 公开事项 above its sub-columns 一级事项 / 二级事项, as national formats print it — is
    merged when the row below the header names declared columns the header lacks.
    """
    labels = Labels(columns)
    header_index, best = None, 0
    for index, row in enumerate(raw_rows[:HEADER_SEARCH_ROWS]):
        count = len(labels.declared(row))
        if count > best:
            header_index, best = index, count
    if header_index is None:
        header_index = next((i for i, row in enumerate(raw_rows) if not is_blank(row)), None)
    if header_index is None:
        return Table()
    header = [labels(cell) for cell in raw_rows[header_index]]
    start = header_index + 1
    if start < len(raw_rows) and labels.declared(raw_rows[start]) - set(header):
        below = [labels(cell) for cell in raw_rows[start]]
        width = max(len(header), len(below))
        header += [""] * (width - len(header))
        below += [""] * (width - len(below))
        header = [sub or top for top, sub in zip(header, below, strict=True)]
        start += 1
    return Table(
        _keyed(raw_rows[start:], header),
        header=[label for label in header if label],
        header_row=header_index + 1,
        start_row=start + 1,
    )


def _keyed(raw_rows: Iterable[list], header: list[str]) -> list[dict]:
    """Rows as dicts keyed by ``header``; a repeated label keeps its first column."""
    positions = {}
    for index, label in enumerate(header):
        if label and label not in positions:
            positions[label] = index
    return [
        {label: raw[index] if index < len(raw) else None for label, index in positions.items()}
        for raw in raw_rows
    ]


def table_of(rows, columns: Sequence[Column]) -> Table:
    """``rows`` as a :class:`Table`: a table is returned as it is; other dicts (keyed by header
    labels, spelled any way :class:`Labels` reads) become one with the header on row 1."""
    if isinstance(rows, Table):
        return rows
    labels = Labels(columns)
    rows = [{labels(key): value for key, value in row.items()} for row in rows]
    return Table(rows, header=list(rows[0]) if rows else [])
