"""The mapping of a provider's attributes to an account, whatever the protocol."""

import pytest
from django.contrib.auth import get_user_model

from disclosure.accounts.sso.mapping import Assertion, SSORefused, sync_account, values
from disclosure.departments.roles import DEPARTMENT_HEAD, EDITOR, ensure_roles, role_group
from tests.factories import department

pytestmark = pytest.mark.django_db


@pytest.fixture
def mapping(settings):
    ensure_roles()
    settings.SSO_ROLE_ATTRIBUTE = "role"
    settings.SSO_ROLE_MAP = {"信息员": EDITOR, "科长": [EDITOR, DEPARTMENT_HEAD]}
    settings.SSO_DEPARTMENT_ATTRIBUTE = ""
    return settings


def assertion(username="zhaoliu", **attributes):
    return Assertion(provider="cas", username=username, attributes=attributes)


def test_values_are_lists_of_non_empty_strings():
    attributes = {"one": " 信息员 ", "many": ["a", None, "", "b"], "none": None}
    assert values(attributes, "one") == ["信息员"]
    assert values(attributes, "many") == ["a", "b"]
    assert values(attributes, "none") == values(attributes, "missing") == values({}, "") == []


def test_a_role_value_may_map_to_several_roles_and_departments_are_left_alone_when_not_asked(
    mapping,
):
    office = department("办公室")
    user = get_user_model().objects.create_user("zhaoliu")
    office.add_member(user)
    user, detail = sync_account(assertion(role="科长"))
    assert set(user.groups.all()) == {role_group(EDITOR), role_group(DEPARTMENT_HEAD), office.group}
    assert "departments" not in detail and not detail["created"]


def test_a_role_map_naming_no_role_of_the_platform_is_refused(mapping):
    mapping.SSO_ROLE_MAP = {"信息员": "superuser"}
    with pytest.raises(SSORefused) as refused:
        sync_account(assertion(role="信息员"))
    assert refused.value.reason == "role_map_invalid" and refused.value.username == "zhaoliu"


@pytest.mark.parametrize(
    ("fields", "reason"),
    [({"is_active": False}, "inactive"), ({"is_superuser": True}, "superuser")],
)
def test_inactive_and_superuser_accounts_are_refused_unchanged(mapping, fields, reason):
    user = get_user_model().objects.create_user("zhaoliu", first_name="旧", **fields)
    with pytest.raises(SSORefused) as refused:
        sync_account(assertion(role="信息员", name="新"))
    assert refused.value.reason == reason
    user.refresh_from_db()
    assert user.first_name == "旧" and not user.groups.exists()


def test_an_empty_username_is_refused(mapping):
    with pytest.raises(SSORefused) as refused:
        sync_account(assertion(username="  ", role="信息员"))
    assert refused.value.reason == "no_username"
