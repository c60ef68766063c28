from wagtail import hooks

from disclosure.opendata.viewsets import forbid_delete

from .models import PowerItem
from .viewsets import PowerItemViewSet

forbid_delete(PowerItem)
hooks.register("register_admin_viewset", lambda: PowerItemViewSet("power_items"))
