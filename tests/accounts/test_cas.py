"""Staff login through CAS against a CAS 3.0 server started here (sso_providers.py): the whole
flow over HTTP with the attributes of p3/serviceValidate, refusals, single logout."""

from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.sessions.backends.db import SessionStore

from disclosure.accounts.models import SecurityEvent, SecurityEventKind
from disclosure.accounts.sessions import SSO_SECOND_FACTOR
from disclosure.accounts.sso.cas import BACKEND
from disclosure.departments.roles import DISCLOSURE_OFFICE, EDITOR, ensure_roles, role_group
from tests.accounts.sso_providers import (
    CASServer,
    configure,
    local,
    logout_request,
    through_provider,
)
from tests.factories import department

pytestmark = pytest.mark.django_db

LOGIN = "/admin/sso/cas/login/"


@pytest.fixture(scope="module")
def server():
    with CASServer() as running:
        yield running


@pytest.fixture
def cas(settings, server):
    ensure_roles()
    department("登记注册科"), department("办公室")
    configure(settings, server, BACKEND)
    server.user = "wangwu"
    server.attributes = {
        "name": "王五",
        "role": ["政务公开办", "信息员"],
        "dept": ["11330100MB0001", "办公室"],
    }
    return server


def failures(reason):
    return SecurityEvent.objects.filter(kind=SecurityEventKind.SSO_FAILED, detail__reason=reason)


def refused_with(client, response, reason, text):
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    assert "_auth_user_id" not in client.session
    assert failures(reason).count() == 1
    assert text in client.get(response["Location"]).content.decode()


@pytest.mark.parametrize("version", ["3", "2"])
def test_a_login_makes_the_account_from_the_ticket_and_its_attributes(
    client, cas, settings, version
):
    settings.CAS_VERSION = version
    response = through_provider(client, LOGIN + "?next=/admin/pages/")
    assert response.status_code == 302 and response["Location"] == "/admin/pages/"
    user = get_user_model().objects.get(username="wangwu")
    assert user.first_name == "王五" and not user.is_superuser
    assert set(user.groups.values_list("name", flat=True)) == {
        "政务公开办公室",
        "科室信息员",
        "科室：登记注册科",
        "科室：办公室",
    }
    event = SecurityEvent.objects.get(kind=SecurityEventKind.SSO_LOGIN)
    assert event.detail["provider"] == "cas"
    assert event.detail["roles"] == [DISCLOSURE_OFFICE, EDITOR]
    validated = cas.validated[-1]
    assert validated.startswith("ST-")


def test_the_next_login_resyncs_the_groups_from_the_attributes(client, cas):
    through_provider(client, LOGIN)
    client.logout()
    cas.attributes = {"role": "信息员", "dept": "11330100MB0001"}
    through_provider(client, LOGIN)
    user = get_user_model().objects.get(username="wangwu")
    assert set(user.groups.all()) == {
        role_group(EDITOR),
        Group.objects.get(name="科室：登记注册科"),
    }


def test_an_unmapped_role_or_unknown_department_is_refused(client, cas):
    cas.attributes = {"role": "访客", "dept": "办公室"}
    refused_with(client, through_provider(client, LOGIN), "no_role", "没有本平台的角色")
    cas.attributes = {"role": "信息员", "dept": "不存在的处室"}
    refused_with(client, through_provider(client, LOGIN), "unknown_department", "不存在的处室")
    assert not get_user_model().objects.exists()


def test_a_ticket_without_the_state_issued_to_this_browser_is_refused(client, cas):
    start = client.get(LOGIN)
    back = requests.get(start["Location"], allow_redirects=False, timeout=10).headers["Location"]
    ticket = parse_qs(urlsplit(back).query)["ticket"][0]
    # Another browser (the attacker's ticket sent to a victim): no state in its session.
    response = client.__class__().get(local(back))
    assert response.status_code == 302 and failures("state_mismatch").count() == 1
    assert ticket not in cas.validated  # refused before asking the CAS server


def test_a_ticket_used_twice_is_refused_by_the_server(client, cas):
    start = client.get(LOGIN)
    back = requests.get(start["Location"], allow_redirects=False, timeout=10).headers["Location"]
    client.get(local(back))
    assert "_auth_user_id" in client.session
    client.logout()
    state = parse_qs(urlsplit(back).query)["state"][0]
    session = client.session
    session["accounts_sso_cas_state"] = state
    session.save()
    refused_with(client, client.get(local(back)), "ticket_invalid", "登录票据无效")


def test_the_mfa_attribute_counts_only_when_trusted(client, cas, settings):
    cas.attributes["authnContextClass"] = "mfa"
    through_provider(client, LOGIN)
    assert SSO_SECOND_FACTOR not in client.session
    client.logout()
    settings.SSO_TRUST_PROVIDER_MFA = True
    through_provider(client, LOGIN)
    assert client.session[SSO_SECOND_FACTOR] is True


def test_single_logout_from_the_cas_server_ends_the_session(client, cas):
    start = client.get(LOGIN)
    back = requests.get(start["Location"], allow_redirects=False, timeout=10).headers["Location"]
    ticket = parse_qs(urlsplit(back).query)["ticket"][0]
    client.get(local(back))
    session_key = client.session.session_key
    assert client.get("/admin/").status_code == 200
    client.post("/admin/sso/cas/callback/", {"logoutRequest": logout_request("ST-unknown")})
    assert SessionStore().exists(session_key)
    answer = client.__class__(enforce_csrf_checks=True).post(
        "/admin/sso/cas/callback/", {"logoutRequest": logout_request(ticket)}
    )
    assert answer.status_code == 200 and not SessionStore().exists(session_key)
    assert client.get("/admin/").status_code == 302
    event = SecurityEvent.objects.get(kind=SecurityEventKind.LOGOUT)
    assert event.username == "wangwu" and event.detail["single_logout"] is True


def test_logout_ends_the_session_here_and_at_the_cas_server(client, cas):
    through_provider(client, LOGIN)
    response = client.post("/admin/sso/cas/logout/")
    assert response["Location"].startswith(f"{cas.base}/cas/logout?service=")
    assert "_auth_user_id" not in client.session


def test_with_cas_off_no_sso_url_answers(client):
    for url in (LOGIN, "/admin/sso/cas/callback/?ticket=ST-1&state=x"):
        assert client.get(url).status_code == 404
    assert client.post("/admin/sso/cas/callback/").status_code == 404
    assert client.post("/admin/sso/cas/logout/").status_code == 404
