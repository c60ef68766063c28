from django.apps import AppConfig


class ColumnsConfig(AppConfig):
    name = "disclosure.columns"
    label = "columns"
    verbose_name = "栏目"
