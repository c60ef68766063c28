"""Password rules (AUTH_PASSWORD_VALIDATORS as configured) and the password's age."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.utils import timezone

from disclosure.accounts.models import SecurityEvent, SecurityEventKind
from disclosure.accounts.passwords import name_parts, password_changed_at, password_expired

pytestmark = pytest.mark.django_db


def a_user(username="zhifa_editor", first_name="", last_name=""):
    return get_user_model()(username=username, first_name=first_name, last_name=last_name)


def refused(password, user):
    with pytest.raises(ValidationError) as error:
        validate_password(password, user)
    return " ".join(error.value.messages)


def test_the_issue_examples_are_refused():
    assert "姓名拼音" in refused("zhifa2026", a_user("zhifa_editor"))
    chen = a_user("clerk7", first_name="陈登记")
    assert "姓名拼音" in refused("chendengji", chen)
    assert "姓名拼音" in refused("Chendengji2026!", chen)
    # Surname and given name stored apart, either order.
    assert "姓名拼音" in refused("Dengji-Chen-2026", a_user("clerk7", "登记", "陈"))
    assert "姓名拼音" in refused("Zz-cdj-7731-Qx", chen)


def test_length_and_character_classes():
    user = a_user("clerk7")
    assert "至少" in refused("Short-1a", user)
    assert "四类中的 3 类" in refused("lanternorchidwalk", user)
    assert "四类中的 3 类" in refused("LANTERNORCHIDWALK", user)
    # Django's common passwords stay refused.
    assert refused("Password1234", user)


def test_good_passwords_pass():
    chen = a_user("clerk7", first_name="陈登记")
    for password in ("Lantern-Orchid-58", "qiu#Feng9Walk22", "7Rivers!andHills"):
        validate_password(password, chen)


def test_short_name_parts_are_not_rules():
    # A two-letter surname ("li") would refuse too many good passwords.
    assert "li" not in name_parts(a_user("x9", first_name="李"))
    assert "chendengji" in name_parts(a_user("x9", first_name="陈登记"))


def test_the_password_age_counts_from_the_last_change():
    user = get_user_model().objects.create_user("clerk7", password="Lantern-Orchid-58")
    created = SecurityEvent.objects.get(kind=SecurityEventKind.USER_CREATED)
    assert password_changed_at(user) == created.occurred_at
    later = timezone.now() + datetime.timedelta(days=91)
    with override_settings(PASSWORD_MAX_AGE_DAYS=0):
        assert not password_expired(user, now=later)
    with override_settings(PASSWORD_MAX_AGE_DAYS=90):
        assert password_expired(user, now=later)
        assert not password_expired(user)
        user.set_password("Lantern-Orchid-59")
        user.save()
        assert not password_expired(user, now=later - datetime.timedelta(days=2))


def test_without_a_log_the_age_counts_from_the_account_creation():
    user = get_user_model().objects.create_user("clerk7", password="Lantern-Orchid-58")
    SecurityEvent.objects.all().delete()
    assert password_changed_at(user) == user.date_joined


def test_an_account_without_a_password_never_expires():
    user = get_user_model().objects.create_user("sso_user")
    user.set_unusable_password()
    user.save()
    with override_settings(PASSWORD_MAX_AGE_DAYS=1):
        assert not password_expired(user, now=timezone.now() + datetime.timedelta(days=30))
