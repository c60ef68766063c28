from django.apps import AppConfig


class ChecksConfig(AppConfig):
    name = "disclosure.checks"
    label = "checks"
    verbose_name = "发布前检查"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import personal_data  # noqa: F401 - registers the check
