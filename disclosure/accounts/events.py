"""Writing the security log: the one function every part of staff login calls."""

from disclosure.client_address import client_address

from .models import SecurityEvent, SecurityEventKind

__all__ = ["SecurityEventKind", "record"]


def record(kind, *, request=None, user=None, username="", actor=None, **detail):
    """Append one :class:`~disclosure.accounts.models.SecurityEvent`.

    ``request`` gives the address (through the trusted proxies, ``client_address``), the browser
    and — when ``actor`` is not given — the logged-in user who acted. ``detail`` is kept as JSON
    (what changed, why a login failed); never put a password or a code in it."""
    if actor is None and request is not None:
        current = getattr(request, "user", None)
        if current is not None and current.is_authenticated and current != user:
            actor = current
    if user is not None and not getattr(user, "pk", None):
        user = None
    return SecurityEvent.objects.create(
        kind=kind,
        user=user,
        username=(user.get_username() if user is not None else username)[:150],
        actor=actor,
        actor_username=actor.get_username()[:150] if actor is not None else "",
        address=client_address(request)[:64] if request is not None else "",
        user_agent=(request.META.get("HTTP_USER_AGENT", "") if request is not None else "")[:300],
        detail=detail,
    )
