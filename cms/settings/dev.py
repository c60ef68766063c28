"""Local development: the embedded default (SQLite, database search), DEBUG on."""

import os

from .base import *  # noqa: F403

DEBUG = os.environ.get("DEBUG", "1").lower() in {"1", "true", "yes", "on"}
SECRET_KEY = os.environ.get("SECRET_KEY") or "dev-only-not-secret"  # noqa: S105
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")  # noqa: F405
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
