"""Who may do what to a page: Wagtail's permission tester, narrowed by a rule the columns app
installs (:func:`install_tester`), so that every page type of the portal asks the same rule
without the publishing layer knowing columns (``docs/architecture.md``, layer order).

Wagtail lets a page class override ``permissions_for_user`` (``Page.permissions_for_user``);
:class:`disclosure.publishing.models.PortalPage` does, and returns :func:`tester_for`.
"""

from django.db.models import Q
from wagtail.models import PagePermissionTester

_tester_class = PagePermissionTester
_responsible_paths = None


def install(tester_class, responsible_paths):
    """Use ``tester_class`` (a ``PagePermissionTester``) for every portal page, and
    ``responsible_paths(user)`` (``(paths, excluded)``: the tree paths of the columns the
    user's departments are responsible for and of the columns below them they are not, or
    ``None`` for a user who sees every department's records) for :func:`scope`."""
    global _tester_class, _responsible_paths
    _tester_class = tester_class
    _responsible_paths = responsible_paths


def tester_for(user, page):
    return _tester_class(user, page)


def scope(queryset, user, path_field="page__path"):
    """The rows of ``queryset`` whose page lies in a column the user's departments are
    responsible for (all rows for the office, reviewers, administrators)."""
    responsible = _responsible_paths(user) if _responsible_paths else None
    if responsible is None:
        return queryset
    paths, excluded = responsible
    condition = Q(pk__in=[])
    for path in paths:
        inside = Q(**{f"{path_field}__startswith": path})
        for other in excluded:
            # A column below, of other departments alone (a column of the user's below that
            # one has its own clause).
            if other.startswith(path):
                inside &= ~Q(**{f"{path_field}__startswith": other})
        condition |= inside
    return queryset.filter(condition)
