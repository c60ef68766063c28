from wagtail import hooks
from wagtail.permissions import register_permission_policy

from .admin_views import CommentPermissionPolicy, ConsultationCommentViewSet
from .models import ConsultationComment

register_permission_policy(ConsultationComment, CommentPermissionPolicy(ConsultationComment))
hooks.register("register_admin_viewset", ConsultationCommentViewSet)
