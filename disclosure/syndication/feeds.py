"""RSS 2.0 and Atom 1.0 per column: the 20 newest public items of a column and its
subcolumns (for the portal's subscribers and for platforms that read feeds)."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from wagtail.models import Page

from disclosure.columns.models import ColumnPage
from disclosure.publishing.visibility import visible_pages

from . import projection
from .access import ApiError, api_view
from .query import MAX_ID

ITEMS = 20


class ColumnRssFeed(Feed):
    def get_object(self, request, column_id):
        if not column_id.isascii() or not column_id.isdigit() or int(column_id) > MAX_ID:
            raise Http404
        column = visible_pages(ColumnPage.objects.filter(pk=int(column_id))).first()
        if column is None:
            raise Http404
        projection.sync()
        return column

    def title(self, column):
        return column.title

    def link(self, column):
        return column.url or "/"

    def description(self, column):
        return column.description or _("%(title)s 栏目的最新公开信息") % {"title": column.title}

    def items(self, column):
        ids = list(
            projection.public_entries()
            .filter(page__path__startswith=column.path)
            .order_by("-published_at", "-page_id")
            .values_list("page_id", flat=True)[:ITEMS]
        )
        pages = {p.pk: p for p in Page.objects.filter(pk__in=ids).specific()}
        return [pages[pk] for pk in ids if pk in pages]

    def item_title(self, page):
        return page.title

    def item_description(self, page):
        return page.summary or page.search_description or page.title

    def item_link(self, page):
        return page.full_url or page.url or "/"

    def item_guid(self, page):
        """A ``tag:`` URI (RFC 4151), so that the Atom entry id is an IRI (RFC 4287 §4.2.6):
        stable as long as ``FEED_TAG_AUTHORITY`` and ``FEED_TAG_DATE`` are never changed."""
        return f"tag:{settings.FEED_TAG_AUTHORITY},{settings.FEED_TAG_DATE}:item:{page.pk}"

    def item_guid_is_permalink(self, page):
        return False

    def item_pubdate(self, page):
        return page.published_at or page.first_published_at

    def item_updateddate(self, page):
        return page.last_published_at

    def item_author_name(self, page):
        return page.publisher or None

    def item_categories(self, page):
        return [page.topic.name] if page.topic_id and page.topic else []


class ColumnAtomFeed(ColumnRssFeed):
    feed_type = Atom1Feed

    def subtitle(self, column):
        return self.description(column)


def _feed_view(feed_class):
    feed = feed_class()

    @api_view()
    def view(request, column_id):
        if request.GET:
            raise ApiError(
                "unknown_parameter",
                _("不支持的参数：%(names)s") % {"names": "、".join(sorted(request.GET))},
            )
        try:
            return feed(request, column_id=column_id)
        except Http404:
            raise ApiError("not_found", _("栏目不存在或未发布。"), status=404) from None

    return view


column_rss = _feed_view(ColumnRssFeed)
column_atom = _feed_view(ColumnAtomFeed)
