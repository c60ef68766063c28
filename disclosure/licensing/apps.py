from django.apps import AppConfig


class LicensingConfig(AppConfig):
    name = "disclosure.licensing"
    label = "licensing"
    verbose_name = "行政许可"

    def ready(self):
        from . import datasets  # noqa: F401  (registers the public lists)
