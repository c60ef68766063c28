"""What an import did: counts, the errors by row, warnings, and a summary in Chinese."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from django.utils.translation import gettext as _


class Outcome(enum.Enum):
    """What writing one row did (returned by :meth:`Importer.write_row`)."""

    CREATED = "created"
    UPDATED = "updated"
    #: The row matched an existing record that needed no change (nothing written).
    UNCHANGED = "unchanged"


class RowError(tuple):
    """An error as ``(row_number, message)`` — so it unpacks and compares as that pair — with
    the ``column`` label it concerns (``""`` for the row as a whole) as an attribute. The row
    number is the one the spreadsheet shows (the first row of the file is 1)."""

    def __new__(cls, row, message, column=""):
        error = super().__new__(cls, (row, str(message)))
        error.column = column
        return error

    @property
    def row(self) -> int:
        return self[0]

    @property
    def message(self) -> str:
        return self[1]


@dataclass
class ImportResult:
    """What an import did, or would do (``dry_run``).

    When there are ``errors`` nothing was written and the counts are zero. ``checked`` counts
    the data rows validated. ``warnings`` are messages for the user that did not stop the import.
    """

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    checked: int = 0
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors

    def add(self, outcome: Outcome) -> None:
        """Count one written row."""
        setattr(self, outcome.value, getattr(self, outcome.value) + 1)

    def add_error(self, row: int, message, column: str = "") -> None:
        self.errors.append(RowError(row, message, column))

    def summary(self) -> str:
        if self.errors:
            return _("导入失败：共 %(count)s 处错误，未作任何改动。") % {"count": len(self.errors)}
        if self.dry_run:
            return _("检查通过：%(count)s 行均可导入。") % {"count": self.checked}
        return self.counts_summary()

    def counts_summary(self) -> str:
        """The summary of a successful import."""
        return _("新增 %(created)s 条，更新 %(updated)s 条，无变化 %(unchanged)s 条") % {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
        }
