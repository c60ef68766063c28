"""``python manage.py check_links [--timeout 5] [--workers 8]``: check every external link of the
live pages (HEAD, then GET; bounded timeout and concurrency), cache the results for the ``links``
check of the publication gate, and print a report in Chinese. Run it from cron (daily)."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from wagtail.models import Page

from disclosure.checks.links import check_external, external_links


class Command(BaseCommand):
    help = _("检查已发布页面中的全部外部链接（限时、限并发），缓存结果供发布前检查使用。")

    def add_arguments(self, parser):
        parser.add_argument("--timeout", type=float, default=5.0, help=_("每个链接的超时（秒）"))
        parser.add_argument("--workers", type=int, default=8, help=_("同时检查的链接数"))

    def handle(self, *args, **options):
        if options["timeout"] <= 0 or options["workers"] < 1:
            raise CommandError(_("超时须大于 0，并发数至少为 1。"))
        pages = Page.objects.live().specific().iterator()
        links = external_links(pages)
        results = check_external(links, timeout=options["timeout"], workers=options["workers"])
        broken = {url: result for url, result in results.items() if not result["ok"]}
        self.stdout.write(
            _("已检查外部链接 %(total)s 个：可访问 %(ok)s 个，无法访问 %(broken)s 个。")
            % {"total": len(results), "ok": len(results) - len(broken), "broken": len(broken)}
        )
        for url in sorted(broken):
            titles = "、".join(f"《{page.title}》" for page in links[url][:5])
            self.stdout.write(
                _("无法访问：%(url)s（%(reason)s），所在页面：%(pages)s")
                % {"url": url, "reason": broken[url]["reason"], "pages": titles}
            )
