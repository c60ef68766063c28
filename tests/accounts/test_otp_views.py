"""The second factor's pages (disclosure/accounts/otp_views.py, GB/T 22239-2019 8.1.4.1 c):
enrolment, verification with a code or a recovery code, the logout after five refused codes,
the status page, new recovery codes, and a superuser's reset."""

import re

import pytest
from django.test import override_settings
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from disclosure.accounts import otp
from disclosure.accounts.models import SecurityEventKind
from disclosure.departments.roles import EDITOR, SYSTEM_ADMIN
from tests.accounts.test_otp import code_for, enrol, events, password_login, verified_client
from tests.cms.admin_text import english_in
from tests.factories import superuser, user_with_role

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("required")]

CODE = re.compile(r"<li><code>([a-z2-7]{8})</code></li>")


@pytest.fixture
def required():
    with override_settings(STAFF_OTP_REQUIRED=True):
        yield


def wrong_code(device):
    return f"{(int(code_for(device)) + 500_000) % 1_000_000:06d}"


def test_enrolment_shows_a_qr_code_and_the_secret_and_a_first_code_confirms_it():
    editor = user_with_role("editor", EDITOR)
    client = password_login(editor)
    page = client.get(reverse("accounts_otp_enrol") + "?next=/admin/pages/")
    html = page.content.decode()
    device = TOTPDevice.objects.get(user=editor, confirmed=False)
    assert '<div class="otp-qr" role="img" aria-label="动态口令绑定二维码"><svg' in html
    assert otp.secret_base32(device) in html
    assert '<label class="w-field__label" for="id_code"' in html  # the field has its label
    assert english_in(html) == []

    response = client.post(
        reverse("accounts_otp_enrol"), {"code": code_for(device), "next": "/admin/pages/"}
    )
    html = response.content.decode()
    codes = CODE.findall(html)
    assert response.status_code == 200 and "动态口令已绑定" in html
    assert len(codes) == 10 and english_in(html) == []
    assert sorted(codes) == sorted(
        otp.recovery_device(editor).token_set.values_list("token", flat=True)
    )
    assert 'href="/admin/pages/"' in html
    assert events(SecurityEventKind.OTP_ENROLLED, editor).count() == 1
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/admin/").status_code == 200  # the session is verified


def test_a_wrong_code_is_refused_in_chinese_and_recorded():
    editor = user_with_role("editor", EDITOR)
    client = password_login(editor)
    client.get(reverse("accounts_otp_enrol"))
    device = TOTPDevice.objects.get(user=editor)
    response = client.post(reverse("accounts_otp_enrol"), {"code": wrong_code(device)})
    html = response.content.decode()
    assert response.status_code == 200
    assert "验证码不正确，请核对手机上显示的 6 位数字后重新输入。再错 4 次将退出登录。" in html
    assert english_in(html) == []
    # Not in a "login-form": Wagtail's login styles hide the field errors of that form.
    assert 'class="login-form"' not in html
    device.refresh_from_db()
    assert not device.confirmed and device.throttling_failure_count == 1
    event = events(SecurityEventKind.OTP_FAILED, editor).get()
    assert event.detail == {
        "stage": "enrol",
        "method": "totp",
        "throttled": False,
        "failures": 1,
    }
    assert client.get("/admin/").headers["Location"].startswith(reverse("accounts_otp_enrol"))
    response = client.post(reverse("accounts_otp_enrol"), {"code": ""})
    assert "请输入验证码。" in response.content.decode()  # an empty form is not a failure
    assert events(SecurityEventKind.OTP_FAILED, editor).count() == 1


def test_verification_with_the_current_code():
    editor = user_with_role("editor", EDITOR)
    device, _codes = enrol(editor)
    client = password_login(editor)
    page = client.get(reverse("accounts_otp_verify") + "?next=/admin/pages/")
    assert english_in(page.content.decode()) == []
    response = client.post(
        reverse("accounts_otp_verify"), {"code": code_for(device), "next": "/admin/pages/"}
    )
    assert response.headers["Location"] == "/admin/pages/"
    assert events(SecurityEventKind.OTP_VERIFIED, editor).get().detail == {"method": "totp"}
    assert client.get("/admin/").status_code == 200
    # Another site's address is not followed after verification.
    other = password_login(editor)
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1)
    response = other.post(
        reverse("accounts_otp_verify"), {"code": code_for(device), "next": "https://evil.example/"}
    )
    assert response.headers["Location"] == reverse("wagtailadmin_home")


def test_a_code_is_not_accepted_twice():
    editor = user_with_role("editor", EDITOR)
    device, _codes = enrol(editor)
    code = code_for(device)
    first, second = password_login(editor), password_login(editor)
    assert first.post(reverse("accounts_otp_verify"), {"code": code}).status_code == 302
    response = second.post(reverse("accounts_otp_verify"), {"code": code})
    assert response.status_code == 200 and "验证码不正确" in response.content.decode()


