from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("站内搜索")

    def ready(self):
        from disclosure.publishing import page_cache

        from .models import Synonym

        # A synonym group changes the results of its words: the cached search pages and results
        # (search.views, search.result_cache) are replaced with the page cache's generation.
        page_cache.invalidate_on_changes_of(Synonym)
