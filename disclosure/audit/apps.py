"""The audit trail: the report of who submitted, approved, reviewed, published and withdrew
what, and the history view of any non-page record (django-simple-history)."""

from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "disclosure.audit"
    label = "audit"
    verbose_name = "审计"
    default_auto_field = "django.db.models.BigAutoField"
