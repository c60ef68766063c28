"""Test settings: the same environment variables as production (``DATABASE_URL``,
``SEARCH_BACKEND``), fast password hashing, in-memory e-mail and media in temp folders that the
process which made them removes when it exits."""

import atexit
import os
import shutil
import tempfile

from .base import *  # noqa: F403

SECRET_KEY = os.environ.get("SECRET_KEY") or "test-only-not-secret"  # noqa: S105
DEBUG = False
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = tempfile.mkdtemp(prefix="disclosure-test-media-")
PRIVATE_MEDIA_ROOT = tempfile.mkdtemp(prefix="disclosure-test-private-")
_MADE_BY = os.getpid()


def _remove_media_folders():
    if os.getpid() == _MADE_BY:  # not in a forked child that shares them
        for folder in (MEDIA_ROOT, PRIVATE_MEDIA_ROOT):
            shutil.rmtree(folder, ignore_errors=True)


atexit.register(_remove_media_folders)
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
# Django's test client logs in without a request (client.login → authenticate()), which axes
# refuses: the lockout tests (tests/accounts) turn it on with override_settings.
AXES_ENABLED = False
