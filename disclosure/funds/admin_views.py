from django.contrib.admin import RelatedOnlyFieldListFilter
from django.utils.translation import gettext_lazy as _
from wagtail_modeladmin.options import ModelAdmin

from .models import FundRecord


class FundRecordAdmin(ModelAdmin):
    model = FundRecord
    menu_label = _("惠民政策项目资金")
    menu_icon = "table"
    menu_order = 270
    list_display = ("name", "kind", "amount", "recipient_count", "department", "period_start")
    list_filter = ("kind", ("department", RelatedOnlyFieldListFilter), "is_public")
    search_fields = ("name", "recipients", "summary")
    inspect_view_enabled = True
    inspect_template_name = "normative/admin/inspect_with_history.html"
