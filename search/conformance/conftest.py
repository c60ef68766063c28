"""The suite needs its own settings (modelsearch's test app, our fixture): under any other
settings module (e.g. ``pytest search`` with the project's default), collect nothing here
rather than fail on import."""

import os

if os.environ.get("DJANGO_SETTINGS_MODULE") != "search.conformance.settings":
    collect_ignore_glob = ["test_*.py"]
