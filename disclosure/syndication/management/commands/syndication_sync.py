from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from disclosure.syndication import projection


class Command(BaseCommand):
    help = "把变更事件（outbox）纳入变更流和开放接口目录；--rebuild 按现有页面重建目录。"

    def add_arguments(self, parser):
        parser.add_argument("--rebuild", action="store_true", help=_("按已发布页面重建目录索引"))

    def handle(self, *args, rebuild=False, **options):
        taken = projection.sync(only_if_pending=False)
        self.stdout.write(_("纳入变更流：%(count)s 条事件") % {"count": taken})
        if rebuild:
            self.stdout.write(_("重建目录索引：%(count)s 个页面") % {"count": projection.rebuild()})
