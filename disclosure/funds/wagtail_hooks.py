from wagtail_modeladmin.options import modeladmin_register

from .admin_views import FundRecordAdmin

modeladmin_register(FundRecordAdmin)
