from wagtail import hooks
from wagtail_modeladmin.options import modeladmin_register

from .admin_views import WorkdaysAdminGroup, construct_homepage_panels

modeladmin_register(WorkdaysAdminGroup)
hooks.register("construct_homepage_panels", construct_homepage_panels)
