"""Department scoping of page permissions (issue #11 finding 3).

A department's group gets add/edit rights on each column it is responsible for
(:func:`disclosure.departments.roles.sync_column_permissions`). Wagtail lets such rights flow
down the whole subtree, so a department listed on 信息公开 could edit a page in a sub-column that
only 执法支队 is responsible for. Here a right that comes from a department's group counts on a
page only when that department is responsible for the page's *own* column — the nearest column
above it (or the page itself) that lists departments — and only for members who author (科室信息员,
科室负责人): reviewers review (保密审查员, 依申请公开经办人 keep no authoring right through their
department). Rights given to role groups (the disclosure office on the whole tree) are
unchanged; superusers keep everything.

Installed for every portal page by :class:`disclosure.columns.apps.ColumnsConfig`.
"""

from wagtail.models import PagePermissionTester

from disclosure.departments.models import Department
from disclosure.departments.roles import (
    CONFIDENTIALITY_REVIEWER,
    DEPARTMENT_HEAD,
    DISCLOSURE_OFFICE,
    EDITOR,
    SYSTEM_ADMIN,
    user_has_role,
)

from .models import ColumnPage

AUTHORING_ROLES = (EDITOR, DEPARTMENT_HEAD)
#: Roles that see the records of every department (withdrawals, deadlines).
WHOLE_SITE_ROLES = (DISCLOSURE_OFFICE, SYSTEM_ADMIN, CONFIDENTIALITY_REVIEWER)


def responsible_paths(user):
    """``(paths, excluded)``: the tree paths of the columns the user's departments are
    responsible for, and those of the columns below them that other departments alone are
    responsible for (the rule of :func:`responsible_departments`); ``None`` for superusers and
    the roles of :data:`WHOLE_SITE_ROLES`, who see every department's records (issue #11
    finding 6: withdrawal records with their internal reasons, the enforcement deadlines)."""
    if user.is_superuser or any(user_has_role(user, code) for code in WHOLE_SITE_ROLES):
        return None
    mine = set(Department.for_user(user).values_list("pk", flat=True))
    columns = ColumnPage.objects.filter(departments__isnull=False).prefetch_related("departments")
    paths, excluded = [], []
    for column in columns.distinct():
        departments = {department.pk for department in column.departments.all()}
        (paths if departments & mine else excluded).append(column.path)
    excluded = [e for e in excluded if any(e.startswith(p) and e != p for p in paths)]
    return paths, excluded


def responsible_departments(page) -> set[int]:
    """The ids of the departments responsible for ``page``: those of the nearest column above it
    (or the page itself) that lists any."""
    columns = (
        ColumnPage.objects.filter(path__in=ancestor_paths(page))
        .order_by("-depth")
        .prefetch_related("departments")
    )
    for column in columns:
        ids = {department.pk for department in column.departments.all()}
        if ids:
            return ids
    return set()


def ancestor_paths(page) -> list[str]:
    """The tree paths of ``page`` and its ancestors."""
    step = page.steplen
    return [page.path[:end] for end in range(step, len(page.path) + 1, step)]


def scoped_actions(user, page, granted) -> set[str]:
    """The actions (``add``, ``change``, ``publish``…) of ``granted`` (the user's
    ``GroupPagePermission`` rows) that count on ``page``."""
    granted = [perm for perm in granted if page.path.startswith(perm.page.path)]
    department_of_group = dict(
        Department.objects.filter(group_id__in={perm.group_id for perm in granted}).values_list(
            "group_id", "pk"
        )
    )
    responsible = authoring = None
    actions = set()
    for perm in granted:
        department = department_of_group.get(perm.group_id)
        if department is not None:
            if authoring is None:
                authoring = any(user_has_role(user, code) for code in AUTHORING_ROLES)
                responsible = responsible_departments(page) if authoring else set()
            if not authoring or department not in responsible:
                continue
        actions.add(perm.permission.codename.rsplit("_", maxsplit=1)[0])
    return actions


class ColumnScopedPermissionTester(PagePermissionTester):
    """Wagtail's tester with the permissions of :func:`scoped_actions`."""

    def __init__(self, user, page):
        super().__init__(user, page)
        if user.is_active and not user.is_superuser:
            self.permissions = scoped_actions(
                user, page, self.permission_policy.get_cached_permissions_for_user(user)
            )
