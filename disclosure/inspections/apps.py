from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InspectionsConfig(AppConfig):
    name = "disclosure.inspections"
    label = "inspections"
    verbose_name = _("双随机一公开和抽检")

    def ready(self):
        from . import datasets  # noqa: F401  (registers the public lists)
