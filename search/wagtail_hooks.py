from wagtail import hooks
from wagtail_modeladmin.options import modeladmin_register

from .admin_views import SearchAdminGroup, admin_urls

modeladmin_register(SearchAdminGroup)
hooks.register("register_admin_urls", admin_urls)
