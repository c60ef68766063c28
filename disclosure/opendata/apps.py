from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _grant_role_permissions(sender, **kwargs):
    from .roles import grant_role_permissions

    grant_role_permissions()


class OpenDataConfig(AppConfig):
    name = "disclosure.opendata"
    label = "opendata"
    verbose_name = _("公开数据")

    def ready(self):
        post_migrate.connect(
            _grant_role_permissions, sender=self, dispatch_uid="opendata_role_permissions"
        )
