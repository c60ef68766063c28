"""Settings for the modelsearch conformance suite: modelsearch's test settings (its test app,
``searchtests``), our fixture directory, our backend, the database from ``DATABASE_URL``."""

import os
import tempfile
from pathlib import Path

import dj_database_url

# An empty DATABASE_URL means "not set" (modelsearch's settings would fail on it).
if not os.environ.get("DATABASE_URL"):
    os.environ.pop("DATABASE_URL", None)

# modelsearch's settings index a dict with $SEARCH_BACKEND (KeyError on a value of ours such
# as "database"), and the engine settings it derives are not used here: import without it.
_search_backend = os.environ.pop("SEARCH_BACKEND", None)
try:
    from modelsearch.test.settings import *  # noqa: F403
    from modelsearch.test.settings import INSTALLED_APPS
finally:
    if _search_backend is not None:
        os.environ["SEARCH_BACKEND"] = _search_backend

FIXTURE_DIRS = [Path(__file__).resolve().parent / "fixtures"]

DATABASES = {
    "default": dj_database_url.config(
        default="sqlite:///" + os.path.join(tempfile.gettempdir(), "conformance-modelsearch.sqlite")
    )
}
if (
    DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
    and "django.contrib.postgres" not in INSTALLED_APPS
):
    INSTALLED_APPS = [*INSTALLED_APPS, "django.contrib.postgres"]

MODELSEARCH_BACKENDS = {"default": {"BACKEND": "search.backends.database"}}
