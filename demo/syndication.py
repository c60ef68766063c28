"""Demo data of the headless API: one partner (the provincial intensive-site platform), and
the feed caught up with everything the demo published."""

from disclosure.syndication.models import EventKinds, Partner
from disclosure.syndication.projection import sync

DEMO_PARTNER = "省政府网站集约化平台（演示）"


def load():
    Partner.objects.get_or_create(
        name=DEMO_PARTNER,
        defaults={
            "contact": "省政务服务数据管理局 0851-00000000",
            "rate_limit": 1200,
            "event_kinds": list(EventKinds.values),
        },
    )
    sync()
