"""Nothing but the second factor before the second factor (disclosure/accounts/otp_middleware.py,
GB/T 22239-2019 8.1.4.1 c)."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings
from django.contrib import admin
from django.test import override_settings
from django.urls import path, reverse

import cms.urls
from disclosure.accounts.sessions import SSO_SECOND_FACTOR
from disclosure.departments.roles import DISCLOSURE_OFFICE, EDITOR
from tests.accounts.test_otp import enrol, password_login, verified_client
from tests.factories import superuser, user_with_role

pytestmark = pytest.mark.django_db

#: The project's URLs with Django's own admin added (cms/urls.py has none today): the
#: middleware guards every address, so it would be covered the day someone adds it.
urlpatterns = [path("django-admin/", admin.site.urls), *cms.urls.urlpatterns]

REQUIRED = override_settings(STAFF_OTP_REQUIRED=True)


def admin_urls():
    """A sample of the admin: the dashboard, pages, users, API keys, an app's own view, the
    account page and the second factor's own status page."""
    return [
        "/admin/",
        "/admin/pages/",
        "/admin/users/",
        reverse("api_keys:index"),
        reverse("review_withheld_list"),
        reverse("wagtailadmin_account"),
        reverse("accounts_otp_status"),
    ]


def sent_to(response):
    assert response.status_code == 302, response.status_code
    location = urlsplit(response.headers["Location"])
    return location.path, parse_qs(location.query).get("next", [""])[0]


@REQUIRED
def test_a_password_alone_reaches_only_enrolment():
    office = user_with_role("office", DISCLOSURE_OFFICE)
    client = password_login(office)
    for url in [*admin_urls(), "/"]:
        assert sent_to(client.get(url)) == (reverse("accounts_otp_enrol"), url), url
    # A form posted elsewhere is refused too, without a "next" to post to.
    assert sent_to(client.post("/admin/users/add/", {})) == (reverse("accounts_otp_enrol"), "")
    assert client.get(reverse("accounts_otp_enrol")).status_code == 200


@REQUIRED
def test_an_enrolled_user_is_sent_to_verification_until_verified():
    admin = superuser()
    enrol(admin)
    client = password_login(admin)
    for url in admin_urls():
        assert sent_to(client.get(url)) == (reverse("accounts_otp_verify"), url), url
    assert client.get(reverse("accounts_otp_verify")).status_code == 200
    client = verified_client(admin)
    for url in admin_urls():
        assert client.get(url).status_code == 200, url


@REQUIRED
@override_settings(ROOT_URLCONF=__name__)
def test_djangos_own_admin_is_guarded_too():
    client = password_login(superuser())
    assert sent_to(client.get("/django-admin/auth/user/")) == (
        reverse("accounts_otp_enrol"),
        "/django-admin/auth/user/",
    )
    session = client.session
    session[SSO_SECOND_FACTOR] = True
    session.save()
    assert client.get("/django-admin/auth/user/").status_code == 200  # the route exists


@REQUIRED
def test_logout_static_files_and_what_the_pages_load_stay_reachable():
    editor = user_with_role("editor", EDITOR)
    client = password_login(editor)
    assert client.get(f"{settings.STATIC_URL}wagtailadmin/css/core.css").status_code != 302
    # What the pages load (the icons are fetched by a script, which would insert a redirect's
    # page into the page).
    for name in ("wagtailadmin_javascript_catalog", "wagtailadmin_sprite", "favicon"):
        assert client.get(reverse(name)).status_code == 200, name
    response = client.post(reverse("wagtailadmin_logout"))
    assert response.status_code == 302 and "otp" not in response.headers["Location"]
    assert "_auth_user_id" not in client.session


@REQUIRED
def test_a_single_sign_on_session_with_the_providers_second_factor_passes():
    client = password_login(superuser())
    session = client.session
    session[SSO_SECOND_FACTOR] = True
    session.save()
    for url in admin_urls():
        assert client.get(url).status_code == 200, url


@REQUIRED
def test_anonymous_visitors_and_users_without_admin_access_are_left_alone():
    outsider = user_with_role("outsider", EDITOR)
    outsider.groups.clear()
    client = password_login(outsider)
    assert "otp" not in client.get("/admin/").headers.get("Location", "")
    client.logout()
    assert "otp" not in client.get("/admin/").headers.get("Location", "")


def test_nothing_changes_when_the_second_factor_is_not_required():
    admin = superuser()
    enrol(admin)  # enrolled or not: a password alone is enough
    client = password_login(admin)
    for url in admin_urls():
        assert client.get(url).status_code == 200, url
