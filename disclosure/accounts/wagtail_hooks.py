from wagtail import hooks

from . import otp_views

hooks.register("register_admin_urls", otp_views.admin_urls)
hooks.register("register_account_menu_item", otp_views.account_menu_item)
hooks.register("register_user_listing_buttons", otp_views.user_listing_buttons)
