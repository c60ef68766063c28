"""Every CSV and Excel file the platform writes goes through here, so that no cell is read as a
formula (CSV injection, OWASP "CSV Injection"): a spreadsheet program evaluates a cell that
starts with ``=``, ``+``, ``-`` or ``@`` (and, in some programs, after a tab or carriage
return), and a cell's text often comes from the public (a party name, a search query, a
citizen's message).

- Text that starts with one of those characters is written with a single quote before it (the
  quote shows, the formula does not run). This applies to text only: a number written as a
  number (``-5`` as an ``int`` or ``Decimal``) stays a number; ``"-5"`` as text is prefixed,
  as OWASP recommends.
- In an Excel workbook a text cell is stored as text (``openpyxl`` would store ``"=…"`` as a
  formula): :func:`xlsx_text_cells` marks such cells as strings, without the quote.

The lowest layer of the code (``docs/architecture.md``): the standard library only.
"""

from __future__ import annotations

import csv

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """``value`` as a CSV cell that no spreadsheet evaluates; non-text values as they are."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


class SafeWriter:
    """``csv.writer`` whose rows are written through :func:`safe_cell`."""

    def __init__(self, stream, **kwargs):
        self._writer = csv.writer(stream, **kwargs)

    def writerow(self, row):
        return self._writer.writerow([safe_cell(value) for value in row])

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


def writer(stream, **kwargs) -> SafeWriter:
    """The one CSV writer of the platform (see the module's docstring)."""
    return SafeWriter(stream, **kwargs)


def xlsx_text_cells(cells):
    """Store every text cell of ``cells`` (openpyxl cells) as text, never as a formula."""
    for cell in cells:
        if isinstance(cell.value, str) and cell.data_type == "f":
            cell.data_type = "s"
