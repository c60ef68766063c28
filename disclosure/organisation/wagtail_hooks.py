from wagtail import hooks
from wagtail.permissions import register_permission_policy

from .models import EmergencyNotice
from .viewsets import EmergencyNoticeViewSet, LeaderViewSet, NoticePermissionPolicy

register_permission_policy(EmergencyNotice, NoticePermissionPolicy(EmergencyNotice))
hooks.register("register_admin_viewset", LeaderViewSet)
hooks.register("register_admin_viewset", EmergencyNoticeViewSet)
