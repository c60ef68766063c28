from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .viewsets import LedgerViewSetGroup

hooks.register("register_admin_viewset", LedgerViewSetGroup)


class LedgerMenuItem(MenuItem):
    def is_shown(self, request):
        return any(
            request.user.has_perm(f"ledger.{action}_ledgertask")
            for action in ("view", "change", "add")
        )


@hooks.register("register_reports_menu_item")
def overdue_tasks_menu_item():
    return LedgerMenuItem(
        _("逾期台账任务"), reverse("ledger_tasks:overdue"), icon_name="time", order=712
    )
