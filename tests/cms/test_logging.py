"""Server errors are logged to stderr in production (issue #11 finding 6)."""

import logging

from django.conf import settings


def test_django_request_errors_go_to_the_console():
    logger = settings.LOGGING["loggers"]["django.request"]
    assert "console" in logger["handlers"]
    assert settings.LOGGING["handlers"]["console"]["class"] == "logging.StreamHandler"


def test_a_500_is_logged_with_its_traceback(client, caplog, monkeypatch, settings):
    from search import views

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(views.service, "search", broken)
    settings.DEBUG = False
    client.raise_request_exception = False
    with caplog.at_level(logging.ERROR, logger="django.request"):
        response = client.get("/api/search/", {"q": "食品"})
    assert response.status_code == 500
    [record] = [r for r in caplog.records if r.name == "django.request"]
    assert record.exc_info and "boom" in str(record.exc_info[1])
