"""The second factor's rules (disclosure/accounts/otp.py, GB/T 22239-2019 8.1.4.1 c): who must
verify one, recovery codes, the reset, and ``manage.py reset_otp``. The helpers here are shared
by the middleware's and the pages' tests."""

from base64 import b32decode
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client, override_settings
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from disclosure.accounts import otp
from disclosure.accounts.models import SecurityEvent, SecurityEventKind
from disclosure.departments.roles import EDITOR
from tests.factories import superuser, user_with_role

pytestmark = pytest.mark.django_db

REQUIRED = override_settings(STAFF_OTP_REQUIRED=True)


def code_for(device):
    """The device's current code, computed here from its key (RFC 6238)."""
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def password_login(user, password="pw"):
    """A client logged in through the admin's login form, with the password alone."""
    client = Client()
    response = client.post(
        reverse("wagtailadmin_login"), {"username": user.get_username(), "password": password}
    )
    assert response.status_code == 302, response.content.decode()[:500]
    return client


def enrol(user):
    """A confirmed TOTP device for ``user`` and their recovery codes."""
    device = TOTPDevice.objects.create(user=user, name="动态口令", confirmed=True)
    return device, otp.replace_recovery_codes(user)


def verified_client(user):
    """A client logged in with the password and verified with a code of ``user``'s device."""
    device = otp.totp_device(user) or enrol(user)[0]
    # A code is accepted once (replay protection): let this helper use the current one again.
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1)
    client = password_login(user)
    response = client.post(reverse("accounts_otp_verify"), {"code": code_for(device)})
    assert response.status_code == 302 and "otp" not in response.headers["Location"]
    return client


def events(kind, user=None):
    found = SecurityEvent.objects.filter(kind=kind)
    return found.filter(user=user) if user is not None else found


def test_who_must_verify_a_second_factor():
    editor = user_with_role("editor", EDITOR)
    admin = superuser()
    outsider = user_with_role("outsider", EDITOR)
    outsider.groups.clear()
    with REQUIRED:
        assert otp.requires_second_factor(editor) and otp.requires_second_factor(admin)
        assert not otp.requires_second_factor(outsider)  # no admin access: nothing to protect
    assert not otp.requires_second_factor(editor)  # STAFF_OTP_REQUIRED off (base, test)


def test_recovery_codes_are_ten_new_codes_and_replace_the_old_ones():
    editor = user_with_role("editor", EDITOR)
    _device, first = enrol(editor)
    assert len(set(first)) == otp.RECOVERY_CODE_COUNT == 10
    second = otp.replace_recovery_codes(editor)
    assert not set(first) & set(second)
    device = otp.recovery_device(editor)
    assert sorted(device.token_set.values_list("token", flat=True)) == sorted(second)
    assert StaticDevice.objects.filter(user=editor).count() == 1


def test_the_qr_code_is_drawn_here_and_the_secret_is_the_device_key():
    editor = user_with_role("editor", EDITOR)
    device = otp.pending_device(editor)
    svg = otp.qr_svg(device)
    assert svg.startswith("<svg") and "<path" in svg and "href" not in svg
    assert otp.pending_device(editor) == device  # the same secret until confirmed
    assert b32decode(otp.secret_base32(device).replace(" ", "")) == device.bin_key


def test_reset_removes_the_devices_and_records_who_did_it():
    editor = user_with_role("editor", EDITOR)
    admin = superuser()
    enrol(editor)
    assert otp.reset(editor, actor=admin) == 2
    assert otp.totp_device(editor) is None and otp.recovery_device(editor) is None
    event = events(SecurityEventKind.OTP_RESET, editor).get()
    assert event.actor == admin and event.detail["devices"] == 2


def test_reset_otp_command():
    editor = user_with_role("editor", EDITOR)
    enrol(editor)
    out = StringIO()
    call_command("reset_otp", "editor", stdout=out)
    assert "已重置“editor”的动态口令" in out.getvalue()
    assert otp.totp_device(editor) is None
    assert events(SecurityEventKind.OTP_RESET, editor).get().detail["via"] == (
        "manage.py reset_otp"
    )
    with pytest.raises(CommandError, match="用户“nobody”不存在"):
        call_command("reset_otp", "nobody")
