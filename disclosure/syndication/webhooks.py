"""Webhook deliveries: signed, idempotent, in feed order, retried with exponential backoff.

A delivery is ``POST {webhook_url}`` with the feed event as its JSON body (the same object as
``GET /api/feed/``) and these headers:

- ``X-Disclosure-Timestamp``: Unix seconds when the attempt was signed;
- ``X-Disclosure-Signature``: ``sha256=`` + hex HMAC-SHA256 with the partner's secret over
  ``"{timestamp}." + body`` (a receiver recomputes it and refuses a timestamp more than
  5 minutes off, so a captured request cannot be replayed later);
- ``Idempotency-Key``: the same on every attempt and re-send of one event for one partner;
- ``X-Disclosure-Event``: the event kind; ``X-Disclosure-Position``: its feed position.

Order: a partner's deliveries go out strictly in feed order; while the oldest undelivered one
fails, the later ones wait (so a receiver that was down gets everything, once, in order).
Any 2xx answer counts as received. Retries wait 1, 2, 4, … minutes (at most 6 hours) and stop
after :data:`MAX_ATTEMPTS`; the admin can re-send a delivery at any time.

The clock and the HTTP transport are module attributes so tests (and a simulation) can replace
them: ``webhooks.clock = FakeClock(...)``, ``deliver_due(send=fake_send)``.
"""

import datetime as dt
import hashlib
import hmac
import json
import logging
import time
import urllib.error
import urllib.request

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from .models import DeliveryAttempt, DeliveryStatus, Partner, WebhookDelivery

logger = logging.getLogger(__name__)

BACKOFF_BASE = dt.timedelta(minutes=1)
BACKOFF_MAX = dt.timedelta(hours=6)
MAX_ATTEMPTS = 20
TIMEOUT_SECONDS = 10
SIGNATURE_TOLERANCE_SECONDS = 300
USER_AGENT = "disclosure-portal-webhooks/1.0"


#: The per-partner delivery lock: longer than one attempt can take (the HTTP timeout), renewed
#: after each attempt.
LOCK_SECONDS = 300


class SystemClock:
    def now(self):
        return timezone.now()


clock = SystemClock()


def http_send(url, body, headers, timeout=TIMEOUT_SECONDS):
    """POST ``body``; returns the HTTP status (an error status is returned, not raised)."""
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def backoff(attempts):
    """The wait after the ``attempts``-th failed attempt: 1, 2, 4, … minutes, at most 6 hours."""
    return min(BACKOFF_BASE * (2 ** max(0, attempts - 1)), BACKOFF_MAX)


def signature(secret, timestamp, body):
    message = f"{timestamp}.".encode() + body
    return "sha256=" + hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def verify(secret, headers, body, now=None):
    """What a receiver does: True when the signature is right and the timestamp recent."""
    try:
        timestamp = int(headers["X-Disclosure-Timestamp"])
    except (KeyError, ValueError):
        return False
    now = now if now is not None else time.time()
    if abs(now - timestamp) > SIGNATURE_TOLERANCE_SECONDS:
        return False
    expected = signature(secret, timestamp, body)
    return hmac.compare_digest(expected, headers.get("X-Disclosure-Signature", ""))


def body_for(delivery):
    from .views import feed_event

    return json.dumps(feed_event(delivery.entry), ensure_ascii=False).encode()


def headers_for(delivery, body, now):
    timestamp = int(now.timestamp())
    return {
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": USER_AGENT,
        "Idempotency-Key": delivery.idempotency_key,
        "X-Disclosure-Event": delivery.entry.kind,
        "X-Disclosure-Position": str(delivery.entry_id),
        "X-Disclosure-Timestamp": str(timestamp),
        "X-Disclosure-Signature": signature(delivery.partner.webhook_secret, timestamp, body),
    }


