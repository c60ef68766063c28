from wagtail import hooks

from .admin_views import SyndicationGroup


@hooks.register("register_admin_viewset")
def register_syndication():
    return SyndicationGroup()
