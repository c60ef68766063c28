from django.apps import AppConfig


class InspectionsConfig(AppConfig):
    name = "disclosure.inspections"
    label = "inspections"
    verbose_name = "双随机一公开和抽检"

    def ready(self):
        from . import datasets  # noqa: F401  (registers the public lists)
