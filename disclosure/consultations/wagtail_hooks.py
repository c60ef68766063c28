from wagtail import hooks
from wagtail.permissions import register_permission_policy

from disclosure.opendata.viewsets import SubmittedRecordPermissionPolicy

from .admin_views import ConsultationCommentViewSet
from .models import ConsultationComment

register_permission_policy(
    ConsultationComment, SubmittedRecordPermissionPolicy(ConsultationComment)
)
hooks.register("register_admin_viewset", ConsultationCommentViewSet)
