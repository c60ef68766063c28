from wagtail import hooks

from .admin_views import ChangeEventViewSet


@hooks.register("register_admin_viewset")
def register_change_events():
    return ChangeEventViewSet("change_events")
