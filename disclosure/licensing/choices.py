from django.db import models
from django.utils.translation import gettext_lazy as _


class ItemStatus(models.TextChoices):
    """Status of a licensing item after the State Council's reviews of licensing items."""

    RETAINED = "retained", _("保留")
    CANCELLED = "cancelled", _("取消")
    DELEGATED = "delegated", _("下放")


class DecisionKind(models.TextChoices):
    GRANT = "grant", _("准予")
    CHANGE = "change", _("变更")
    RENEW = "renew", _("延续")
    REVOKE = "revoke", _("撤销")
    CANCEL = "cancel", _("注销")
