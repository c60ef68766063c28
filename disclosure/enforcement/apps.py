from django.apps import AppConfig


class EnforcementConfig(AppConfig):
    name = "disclosure.enforcement"
    label = "enforcement"
    verbose_name = "行政处罚信息公示"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import signals

        signals.connect()
