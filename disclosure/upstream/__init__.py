"""Adapters around the private API of upstream packages: one module per package.

Every use of a private name (``_inc_path``, ``_slug_is_available``, ``_refresh_title_norms``…),
of an upstream table in raw SQL and of a Wagtail admin URL or form field name goes through
these modules, and ``tests/upstream/`` pins each behaviour, so that an upgrade of Wagtail,
treebeard or modelsearch fails loudly in one place. The lowest layer: these modules import
Django and the upstream packages only, nothing of the portal.
"""
