from django.utils.translation import gettext_lazy as _
from wagtail_modeladmin.options import ModelAdminGroup, modeladmin_register

from disclosure.departments.admin_views import DepartmentAdmin
from disclosure.publishing.admin_views import TopicAdmin

from .admin_views import UpdateClassAdmin


@modeladmin_register
class DisclosureSettingsGroup(ModelAdminGroup):
    """后台 → 政务公开设置: departments, topics and the columns' update classes in one menu."""

    menu_label = _("政务公开设置")
    menu_icon = "cog"
    menu_order = 300
    items = (DepartmentAdmin, TopicAdmin, UpdateClassAdmin)
