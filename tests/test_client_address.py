"""The client behind the site's reverse proxies (``TRUSTED_PROXIES``): the address every
per-client limit counts (the API's, the application form's); a forged ``X-Forwarded-For``
from an untrusted client is ignored."""

import pytest
from django.test import RequestFactory

from disclosure.client_address import client_address


@pytest.mark.parametrize(
    ("remote", "forwarded", "trusted", "expected"),
    [
        ("10.0.0.5", "203.0.113.9", [], "10.0.0.5"),  # no proxy trusted: the header is ignored
        ("10.0.0.5", "203.0.113.9", ["10.0.0.0/8"], "203.0.113.9"),
        ("10.0.0.5", "198.51.100.1, 203.0.113.9, 10.0.0.7", ["10.0.0.0/8"], "203.0.113.9"),
        ("192.0.2.1", "203.0.113.9", ["10.0.0.0/8"], "192.0.2.1"),  # a client forging it
    ],
)
def test_the_client_behind_a_trusted_proxy(settings, remote, forwarded, trusted, expected):
    settings.TRUSTED_PROXIES = trusted
    request = RequestFactory().get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    assert client_address(request) == expected
