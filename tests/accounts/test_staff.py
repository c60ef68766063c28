import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser

from disclosure.accounts.staff import is_staff_user
from disclosure.departments.roles import EDITOR
from tests.factories import superuser, user_with_role

pytestmark = pytest.mark.django_db


def test_staff_is_whoever_may_enter_the_admin():
    assert is_staff_user(user_with_role("editor1", EDITOR))  # a role, without is_staff
    assert is_staff_user(superuser("root"))
    assert not is_staff_user(get_user_model().objects.create_user("citizen"))
    assert not is_staff_user(AnonymousUser())
    inactive = user_with_role("gone", EDITOR, is_active=False)
    assert not is_staff_user(inactive)
