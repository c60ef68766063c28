from django.apps import AppConfig


class FundsConfig(AppConfig):
    name = "disclosure.funds"
    label = "funds"
    verbose_name = "惠民政策项目资金"
