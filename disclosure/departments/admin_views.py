from django.utils.translation import gettext_lazy as _
from wagtail_modeladmin.options import ModelAdmin

from .models import Department


class DepartmentAdmin(ModelAdmin):
    model = Department
    menu_label = _("科室")
    menu_icon = "group"
    list_display = ("name", "kind", "is_active", "member_count")
    list_filter = ("kind", "is_active")
    search_fields = ("name",)
    form_fields_exclude = ["group"]

    def member_count(self, obj):
        return obj.members.count()

    member_count.short_description = _("成员数")
