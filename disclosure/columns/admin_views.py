from django.utils.translation import gettext_lazy as _
from wagtail_modeladmin.options import ModelAdmin

from .models import UpdateClass


class UpdateClassAdmin(ModelAdmin):
    model = UpdateClass
    menu_label = _("栏目更新类别")
    menu_icon = "time"
    list_display = ("name", "max_interval_days", "sort_order")
