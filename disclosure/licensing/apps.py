from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LicensingConfig(AppConfig):
    name = "disclosure.licensing"
    label = "licensing"
    verbose_name = _("行政许可")

    def ready(self):
        from . import datasets  # noqa: F401  (registers the public lists)
