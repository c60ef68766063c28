from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _sync_permissions(sender, instance, **kwargs):
    from disclosure.departments.roles import sync_column_permissions

    sync_column_permissions(instance)


class ColumnsConfig(AppConfig):
    name = "disclosure.columns"
    label = "columns"
    verbose_name = _("栏目")

    def ready(self):
        from wagtail.signals import page_published

        from disclosure.publishing.permissions import install

        from .models import ColumnPage
        from .permissions import ColumnScopedPermissionTester, responsible_paths

        install(ColumnScopedPermissionTester, responsible_paths)

        page_published.connect(
            _sync_permissions, sender=ColumnPage, dispatch_uid="columns_sync_permissions"
        )
