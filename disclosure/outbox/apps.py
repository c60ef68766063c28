from django.apps import AppConfig


class OutboxConfig(AppConfig):
    name = "disclosure.outbox"
    label = "outbox"
    verbose_name = "变更事件"

    def ready(self):
        from wagtail.permissions import register_permission_policy

        from . import signals
        from .admin_views import ViewOnlyPolicy
        from .models import ChangeEvent

        signals.connect()
        register_permission_policy(ChangeEvent, ViewOnlyPolicy(ChangeEvent), exact_class=True)
