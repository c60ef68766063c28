"""Webhooks: signed, idempotent, in feed order, retried with exponential backoff by an
injectable clock; a receiver down for over an hour gets every event exactly once, in order."""

import datetime as dt
import json

import pytest
from django.utils import timezone

from disclosure.syndication import projection, webhooks
from disclosure.syndication.models import (
    DeliveryAttempt,
    DeliveryStatus,
    FeedEntry,
    Partner,
    WebhookDelivery,
)
from tests.factories import article, publish_revision

pytestmark = pytest.mark.django_db


class FakeClock:
    def __init__(self, start):
        self.current = start

    def now(self):
        return self.current

    def advance(self, **delta):
        self.current += dt.timedelta(**delta)


class Receiver:
    """A partner's endpoint: refuses connections until ``up_at``, then verifies the signature
    and keeps each event once per idempotency key (what a careful receiver does)."""

    def __init__(self, clock, secret, up_at, status=200):
        self.clock, self.secret, self.up_at, self.status = clock, secret, up_at, status
        self.received, self.calls = [], 0

    def send(self, url, body, headers, timeout):
        self.calls += 1
        if self.clock.now() < self.up_at:
            raise ConnectionRefusedError("receiver down")
        assert webhooks.verify(self.secret, headers, body, now=self.clock.now().timestamp())
        event = json.loads(body)
        assert headers["Idempotency-Key"]
        assert headers["X-Disclosure-Event"] == event["kind"]
        self.received.append((headers["Idempotency-Key"], event["position"], event))
        return self.status


@pytest.fixture
def clock(monkeypatch):
    fake = FakeClock(timezone.now())
    monkeypatch.setattr(webhooks, "clock", fake)
    return fake


@pytest.fixture
def hooked_partner(db):
    return Partner.objects.create(name="资源库", webhook_url="https://receiver.example/hook")


def make_events(columns):
    a = article(columns["news"], title="一")
    b = article(columns["sub"], title="二")
    a.title = "一（修改）"
    publish_revision(a.save_revision())
    b.unpublish()
    c = article(columns["news"], title="三")
    c.unpublish(set_expired=True)
    projection.sync()
    return list(FeedEntry.objects.filter(is_item=True).order_by("position"))


def test_receiver_down_over_an_hour_gets_everything_once_in_order(
    site_columns, hooked_partner, clock
):
    entries = make_events(site_columns)
    start = clock.now()
    receiver = Receiver(
        clock, hooked_partner.webhook_secret, up_at=start + dt.timedelta(minutes=70)
    )
    while clock.now() < start + dt.timedelta(hours=3):
        webhooks.deliver_due(send=receiver.send)
        clock.advance(minutes=1)

    positions = [position for _key, position, _event in receiver.received]
    assert positions == [entry.position for entry in entries]  # every event once, in order
    keys = [key for key, _position, _event in receiver.received]
    assert len(set(keys)) == len(keys)
    head = WebhookDelivery.objects.get(entry=entries[0])
    failures = DeliveryAttempt.objects.filter(delivery=head, status_code=None)
    assert failures.count() >= 5
    first_failure, last_failure = failures.first().attempted_at, failures.last().attempted_at
    assert last_failure - first_failure > dt.timedelta(hours=1)
    # Exponential backoff: 1, 2, 4, 8, 16, 32, 64 minutes between attempts.
    times = list(
        DeliveryAttempt.objects.filter(delivery=head).values_list("attempted_at", flat=True)
    )
    gaps = [round((b - a).total_seconds() / 60) for a, b in zip(times, times[1:], strict=False)]
    assert gaps == [1, 2, 4, 8, 16, 32, 64]
    # While the first event was failing, the later ones were not tried (order is kept).
    later = WebhookDelivery.objects.exclude(pk=head.pk)
    assert all(d.attempts == 1 for d in later)
    assert set(WebhookDelivery.objects.values_list("status", flat=True)) == {"delivered"}
    assert receiver.calls == len(entries) + failures.count()


def test_error_responses_are_logged_and_retried(site_columns, hooked_partner, clock):
    make_events(site_columns)
    receiver = Receiver(clock, hooked_partner.webhook_secret, up_at=clock.now(), status=503)
    webhooks.deliver_due(send=receiver.send)
    head = WebhookDelivery.objects.order_by("entry_id").first()
    assert head.status == DeliveryStatus.PENDING
    assert head.last_status_code == 503
    assert head.next_attempt_at == clock.now() + dt.timedelta(minutes=1)
    assert DeliveryAttempt.objects.get(delivery=head).status_code == 503


