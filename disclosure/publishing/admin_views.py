from django.utils.translation import gettext_lazy as _
from wagtail_modeladmin.options import ModelAdmin

from .models import Topic


class TopicAdmin(ModelAdmin):
    model = Topic
    menu_label = _("主题分类")
    menu_icon = "tag"
    list_display = ("name", "code", "sort_order")
    search_fields = ("name", "code")
