"""Test settings: the same environment variables as production (``DATABASE_URL``,
``SEARCH_BACKEND``), fast password hashing, in-memory e-mail and media in a temp folder."""

import os
import tempfile

from .base import *  # noqa: F403

SECRET_KEY = os.environ.get("SECRET_KEY") or "test-only-not-secret"  # noqa: S105
DEBUG = False
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = tempfile.mkdtemp(prefix="disclosure-test-media-")
PRIVATE_MEDIA_ROOT = tempfile.mkdtemp(prefix="disclosure-test-private-")
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
# Django's test client logs in without a request (client.login → authenticate()), which axes
# refuses: the lockout tests (tests/accounts) turn it on with override_settings.
AXES_ENABLED = False
