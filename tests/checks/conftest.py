# The ``site`` fixture (a column, its department and the real roles) for the checks tests.
from tests.checks.test_checks_gate import site  # noqa: F401
