from django.core.management.base import BaseCommand

from disclosure.syndication import projection


class Command(BaseCommand):
    help = "把变更事件（outbox）纳入变更流和开放接口目录；--rebuild 按现有页面重建目录。"

    def add_arguments(self, parser):
        parser.add_argument("--rebuild", action="store_true", help="按已发布页面重建目录索引")

    def handle(self, *args, rebuild=False, **options):
        taken = projection.sync(only_if_pending=False)
        self.stdout.write(f"纳入变更流：{taken} 条事件")
        if rebuild:
            self.stdout.write(f"重建目录索引：{projection.rebuild()} 个页面")
