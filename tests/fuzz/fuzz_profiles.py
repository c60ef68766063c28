"""Hypothesis settings of the fuzz tests (``tests/fuzz``).

Two profiles, chosen with ``HYPOTHESIS_PROFILE`` (``ci`` when unset):

* ``ci`` — bounded and reproducible: ``derandomize=True`` draws the same examples on every run,
  so a CI failure is a real change, never luck; the whole folder adds well under a minute.
* ``deep`` — thousands of random examples per target, for a longer local run
  (``benchmarks/fuzz/run.py`` runs it and prints the table of ``results-fuzz.txt``).

The profiles are applied per test (:func:`fuzz`), not loaded globally, so that the other
Hypothesis users of the suite (the schemathesis API tests) keep their own settings.
"""

import os

from hypothesis import HealthCheck, settings

PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "ci")

settings.register_profile(
    "ci",
    max_examples=150,
    deadline=None,
    derandomize=True,
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "deep",
    max_examples=3000,
    deadline=None,
    derandomize=False,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def fuzz(share=1.0):
    """The settings of the active profile, with ``share`` of its examples (a target that
    writes to the database runs fewer than a pure function)."""
    profile = settings.get_profile(PROFILE if PROFILE in ("ci", "deep") else "ci")
    return settings(profile, max_examples=max(10, int(profile.max_examples * share)))


def chinese(message) -> bool:
    """Whether ``message`` (a validation error's text) is in Chinese: it holds Han characters."""
    return any("\u4e00" <= char <= "\u9fff" for char in str(message))
