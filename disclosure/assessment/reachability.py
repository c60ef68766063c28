"""网站可用性 (站点无法访问): the single-veto indicator of 国办秘函〔2019〕19号 (政府网站与政务新媒体
检查指标, 单项否决 一): over one week of probes of the home page, the visits that did not open
within 15 seconds reach 5 % of all probes.

``probe_site`` (run from cron, e.g. every 10 minutes, best from outside the server's own
network) visits the home page and records each visit (:class:`ReachabilityProbe`); a visit is
reachable when the page answered 2xx or 3xx within :data:`TIMEOUT_SECONDS`. The indicator reads
the probes of the last :data:`WINDOW_DAYS` days: none → 未监测 (never passed by default);
failures ≥ :data:`TRIPPED_SHARE` trips, ≥ :data:`WARNING_SHARE` warns."""

from __future__ import annotations

import datetime as dt
import http.client
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.utils import timezone

from .models import ReachabilityProbe

#: 国办秘函〔2019〕19号: a visit counts as failed when the page has not opened after 15 seconds.
TIMEOUT_SECONDS = 15
#: 监测1周.
WINDOW_DAYS = 7
#: 超过15秒网页仍打不开的次数累计超过（含）总监测次数的5%.
TRIPPED_SHARE = 0.05
#: Warned well before it trips.
WARNING_SHARE = 0.02


def probe(url, timeout=TIMEOUT_SECONDS, clock=time.monotonic):
    """Visit ``url`` once (GET, no redirect followed: a 3xx is an answer) and record it."""
    parts = urlsplit(url)
    connection_class = (
        http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    )
    path = parts.path or "/"
    if parts.query:
        path = f"{path}?{parts.query}"
    started = clock()
    status, error = None, ""
    try:
        connection = connection_class(parts.hostname, parts.port, timeout=timeout)
        try:
            connection.request("GET", path, headers={"User-Agent": "disclosure-probe_site"})
            response = connection.getresponse()
            response.read()
            status = response.status
        finally:
            connection.close()
    except (OSError, http.client.HTTPException) as exc:
        error = f"{type(exc).__name__}: {exc}"[:300]
    elapsed = clock() - started
    reachable = status is not None and 200 <= status < 400 and elapsed <= timeout
    return ReachabilityProbe.objects.create(
        checked_at=timezone.now(),
        url=url,
        status_code=status,
        elapsed_ms=round(elapsed * 1000),
        reachable=reachable,
        error=error,
    )


@dataclass
class Reachability:
    probes: int
    failed: int
    since: dt.datetime

    @property
    def share(self):
        return self.failed / self.probes if self.probes else None


def reachability(now=None):
    """The probes of the last week and how many of them failed."""
    since = (now or timezone.now()) - dt.timedelta(days=WINDOW_DAYS)
    probes = ReachabilityProbe.objects.filter(checked_at__gte=since)
    return Reachability(probes.count(), probes.filter(reachable=False).count(), since)
