from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PowersConfig(AppConfig):
    name = "disclosure.powers"
    label = "powers"
    verbose_name = _("权责清单")

    def ready(self):
        from . import datasets  # noqa: F401  (registers the public lists)
