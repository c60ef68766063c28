from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.permissions import register_permission_policy

from .admin_views import (
    CorrectionRequestViewSet,
    DecisionChangeViewSet,
    EarlyEndApplicationViewSet,
    ReadOnlyPolicy,
    admin_urls,
)
from .models import DecisionChange

# Decision changes are written by services.record_decision_change only (Wagtail 8: policies are
# registered for the model, not declared on the viewset).
register_permission_policy(DecisionChange, ReadOnlyPolicy(DecisionChange), exact_class=True)


@hooks.register("register_admin_urls")
def register_enforcement_urls():
    return admin_urls()


class EnforcementGroup(ViewSetGroup):
    menu_label = _("行政处罚公示")
    menu_icon = "warning"
    menu_order = 250
    items = (
        DecisionChangeViewSet("enforcement_decision_changes"),
        CorrectionRequestViewSet("enforcement_corrections"),
        EarlyEndApplicationViewSet("enforcement_early_end"),
    )


@hooks.register("register_admin_viewset")
def register_enforcement_viewsets():
    return EnforcementGroup()


@hooks.register("register_admin_menu_item")
def register_deadlines_menu_item():
    return MenuItem(
        _("处罚公示期限"), reverse("enforcement_deadlines"), icon_name="date", order=251
    )


@hooks.register("register_page_header_buttons")
def decision_change_button(page, user, view_name, next_url=None):
    from .models import PenaltyNoticePage

    if page.specific_class is PenaltyNoticePage and page.live:
        if page.permissions_for_user(user).can_unpublish():
            yield PageMenuItem(
                _("决定变更/撤销，撤回公示"),
                reverse("enforcement_decision_change", args=[page.pk]),
                icon_name="warning",
                priority=67,
                page=page,
            )
