"""Staff login through OpenID Connect against a provider started here (sso_providers.py): the
whole flow over HTTP, the mapping of claims to departments and roles, and every refusal."""

import socket
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
import requests
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from disclosure.accounts.models import SecurityEvent, SecurityEventKind
from disclosure.accounts.sessions import SSO_SECOND_FACTOR
from disclosure.accounts.sso.oidc import BACKEND
from disclosure.departments.roles import DEPARTMENT_HEAD, EDITOR, ensure_roles, role_group
from tests.accounts.sso_providers import OIDCProvider, configure, local, through_provider
from tests.factories import department

pytestmark = pytest.mark.django_db

LOGIN = "/admin/sso/oidc/login/"


@pytest.fixture(scope="module")
def provider():
    with OIDCProvider() as running:
        yield running


@pytest.fixture
def oidc(settings, provider):
    ensure_roles()
    department("登记注册科"), department("办公室")
    configure(settings, provider, BACKEND)
    provider.claims = {
        "sub": "330100199001011234",
        "preferred_username": "zhangsan",
        "name": "张三",
        "email": "zhangsan@example.gov.cn",
        "role": ["信息员", "省平台普通用户"],
        "dept": "11330100MB0001",
    }
    provider.id_token_overrides, provider.userinfo_overrides = {}, {}
    provider.tamper_signature = False
    return provider


def failures(reason):
    return SecurityEvent.objects.filter(kind=SecurityEventKind.SSO_FAILED, detail__reason=reason)


def refused_with(client, response, reason, text):
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    assert "_auth_user_id" not in client.session
    assert failures(reason).count() == 1
    assert text in client.get(response["Location"]).content.decode()


def test_the_first_login_creates_the_account_with_its_department_and_mapped_roles(client, oidc):
    response = through_provider(client, LOGIN + "?next=/admin/pages/")
    assert response.status_code == 302 and response["Location"] == "/admin/pages/"
    user = get_user_model().objects.get(username="zhangsan")
    assert (user.first_name, user.email) == ("张三", "zhangsan@example.gov.cn")
    assert not user.has_usable_password() and not user.is_superuser
    assert set(user.groups.values_list("name", flat=True)) == {"科室信息员", "科室：登记注册科"}
    assert client.get("/admin/").status_code == 200
    event = SecurityEvent.objects.get(kind=SecurityEventKind.SSO_LOGIN)
    assert event.user == user and event.detail["provider"] == "oidc" and event.detail["created"]
    assert event.detail["roles"] == [EDITOR]


def test_changed_attributes_at_the_provider_resync_the_groups_at_the_next_login(client, oidc):
    through_provider(client, LOGIN)
    user = get_user_model().objects.get(username="zhangsan")
    other = Group.objects.create(name="通讯录")  # neither a role nor a department: kept
    user.groups.add(other)
    client.logout()
    oidc.claims.update(role="科室负责人", dept="办公室")
    through_provider(client, LOGIN)
    assert set(user.groups.all()) == {
        role_group(DEPARTMENT_HEAD),
        Group.objects.get(name="科室：办公室"),
        other,
    }
    event = SecurityEvent.objects.filter(kind=SecurityEventKind.SSO_LOGIN).first()
    assert event.detail["roles_removed"] == ["科室信息员"]
    assert event.detail["departments_removed"] == ["科室：登记注册科"]


def test_someone_without_a_mapped_role_is_refused_and_no_account_is_made(client, oidc):
    oidc.claims["role"] = ["省平台普通用户"]
    response = through_provider(client, LOGIN)
    refused_with(client, response, "no_role", "没有本平台的角色")
    assert not get_user_model().objects.filter(username="zhangsan").exists()
    assert failures("no_role").get().detail["provided"] == ["省平台普通用户"]


def test_a_tampered_id_token_is_refused(client, oidc):
    oidc.tamper_signature = True
    response = through_provider(client, LOGIN)
    refused_with(client, response, "bad_token", "身份令牌校验未通过")
    assert not get_user_model().objects.exists()


@pytest.mark.parametrize(
    "override",
    [{"aud": "another-client"}, {"iss": "http://evil.example"}, {"exp": 1_000_000_000}],
    ids=["audience", "issuer", "expired"],
)
def test_an_id_token_for_another_client_issuer_or_time_is_refused(client, oidc, override):
    oidc.id_token_overrides = override
    refused_with(client, through_provider(client, LOGIN), "bad_token", "身份令牌校验未通过")