def test_a_recovery_code_works_once_only():
    editor = user_with_role("editor", EDITOR)
    _device, codes = enrol(editor)
    client = password_login(editor)
    typed = f" {codes[0][:4].upper()}-{codes[0][4:]} "  # as printed, any case, with a dash
    response = client.post(reverse("accounts_otp_verify"), {"code": typed}, follow=True)
    assert "已使用一个恢复码，还剩 9 个。" in response.content.decode()
    assert events(SecurityEventKind.OTP_VERIFIED, editor).get().detail == {"method": "recovery"}
    assert otp.recovery_codes_left(editor) == 9
    again = password_login(editor)
    response = again.post(reverse("accounts_otp_verify"), {"code": codes[0]})
    assert "恢复码不正确或已使用过。" in response.content.decode()
    assert again.get("/admin/").headers["Location"].startswith(reverse("accounts_otp_verify"))


def test_five_refused_codes_end_the_session():
    editor = user_with_role("editor", EDITOR)
    device, _codes = enrol(editor)
    client = password_login(editor)
    for _attempt in range(4):
        response = client.post(reverse("accounts_otp_verify"), {"code": wrong_code(device)})
        assert response.status_code == 200
    # django-otp's throttling: after the first wrong code the device checks no code for a
    # while (1, 2, 4 … seconds), and a code typed meanwhile is refused and counted too.
    assert "尝试过于频繁" in response.content.decode()
    device.refresh_from_db()
    assert device.throttling_failure_count >= 1
    response = client.post(reverse("accounts_otp_verify"), {"code": wrong_code(device)})
    assert response.headers["Location"] == reverse("wagtailadmin_login")
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").headers["Location"].startswith(reverse("wagtailadmin_login"))
    failures = events(SecurityEventKind.OTP_FAILED, editor)
    assert failures.count() == 5 and failures.first().detail["failures"] == 5
    login_page = client.get(reverse("wagtailadmin_login")).content.decode()
    assert "验证码连续 5 次错误，已退出登录，请重新登录。" in login_page


def test_status_page_and_new_recovery_codes():
    editor = user_with_role("editor", EDITOR)
    _device, old = enrol(editor)
    client = verified_client(editor)
    account = client.get(reverse("wagtailadmin_account")).content.decode()
    assert reverse("accounts_otp_status") in account  # 账户 → 更多操作 → 动态口令
    page = client.get(reverse("accounts_otp_status")).content.decode()
    assert "已绑定" in page and "剩余恢复码：10 个。" in page and english_in(page) == []
    response = client.post(reverse("accounts_otp_recovery_codes"))
    new = CODE.findall(response.content.decode())
    assert len(new) == 10 and not set(new) & set(old)
    assert "原有的恢复码已全部作废。" in response.content.decode()
    assert client.get(reverse("accounts_otp_recovery_codes")).status_code == 405
    assert events(SecurityEventKind.OTP_ENROLLED, editor).get().detail == {
        "recovery_codes": "regenerated"
    }


def test_a_superuser_resets_a_users_second_factor_and_they_enrol_again():
    editor = user_with_role("editor", EDITOR)
    enrol(editor)
    editor_session = verified_client(editor)
    admin = superuser()
    client = verified_client(admin)
    users = client.get(reverse("wagtailusers_users:index")).content.decode()
    reset_url = reverse("accounts_otp_reset", args=[editor.pk])
    assert reset_url in users
    page = client.get(reset_url).content.decode()
    assert "重置后，“editor”的动态口令和恢复码全部失效" in page
    assert english_in(page, allowed={"editor", "Webhook"}) == []  # a username; the menu
    response = client.post(reset_url, follow=True)
    assert "已重置“editor”的动态口令" in response.content.decode()
    event = events(SecurityEventKind.OTP_RESET, editor).get()
    assert event.actor == admin and event.detail == {"devices": 2, "via": "admin"}
    # The session verified with the removed device is verified no longer; a new login too
    # goes to enrolment.
    for editor_client in (editor_session, password_login(editor)):
        location = editor_client.get("/admin/").headers["Location"]
        assert location.startswith(reverse("accounts_otp_enrol"))


def test_only_a_superuser_may_reset():
    editor = user_with_role("editor", EDITOR)
    enrol(editor)
    system_admin = user_with_role("sysadmin", SYSTEM_ADMIN)
    client = verified_client(system_admin)
    assert client.post(reverse("accounts_otp_reset", args=[editor.pk])).status_code in (302, 403)
    assert otp.totp_device(editor) is not None
    assert not events(SecurityEventKind.OTP_RESET).exists()
    assert (
        reverse("accounts_otp_reset", args=[editor.pk])
        not in client.get(reverse("wagtailusers_users:index")).content.decode()
    )
