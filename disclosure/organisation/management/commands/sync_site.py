from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from disclosure.organisation.site import sync_default_site


class Command(BaseCommand):
    help = "按 BASE_URL 设置默认站点（Wagtail Site）的主机名和端口：网站、接口和订阅中的完整网址都由 BASE_URL 决定。"

    def handle(self, *args, **options):
        site = sync_default_site()
        self.stdout.write(_("默认站点：%(url)s") % {"url": site.root_url})
