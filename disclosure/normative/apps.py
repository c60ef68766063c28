from django.apps import AppConfig


class NormativeConfig(AppConfig):
    name = "disclosure.normative"
    label = "normative"
    verbose_name = "规章和规范性文件数据库"
