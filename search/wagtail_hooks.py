from wagtail_modeladmin.options import modeladmin_register

from .admin_views import SearchAdminGroup

modeladmin_register(SearchAdminGroup)