def test_gives_up_after_max_attempts_and_resend_restarts(site_columns, hooked_partner, clock):
    make_events(site_columns)
    receiver = Receiver(
        clock, hooked_partner.webhook_secret, up_at=clock.now() + dt.timedelta(days=30)
    )
    for _ in range(webhooks.MAX_ATTEMPTS + 2):
        webhooks.deliver_due(send=receiver.send)
        clock.advance(hours=7)
    head = WebhookDelivery.objects.order_by("entry_id").first()
    assert head.status == DeliveryStatus.FAILED
    assert head.attempts == webhooks.MAX_ATTEMPTS
    receiver.up_at = clock.now()
    assert webhooks.resend(head, send=receiver.send)
    assert set(WebhookDelivery.objects.values_list("status", flat=True)) == {"delivered"}
    # A re-send of a delivered event goes out again with the same idempotency key.
    keys_before = [key for key, _p, _e in receiver.received]
    assert webhooks.resend(head, send=receiver.send)
    assert receiver.received[-1][0] == head.idempotency_key == keys_before[0]
    assert DeliveryAttempt.objects.filter(delivery=head, manual=True).count() == 2


def test_partner_gets_only_the_kinds_it_wants(site_columns, clock):
    partner = Partner.objects.create(
        name="只要撤下",
        webhook_url="https://receiver.example/x",
        event_kinds=["unpublish", "expire"],
    )
    make_events(site_columns)
    kinds = set(
        WebhookDelivery.objects.filter(partner=partner).values_list("entry__kind", flat=True)
    )
    assert kinds == {"unpublish", "expire"}
    # Columns are published too, but only disclosure items go to partners.
    assert not WebhookDelivery.objects.filter(entry__is_item=False).exists()


def test_signature_is_over_timestamp_and_body():
    body = b'{"kind":"publish"}'
    sig = webhooks.signature("secret", 1700000000, body)
    headers = {"X-Disclosure-Timestamp": "1700000000", "X-Disclosure-Signature": sig}
    assert webhooks.verify("secret", headers, body, now=1700000010)
    assert not webhooks.verify("other", headers, body, now=1700000010)
    assert not webhooks.verify("secret", headers, body + b" ", now=1700000010)
    assert not webhooks.verify("secret", headers, body, now=1700000000 + 3600)


def test_publishing_makes_no_call_to_a_partner(
    site_columns, hooked_partner, monkeypatch, django_capture_on_commit_callbacks
):
    # Issue #13 item 1: with the in-process task backend a hanging receiver held the publish
    # for the HTTP timeout. Publishing writes the events; the delivery worker sends them.
    from django.core.management import call_command

    calls = []

    def record(url, body, headers, timeout):
        calls.append(url)
        return 200

    monkeypatch.setattr(webhooks, "http_send", record)
    with django_capture_on_commit_callbacks(execute=True):  # what follows the commit
        article(site_columns["news"], title="发布时不等合作方")
    assert calls == []
    call_command("deliver_webhooks")
    assert calls == [hooked_partner.webhook_url]


def test_each_attempt_is_signed_when_it_is_sent(site_columns, hooked_partner, clock):
    # Issue #13 item 2: a run signed every event with its start time; with a receiver taking
    # 2 s per answer a backlog aged past the 5-minute tolerance.
    make_events(site_columns)
    stamps = []

    def slow_receiver(url, body, headers, timeout):
        stamps.append((int(headers["X-Disclosure-Timestamp"]), int(clock.now().timestamp())))
        assert webhooks.verify(
            hooked_partner.webhook_secret, headers, body, now=clock.now().timestamp()
        )
        clock.advance(seconds=200)  # a slow receiver: the backlog outlives the tolerance
        return 200

    assert webhooks.deliver_due(send=slow_receiver) == 6  # every event of make_events
    assert [sent for sent, _now in stamps] == [now for _sent, now in stamps]
    assert len({sent for sent, _now in stamps}) == 6


def test_the_delivery_lock_is_renewed_after_each_attempt(
    site_columns, hooked_partner, clock, monkeypatch
):
    from django.core.cache import cache

    make_events(site_columns)
    touched = []
    monkeypatch.setattr(cache, "touch", lambda key, timeout: touched.append((key, timeout)))
    webhooks.deliver_due(send=lambda *args: 200)
    assert touched == [(f"syndication:deliver:{hooked_partner.pk}", webhooks.LOCK_SECONDS)] * 6
