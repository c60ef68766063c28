from wagtail import hooks
from wagtail.permissions import register_permission_policy

from .admin_views import MessagePermissionPolicy, PublicMessageViewSet
from .models import PublicMessage

register_permission_policy(PublicMessage, MessagePermissionPolicy(PublicMessage))
hooks.register("register_admin_viewset", PublicMessageViewSet)
