"""Short, stable slugs for new items (issue #12 item 9): a title in Chinese made a
190-character percent-encoded URL. A new item whose slug is empty or not ASCII (the editor
fills it from the Chinese title) gets ``{year}-{serial}``, e.g. ``2026-0012``, unique on the
whole site; an existing page keeps its slug, so old URLs keep working."""

from django.utils import timezone
from wagtail.models import Page


def needs_short_slug(page) -> bool:
    return page.pk is None and not (page.slug and page.slug.isascii())


def short_slug(today=None) -> str:
    year = (today or timezone.localdate()).year
    serial = Page.objects.filter(slug__startswith=f"{year}-").count() + 1
    while Page.objects.filter(slug=f"{year}-{serial:04d}").exists():
        serial += 1
    return f"{year}-{serial:04d}"
