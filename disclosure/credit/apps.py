from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CreditConfig(AppConfig):
    name = "disclosure.credit"
    label = "credit"
    verbose_name = _("信用监管")

    def ready(self):
        from . import datasets  # noqa: F401  (registers the public lists)
