from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = "门户首页与机构设置"
