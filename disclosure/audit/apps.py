"""The audit trail: the report of who submitted, approved, reviewed, published and withdrew
what, and the history view of any non-page record (django-simple-history)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "disclosure.audit"
    label = "audit"
    verbose_name = _("审计")
    default_auto_field = "django.db.models.BigAutoField"