def test_a_userinfo_for_another_subject_is_refused(client, oidc):
    oidc.userinfo_overrides = {"sub": "someone-else", "role": "政务公开办"}
    refused_with(client, through_provider(client, LOGIN), "bad_token", "身份令牌校验未通过")


def test_without_a_userinfo_endpoint_the_id_tokens_claims_are_used(client, oidc, settings):
    settings.OIDC_OP_USER_ENDPOINT = ""
    oidc.userinfo_overrides = {"role": "政务公开办"}  # not asked for
    through_provider(client, LOGIN)
    user = get_user_model().objects.get(username="zhangsan")
    assert list(user.groups.filter(role__isnull=False)) == [role_group(EDITOR)]


def test_a_callback_with_a_state_not_issued_or_used_twice_is_refused(client, oidc):
    start = client.get(LOGIN)
    back = requests.get(start["Location"], allow_redirects=False, timeout=10).headers["Location"]
    query = parse_qs(urlsplit(back).query)
    forged = {"code": query["code"][0], "state": "forged-state"}
    response = client.get(f"{urlsplit(back).path}?{urlencode(forged)}")
    refused_with(client, response, "state_mismatch", "登录状态校验失败")
    assert client.get(local(back)).status_code == 302  # the real state still works once
    assert "_auth_user_id" in client.session
    client.logout()
    client.get(local(back))
    assert failures("state_mismatch").count() == 2


def test_an_error_from_the_provider_is_refused(client, oidc):
    response = client.get("/admin/sso/oidc/callback/?error=access_denied&state=x")
    refused_with(client, response, "provider_error", "统一身份认证平台未完成登录")


def test_an_unreachable_provider_is_a_clear_refusal(client, oidc, settings):
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    settings.OIDC_OP_TOKEN_ENDPOINT = f"http://127.0.0.1:{port}/token"
    response = through_provider(client, LOGIN)
    refused_with(client, response, "provider_unreachable", "无法连接统一身份认证平台")


def test_a_superuser_account_cannot_be_entered_through_sso(client, oidc):
    get_user_model().objects.create_superuser("zhangsan", "a@example.com", "pw")
    refused_with(client, through_provider(client, LOGIN), "superuser", "超级管理员账号")


def test_unknown_people_are_refused_when_accounts_are_not_created(client, oidc, settings):
    settings.SSO_CREATE_USERS = False
    refused_with(client, through_provider(client, LOGIN), "unknown_user", "没有您的账号")
    get_user_model().objects.create_user("zhangsan")
    assert "_auth_user_id" not in client.session
    through_provider(client, LOGIN)
    assert client.session["_auth_user_id"] == str(get_user_model().objects.get().pk)


@pytest.mark.parametrize(
    ("amr", "trusted", "second_factor"),
    [(["pwd", "otp"], True, True), (["pwd", "otp"], False, False), (["pwd"], True, False)],
)
def test_the_providers_second_factor_counts_only_when_trusted(
    client, oidc, settings, amr, trusted, second_factor
):
    settings.SSO_TRUST_PROVIDER_MFA = trusted
    oidc.claims["amr"] = amr
    through_provider(client, LOGIN)
    assert "_auth_user_id" in client.session
    assert client.session.get(SSO_SECOND_FACTOR, False) is second_factor


def test_the_login_page_offers_the_enabled_provider_and_passwords_still_work(client, oidc):
    page = client.get("/admin/login/?next=/admin/pages/").content.decode()
    assert "统一身份认证登录" in page and "/admin/sso/oidc/login/?next=/admin/pages/" in page
    assert "/admin/sso/cas/login/" not in page
    get_user_model().objects.create_user("lisi", password="pw")
    assert client.login(username="lisi", password="pw")


def test_with_oidc_off_no_sso_url_answers_and_no_button_shows(client):
    assert client.get(LOGIN).status_code == 404
    assert client.get("/admin/sso/oidc/callback/?code=a&state=b").status_code == 404
    assert "统一身份认证" not in client.get("/admin/login/").content.decode()
