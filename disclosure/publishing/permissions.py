"""Who may do what to a page: Wagtail's permission tester, narrowed by a rule the columns app
installs (:func:`install_tester`), so that every page type of the portal asks the same rule
without the publishing layer knowing columns (``docs/architecture.md``, layer order).

Wagtail lets a page class override ``permissions_for_user`` (``Page.permissions_for_user``);
:class:`disclosure.publishing.models.PortalPage` does, and returns :func:`tester_for`.
"""

from wagtail.models import PagePermissionTester

_tester_class = PagePermissionTester


def install_tester(tester_class):
    """Use ``tester_class`` (a ``PagePermissionTester``) for every portal page."""
    global _tester_class
    _tester_class = tester_class


def tester_for(user, page):
    return _tester_class(user, page)
