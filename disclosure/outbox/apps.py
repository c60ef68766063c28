from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutboxConfig(AppConfig):
    name = "disclosure.outbox"
    label = "outbox"
    verbose_name = _("变更事件")

    def ready(self):
        from wagtail.permissions import register_permission_policy

        from . import signals
        from .admin_views import ViewOnlyPolicy
        from .models import ChangeEvent

        signals.connect()
        register_permission_policy(ChangeEvent, ViewOnlyPolicy(ChangeEvent), exact_class=True)
