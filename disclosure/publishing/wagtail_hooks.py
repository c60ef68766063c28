from wagtail import hooks
from wagtail.permissions import register_permission_policy

from . import admin_hooks, document_access
from .admin_views import ReadOnlyPermissionPolicy, WithdrawalViewSet, admin_urls
from .models import Withdrawal

register_permission_policy(Withdrawal, ReadOnlyPermissionPolicy(Withdrawal))

hooks.register("register_admin_urls", admin_urls)
hooks.register("register_admin_viewset", lambda: WithdrawalViewSet("withdrawals"))
hooks.register("register_page_action_menu_item", admin_hooks.WithdrawMenuItem)
hooks.register("register_page_listing_more_buttons", admin_hooks.withdraw_listing_button)
hooks.register("register_log_actions", admin_hooks.register_log_actions)
hooks.register("before_delete_page", admin_hooks.refuse_deleting_published_items)
hooks.register("before_bulk_action", admin_hooks.refuse_bulk_actions)
hooks.register("before_copy_page", admin_hooks.refuse_publishing_copies)
hooks.register("before_serve_document", document_access.check_document_access)
