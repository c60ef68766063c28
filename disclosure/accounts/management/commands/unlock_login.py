from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from disclosure.accounts.lockout import unlock


class Command(BaseCommand):
    help = "解除登录锁定（按用户名或来源地址），记入安全日志"

    def add_arguments(self, parser):
        parser.add_argument("--username", default="", help=_("被锁定的用户名"))
        parser.add_argument("--address", default="", help=_("被锁定的来源地址"))
        parser.add_argument("--by", required=True, help=_("执行解锁的超级管理员用户名"))

    def handle(self, *args, username="", address="", by="", **options):
        User = get_user_model()
        actor = User._default_manager.filter(
            **{User.USERNAME_FIELD: by}, is_superuser=True, is_active=True
        ).first()
        if actor is None:
            raise CommandError(_("“%(by)s”不是有效的超级管理员，不能解除锁定。") % {"by": by})
        if not username and not address:
            raise CommandError(_("请指定要解除锁定的用户名（--username）或地址（--address）。"))
        removed = unlock(username=username, address=address, actor=actor)
        self.stdout.write(_("已解除锁定，清除失败记录 %(count)d 条。") % {"count": removed})
