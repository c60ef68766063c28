from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _ensure_roles(sender, using="default", **kwargs):
    # Permissions of apps later in INSTALLED_APPS do not exist yet at this point: create them.
    from django.contrib.auth.management import create_permissions

    from .roles import ensure_roles

    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0, using=using)
    ensure_roles()


class DepartmentsConfig(AppConfig):
    name = "disclosure.departments"
    label = "departments"
    verbose_name = _("科室与角色")

    def ready(self):
        post_migrate.connect(_ensure_roles, sender=self)
