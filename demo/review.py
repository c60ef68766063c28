"""Demo data of the review app: the reason recorded with the *system determination* of every
item the demo publishes (``disclosure.review.models.publish_with_system_determination``)."""

from django.utils.translation import gettext_lazy as _

DEMO_DETERMINATION = _("系统认定：演示数据")
