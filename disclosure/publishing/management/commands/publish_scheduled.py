"""Wagtail's ``publish_scheduled``, replaced: the same work through the publication gate, with
the expiry recorded (see ``disclosure.publishing.scheduling``); existing cron lines keep working."""

from .publish_due import Command  # noqa: F401
