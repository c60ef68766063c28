from django.apps import AppConfig


class PowersConfig(AppConfig):
    name = "disclosure.powers"
    label = "powers"
    verbose_name = "权责清单"

    def ready(self):
        from . import datasets  # noqa: F401  (registers the public lists)
