"""The public base URL (``BASE_URL``, read as ``WAGTAILADMIN_BASE_URL``) is the one setting that
decides every absolute URL (issue #12 item 8, issue #13 item 3). Wagtail builds a page's
``full_url`` from its Site record (hostname and port), so the default Site is kept in step with
it (``manage.py sync_site``, and ``load_demo``); other absolute URLs use :func:`absolute_url`."""

from urllib.parse import urljoin, urlsplit

from django.conf import settings
from wagtail.models import Site


def base_url() -> str:
    """``BASE_URL`` without a trailing slash, e.g. ``https://scjg.example.gov.cn``."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def absolute_url(path: str) -> str:
    """``path`` (site-relative, or already absolute) as an absolute URL on the public base."""
    return urljoin(base_url() + "/", path or "")


def host_and_port():
    """``(hostname, port)`` of ``BASE_URL`` as Wagtail's Site stores them (80 for http, 443
    for https when no port is given)."""
    parts = urlsplit(base_url())
    return parts.hostname or "localhost", parts.port or (443 if parts.scheme == "https" else 80)


def sync_default_site() -> Site:
    """Set the default Site's hostname and port from ``BASE_URL``; returns it."""
    site = Site.objects.get(is_default_site=True)
    hostname, port = host_and_port()
    if (site.hostname, site.port) != (hostname, port):
        site.hostname, site.port = hostname, port
        site.save(update_fields=["hostname", "port"])
    return site


def site_domain() -> str:
    """The domain the 政府网站 meta tags and the guide name (with a port other than 80/443)."""
    hostname, port = host_and_port()
    return hostname if port in (80, 443) else f"{hostname}:{port}"
