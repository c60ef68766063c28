"""A base for management commands that import one file with an :class:`~.Importer`."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from .files import FileError
from .importer import Importer
from .result import ImportResult


class ImportCommand(BaseCommand):
    """Adds ``--check`` (validate only); :meth:`run_import` prints progress every
    :attr:`Importer.progress_every` rows, the warnings, every error with its row number and the
    summary, and fails the command when any row has an error."""

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help=_("只检查文件，不导入"))

    def run_import(self, importer: Importer, path, *, check=False, verbosity=1) -> ImportResult:
        try:
            table = importer.read(path)
        except (FileError, OSError) as error:
            raise CommandError(str(error)) from error

        def progress(stage, done, total):
            if verbosity >= 1:
                self.stdout.write(
                    _("%(stage)s：%(done)s/%(total)s 行")
                    % {"stage": stage, "done": done, "total": total}
                )

        result = importer.import_table(table, dry_run=check, progress=progress)
        for row_number, message in result.errors:
            self.stderr.write(
                _("第 %(row)s 行：%(message)s") % {"row": row_number, "message": message}
            )
        if result.errors:
            raise CommandError(result.summary())
        for warning in result.warnings:
            self.stdout.write(warning)
        self.stdout.write(self.style.SUCCESS(result.summary()))
        return result
