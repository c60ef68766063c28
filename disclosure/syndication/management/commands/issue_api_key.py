from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from disclosure.syndication.models import ApiKey, Partner


class Command(BaseCommand):
    help = "为接口合作方生成新的接口密钥（只显示这一次）。"

    def add_arguments(self, parser):
        parser.add_argument("partner", help=_("合作方名称"))
        parser.add_argument("--label", default="", help=_("用途说明"))

    def handle(self, *args, partner, label, **options):
        found = Partner.objects.filter(name=partner).first()
        if found is None:
            raise CommandError(_("合作方不存在：%(name)s") % {"name": partner})
        _key, raw = ApiKey.issue(found, label=label)
        self.stdout.write(raw)
