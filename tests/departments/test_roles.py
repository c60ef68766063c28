"""The role groups (disclosure/departments/roles.py): every permission a role lists is granted,
read in one statement a role."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from disclosure.departments.roles import ROLE_PERMISSIONS, ROLES, ensure_roles, role_group

pytestmark = pytest.mark.django_db


def test_every_role_has_every_permission_it_lists():
    ensure_roles()
    for code in ROLES:
        granted = {
            f"{app_label}.{codename}"
            for app_label, codename in role_group(code).permissions.values_list(
                "content_type__app_label", "codename"
            )
        }
        assert set(ROLE_PERMISSIONS[code]) <= granted, code


def test_the_roles_are_ensured_in_a_few_statements():
    # Run by every test that makes a user with a role: a statement a permission made it ~150.
    ensure_roles()
    with CaptureQueriesContext(connection) as statements:
        ensure_roles()
    assert len(statements) <= 5 * len(ROLES) + 20
