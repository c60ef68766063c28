from django.utils.translation import gettext_lazy as _
from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup

from .models import QueryLog, Synonym


class SynonymAdmin(ModelAdmin):
    model = Synonym
    menu_label = _("同义词")
    menu_icon = "link"
    list_display = ("__str__", "note", "is_active")
    list_filter = ("is_active",)
    search_fields = ("terms", "note")


class QueryLogAdmin(ModelAdmin):
    """Searches people made; filter 结果数 = 0 for the zero-result report."""

    model = QueryLog
    menu_label = _("检索记录")
    menu_icon = "list-ul"
    list_display = ("query", "result_count", "relaxed", "source", "created_at")
    list_filter = ("relaxed", "source", "created_at")
    search_fields = ("query",)
    inspect_view_enabled = True


class SearchAdminGroup(ModelAdminGroup):
    menu_label = _("站内搜索")
    menu_icon = "search"
    menu_order = 400
    items = (SynonymAdmin, QueryLogAdmin)
