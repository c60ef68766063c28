"""Who sent a request: the client's address, also behind the site's reverse proxies.

``TRUSTED_PROXIES`` (settings, from the environment) lists the addresses or networks of the
reverse proxies in front of the site. Only a request that comes from one of them has its client
taken from ``X-Forwarded-For``: else every citizen behind the proxy would share one address
(one rate-limit bucket for all), and anyone could forge the header to escape a limit.

Every per-client limit uses it: the API's (``disclosure/syndication/access.py``) and the online
application form's (``disclosure/applications/views.py``). Layer 1 (``docs/architecture.md``):
Django only, nothing of the portal.
"""

import ipaddress

from django.conf import settings


def _networks():
    return [
        ipaddress.ip_network(value.strip(), strict=False)
        for value in getattr(settings, "TRUSTED_PROXIES", [])
        if value.strip()
    ]


def _trusted(address, networks):
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in networks)


def client_address(request):
    """The client's address: ``REMOTE_ADDR``, or — when that is a trusted proxy — the right-most
    address of ``X-Forwarded-For`` that is not a trusted proxy itself."""
    remote = request.META.get("REMOTE_ADDR", "") or "unknown"
    networks = _networks()
    if not networks or not _trusted(remote, networks):
        return remote
    forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    for address in reversed([a for a in forwarded if a]):
        if not _trusted(address, networks):
            return address
    return remote
