from django.apps import AppConfig


class OutboxConfig(AppConfig):
    name = "disclosure.outbox"
    label = "outbox"
    verbose_name = "变更事件"

    def ready(self):
        from . import signals

        signals.connect()
