"""``manage.py reset_otp USERNAME``: remove a user's second factor (a lost phone, no superuser
left who can log in); they enrol again at their next login. Recorded in the security log."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from disclosure.accounts import otp


class Command(BaseCommand):
    help = _("重置一个用户的动态口令（第二重身份鉴别），该用户下次登录时须重新绑定。")

    def add_arguments(self, parser):
        parser.add_argument("username", help=_("用户名"))

    def handle(self, *args, username, **options):
        User = get_user_model()
        user = User._default_manager.filter(**{User.USERNAME_FIELD: username}).first()
        if user is None:
            raise CommandError(_("用户“%(username)s”不存在。") % {"username": username})
        removed = otp.reset(user, via="manage.py reset_otp")
        self.stdout.write(
            _(
                "已重置“%(username)s”的动态口令（删除 %(count)d 个设备），该用户下次登录时须重新绑定。"
            )
            % {"username": username, "count": removed}
        )
