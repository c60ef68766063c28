"""Records of the assessment app: the reachability probes of the portal's home page."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from disclosure.outbox.models import AppendOnlyModel


class ReachabilityProbe(AppendOnlyModel):
    """One visit of the home page by ``probe_site``: when, what answered and how fast. Written
    once, never changed (a probe is a measurement)."""

    checked_at = models.DateTimeField(_("探测时间"), db_index=True)
    url = models.URLField(_("地址"), max_length=500)
    status_code = models.PositiveSmallIntegerField(_("HTTP状态码"), null=True, blank=True)
    elapsed_ms = models.PositiveIntegerField(_("用时（毫秒）"), null=True, blank=True)
    reachable = models.BooleanField(_("可访问"))
    error = models.CharField(_("错误"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("可访问性探测")
        verbose_name_plural = _("可访问性探测")
        ordering = ["-checked_at"]

    def __str__(self):
        return f"{self.checked_at:%Y-%m-%d %H:%M} {self.url}"
