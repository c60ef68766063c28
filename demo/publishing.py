"""Demo data of the publishing app: one withdrawn item, so the portal shows the 410 notice."""

from django.contrib.auth import get_user_model

from disclosure.publishing.models import ArticlePage, Withdrawal
from disclosure.publishing.withdrawal import withdraw

DEMO_REASON = "该公告所涉事项已由原发布科室重新核实并更正，原公告撤回，更正后的内容另行发布。"


def load_withdrawal():
    """Withdraw the oldest live demo article once (idempotent: done when any withdrawal exists)."""
    if Withdrawal.objects.exists():
        return None
    page = ArticlePage.objects.live().order_by("pk").first()
    if page is None:
        return None
    office = get_user_model().objects.filter(username="office").first()
    return withdraw(page, user=office, reason=DEMO_REASON)
