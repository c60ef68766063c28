from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo site (``manage.py load_demo``): data loaders only, no models. No app imports
    it; it imports every app (the top layer, ``docs/architecture.md``)."""

    name = "demo"
    verbose_name = _("演示数据")
