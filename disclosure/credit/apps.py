from django.apps import AppConfig


class CreditConfig(AppConfig):
    name = "disclosure.credit"
    label = "credit"
    verbose_name = "信用监管"

    def ready(self):
        from . import datasets  # noqa: F401  (registers the public lists)
