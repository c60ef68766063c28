from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from disclosure.accounts.retention import prune, summary


class Command(BaseCommand):
    help = "删除超过保留期限（SECURITY_LOG_RETENTION_DAYS，不少于 183 天）的安全日志"

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help=_("只统计，不删除"))

    def handle(self, *args, dry_run=False, **options):
        try:
            cutoff, counts = prune(dry_run=dry_run)
        except ImproperlyConfigured as error:
            raise CommandError(str(error)) from error
        self.stdout.write(summary(cutoff, counts, dry_run))
