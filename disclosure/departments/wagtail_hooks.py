from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail_modeladmin.options import ModelAdminGroup, modeladmin_register

from disclosure.columns.admin_views import UpdateClassAdmin
from disclosure.outbox.admin_views import ChangeEventViewSet
from disclosure.publishing.admin_views import TopicAdmin

from .admin_views import DepartmentAdmin


@modeladmin_register
class DisclosureSettingsGroup(ModelAdminGroup):
    menu_label = _("政务公开设置")
    menu_icon = "cog"
    menu_order = 300
    items = (DepartmentAdmin, TopicAdmin, UpdateClassAdmin)


@hooks.register("register_admin_viewset")
def register_change_events():
    return ChangeEventViewSet("change_events")
