# The ``site`` fixture (departments, columns, the standard workflow and the real roles) for
# every test of the review area.
from tests.review.test_moderation_workflow import site  # noqa: F401
