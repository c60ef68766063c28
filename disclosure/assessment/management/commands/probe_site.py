"""``python manage.py probe_site [--url URL]``: visit the portal's home page once and record
whether it opened within 15 seconds (国办秘函〔2019〕19号, 站点无法访问). Run it from cron, e.g.
``*/10 * * * * cd /srv/disclosure && .venv/bin/python manage.py probe_site``; the readiness page
and the daily digest read the last week of probes."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from disclosure.assessment import reachability


class Command(BaseCommand):
    help = "探测门户首页能否在15秒内打开，并记录结果（政府网站检查指标：站点无法访问）。"

    def add_arguments(self, parser):
        parser.add_argument("--url", default=None, help=_("探测地址（默认：BASE_URL 的首页）"))

    def handle(self, *args, url=None, **options):
        url = url or settings.WAGTAILADMIN_BASE_URL.rstrip("/") + "/"
        found = reachability.probe(url)
        if found.reachable:
            self.stdout.write(
                _("%(url)s 可访问：HTTP %(status)s，用时 %(ms)s 毫秒。")
                % {"url": url, "status": found.status_code, "ms": found.elapsed_ms}
            )
        else:
            self.stdout.write(
                self.style.WARNING(
                    _("%(url)s 不可访问（%(why)s），用时 %(ms)s 毫秒。")
                    % {
                        "url": url,
                        "why": found.error or f"HTTP {found.status_code}",
                        "ms": found.elapsed_ms,
                    }
                )
            )
