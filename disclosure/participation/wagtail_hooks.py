from wagtail import hooks
from wagtail.permissions import register_permission_policy

from disclosure.opendata.viewsets import SubmittedRecordPermissionPolicy

from .admin_views import PublicMessageViewSet
from .models import PublicMessage

register_permission_policy(PublicMessage, SubmittedRecordPermissionPolicy(PublicMessage))
hooks.register("register_admin_viewset", PublicMessageViewSet)