def attempt(delivery, now=None, send=None, manual=False):
    """One HTTP attempt, logged; returns True when the receiver accepted it."""
    now = now or clock.now()
    send = send or http_send
    body = body_for(delivery)
    headers = headers_for(delivery, body, now)
    started = time.monotonic()
    status_code, error = None, ""
    try:
        status_code = send(delivery.partner.webhook_url, body, headers, TIMEOUT_SECONDS)
        if not 200 <= status_code < 300:
            error = f"HTTP {status_code}"
    except Exception as exc:  # noqa: BLE001 - any transport failure is a failed attempt
        error = f"{type(exc).__name__}: {exc}"[:1000]
    ok = not error
    with transaction.atomic():
        DeliveryAttempt.objects.create(
            delivery=delivery,
            attempted_at=now,
            status_code=status_code,
            error=error,
            duration_ms=int((time.monotonic() - started) * 1000),
            manual=manual,
        )
        delivery.attempts += 1
        delivery.last_status_code = status_code
        delivery.last_error = error
        if ok:
            delivery.status = DeliveryStatus.DELIVERED
            delivery.delivered_at = now
            delivery.next_attempt_at = None
        elif delivery.status != DeliveryStatus.DELIVERED:
            if delivery.attempts >= MAX_ATTEMPTS:
                delivery.status = DeliveryStatus.FAILED
                delivery.next_attempt_at = None
            else:
                delivery.next_attempt_at = now + backoff(delivery.attempts)
        delivery.save()
    if not ok:
        logger.warning("Webhook %s to %s failed: %s", delivery, delivery.partner, error)
    return ok


def deliver_due(now=None, send=None, partner=None, manual_pk=None):
    """Send what is due, partner by partner, in feed order; returns how many were delivered.

    Each attempt is signed when it is sent (:func:`attempt` reads the clock then), not when the
    run started: a slow receiver and a backlog never age a signature past the receivers'
    tolerance. ``now`` pins the clock for every attempt (tests, simulations). The per-partner
    lock is renewed after every attempt, so it never expires while a slow run still holds it."""
    pinned = now
    now = now or clock.now()
    partners = Partner.objects.filter(active=True).exclude(webhook_url="")
    if partner is not None:
        partners = partners.filter(pk=partner.pk)
    partners = partners.filter(
        deliveries__status=DeliveryStatus.PENDING, deliveries__next_attempt_at__lte=now
    ).distinct()
    delivered = 0
    for each in partners:
        lock = f"syndication:deliver:{each.pk}"
        if not cache.add(lock, 1, LOCK_SECONDS):
            continue  # another worker is delivering to this partner
        try:
            delivered += _deliver_partner(each, pinned, send, manual_pk, lock)
        finally:
            cache.delete(lock)
    return delivered


def _deliver_partner(partner, pinned, send, manual_pk=None, lock=None):
    delivered = 0
    while True:
        head = (
            WebhookDelivery.objects.select_related("entry__event", "entry__content_type")
            .filter(partner=partner)
            .exclude(status=DeliveryStatus.DELIVERED)
            .order_by("entry_id")
            .first()
        )
        if head is None or head.status == DeliveryStatus.FAILED:
            return delivered
        if head.next_attempt_at and head.next_attempt_at > (pinned or clock.now()):
            return delivered
        head.partner = partner
        ok = attempt(head, now=pinned, send=send, manual=head.pk == manual_pk)
        if lock is not None:
            cache.touch(lock, LOCK_SECONDS)
        if not ok:
            return delivered
        delivered += 1


def resend(delivery, now=None, send=None):
    """Re-send from the admin. A delivered event is sent once more (same idempotency key);
    an undelivered one is due again now, with the backoff restarted, and the partner's queue
    is worked from its oldest undelivered event so the order holds."""
    now = now or clock.now()
    if delivery.status == DeliveryStatus.DELIVERED:
        return attempt(delivery, now=now, send=send, manual=True)
    WebhookDelivery.objects.filter(pk=delivery.pk).update(
        status=DeliveryStatus.PENDING, next_attempt_at=now, attempts=0
    )
    deliver_due(now=now, send=send, partner=delivery.partner, manual_pk=delivery.pk)
    delivery.refresh_from_db()
    return delivery.status == DeliveryStatus.DELIVERED
