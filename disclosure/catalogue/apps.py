from django.apps import AppConfig


class CatalogueConfig(AppConfig):
    name = "disclosure.catalogue"
    label = "catalogue"
    verbose_name = "标准目录"
