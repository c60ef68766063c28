from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChecksConfig(AppConfig):
    name = "disclosure.checks"
    label = "checks"
    verbose_name = _("发布前检查")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import (  # noqa: F401 - register the checks, in the gate's order
            formatting,
            links,
            lists,
            official_names,
            personal_data,
            sensitive_terms,
            unreadable,
            wording,
        )
