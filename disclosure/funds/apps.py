from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FundsConfig(AppConfig):
    name = "disclosure.funds"
    label = "funds"
    verbose_name = _("惠民政策项目资金")
