from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "disclosure.consultations"
    label = "consultations"
    verbose_name = _("重大决策预公开")

    def ready(self):
        from disclosure.publishing import page_cache

        from .models import ConsultationComment

        # A comment approved or rejected after the deadline changes the cached page.
        page_cache.invalidate_on_changes_of(ConsultationComment)
