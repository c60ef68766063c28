from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _grant_role_permissions(sender, **kwargs):
    from .roles import grant_role_permissions

    grant_role_permissions()


class OpenDataConfig(AppConfig):
    name = "disclosure.opendata"
    label = "opendata"
    verbose_name = "公开数据"

    def ready(self):
        post_migrate.connect(
            _grant_role_permissions, sender=self, dispatch_uid="opendata_role_permissions"
        )
