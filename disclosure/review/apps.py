"""Moderation workflows with a confidentiality review (保密审查, 总局令第45号 第5条)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewConfig(AppConfig):
    name = "disclosure.review"
    label = "review"
    verbose_name = _("审核流程")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import notifications

        notifications.connect()
