"""The fuzz tests: the Hypothesis profiles ``ci`` (default) and ``deep`` are registered by
:mod:`fuzz_profiles` (``HYPOTHESIS_PROFILE=deep`` for the long local run)."""

import fuzz_profiles  # noqa: F401 - registers the profiles
