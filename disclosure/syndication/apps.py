from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SyndicationConfig(AppConfig):
    name = "disclosure.syndication"
    label = "syndication"
    verbose_name = _("开放接口与数据共享")

    def ready(self):
        from wagtail.permissions import register_permission_policy

        from disclosure.outbox.admin_views import ViewOnlyPolicy

        from . import signals
        from .models import DeliveryAttempt, WebhookDelivery

        signals.connect()
        for model in (WebhookDelivery, DeliveryAttempt):
            register_permission_policy(model, ViewOnlyPolicy(model), exact_class=True)
