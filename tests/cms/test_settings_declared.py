"""Every project setting the code reads is declared in ``cms.settings.base`` (with a comment
citing its source there), never only as a default at the place that reads it."""

import re
from pathlib import Path

from django.conf import global_settings, settings

import cms.settings.base as base

ROOT = Path(settings.BASE_DIR)
#: Where the code lives; ``cms/settings`` declares the settings and is not scanned.
SOURCES = ["cms", "disclosure", "home", "search", "demo", "benchmarks"]
#: ``settings.NAME`` and ``getattr(settings, "NAME", …)``.
READ = re.compile(
    r"""\bsettings\.([A-Z][A-Z0-9_]+)\b|getattr\(\s*settings\s*,\s*["']([A-Z][A-Z0-9_]+)["']"""
)
#: The project's own prefixes: such a setting must be in base even if Django had a default.
PROJECT_PREFIXES = ("DISCLOSURE_", "API_", "SEARCH_")


def settings_read():
    names = {}
    for folder in SOURCES:
        for path in sorted((ROOT / folder).rglob("*.py")):
            relative = path.relative_to(ROOT)
            if relative.parts[:2] == ("cms", "settings") or "migrations" in relative.parts:
                continue
            for match in READ.finditer(path.read_text(encoding="utf-8")):
                names.setdefault(match.group(1) or match.group(2), str(relative))
    return names


def test_the_scan_finds_the_settings_the_code_reads():
    names = settings_read()
    for name in (
        "API_RATE_LIMIT_ANONYMOUS",
        "API_CORS_ALLOWED_ORIGINS",
        "PUBLICATION_GATE_RULES",
    ):
        assert name in names


def test_every_setting_read_is_declared_in_base():
    missing = {
        name: where
        for name, where in settings_read().items()
        if not hasattr(base, name)
        and (name.startswith(PROJECT_PREFIXES) or not hasattr(global_settings, name))
    }
    assert not missing, f"read by the code but not declared in cms/settings/base.py: {missing}"
