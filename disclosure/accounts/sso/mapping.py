"""From what the identity provider asserted to a staff account: the one place where a provider's
attributes become a username, departments and roles, for OIDC and CAS alike.

The provider is authoritative for what it is asked about: the account gets exactly the role
groups that :data:`~django.conf.settings.SSO_ROLE_MAP` maps its role values to (other role
groups are removed, groups that are neither roles nor departments are left alone) and, when
``SSO_DEPARTMENT_ATTRIBUTE`` is set, exactly the departments named. Nothing is ever granted
beyond the mapped role groups: no superuser flag, and a superuser account cannot be entered
through SSO at all (GB/T 22239-2019 8.1.4.2 访问控制: 授予管理用户所需的最小权限). Someone
with no mapped role is refused with a Chinese message, and nothing is written.

:func:`log_in` then logs the account in, records ``SSO_LOGIN`` (or the callers record
``SSO_FAILED`` with the reason, 8.1.4.3 安全审计) and marks the session as second-factor verified
when the provider asserted one and ``SSO_TRUST_PROVIDER_MFA`` is on (8.1.4.1 d).
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.contrib import auth, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from disclosure.departments.models import Department
from disclosure.departments.roles import ROLES, role_group

from ..events import SecurityEventKind, record
from ..sessions import SSO_SECOND_FACTOR

OIDC = "oidc"
CAS = "cas"


class SSORefused(Exception):  # noqa: N818 - a refusal, not a programming error
    """A login the platform refuses: ``reason`` is a stable code kept in the security log,
    ``message`` the Chinese text shown on the login page."""

    def __init__(self, reason, message, username="", **detail):
        super().__init__(message)
        self.reason = reason
        self.message = message
        self.username = username
        self.detail = detail


@dataclass
class Assertion:
    """Who the provider says logged in: the protocol, the username, the attributes (each a
    string or a list of strings) and whether the provider used a second factor."""

    provider: str
    username: str
    attributes: dict = field(default_factory=dict)
    second_factor: bool = False


def values(attributes, name):
    """The attribute ``name`` as a list of non-empty strings (providers send one value or many)."""
    if not name:
        return []
    value = attributes.get(name)
    if value is None:
        return []
    if not isinstance(value, list | tuple):
        value = [value]
    return [str(item).strip() for item in value if item is not None and str(item).strip()]


def mapped_roles(attributes):
    """The role codes the provider's role values map to (``SSO_ROLE_MAP``)."""
    codes = set()
    for value in values(attributes, settings.SSO_ROLE_ATTRIBUTE):
        mapped = settings.SSO_ROLE_MAP.get(value) or []
        for code in mapped if isinstance(mapped, list) else [mapped]:
            if code not in ROLES:
                raise SSORefused(
                    "role_map_invalid",
                    _("单点登录的角色对应表有误（%(code)s 不是本平台的角色），请联系系统管理员。")
                    % {"code": code},
                )
            codes.add(code)
    return codes


def mapped_departments(attributes):
    """The departments the provider's department values name (by ``SSO_DEPARTMENT_MAP`` or by
    name); ``None`` when departments are not synchronised."""
    if not settings.SSO_DEPARTMENT_ATTRIBUTE:
        return None
    departments = []
    for value in values(attributes, settings.SSO_DEPARTMENT_ATTRIBUTE):
        name = settings.SSO_DEPARTMENT_MAP.get(value, value)
        department = Department.objects.filter(name=name, is_active=True).first()
        if department is None:
            raise SSORefused(
                "unknown_department",
                _("统一身份认证平台提供的科室“%(name)s”在本平台不存在，请联系系统管理员。")
                % {"name": value},
            )
        departments.append(department)
    return departments


def _sync(user, kept_kind, wanted):
    """Make the user's groups of one kind (role groups or department groups) exactly ``wanted``;
    returns (added, removed) group names."""
    current = set(user.groups.filter(**{f"{kept_kind}__isnull": False}))
    wanted = set(wanted)
    added, removed = wanted - current, current - wanted
    if removed:
        user.groups.remove(*removed)
    if added:
        user.groups.add(*added)
    return sorted(group.name for group in added), sorted(group.name for group in removed)


@transaction.atomic
def sync_account(assertion):
    """The account for ``assertion``, created or updated, with its role and department groups
    synchronised; ``(user, detail)``. Raises :class:`SSORefused` before writing anything."""
    try:
        return _sync_account(assertion)
    except SSORefused as error:
        error.username = error.username or assertion.username.strip()[:150]
        raise


def _sync_account(assertion):
    username = assertion.username.strip()[:150]
    if not username:
        raise SSORefused("no_username", _("统一身份认证平台没有提供用户名，无法登录。"))
    attributes = assertion.attributes
    roles = mapped_roles(attributes)
    if not roles:
        raise SSORefused(
            "no_role",
            _("您在统一身份认证平台没有本平台的角色，无法登录后台。请联系系统管理员授权。"),
            username,
            provided=values(attributes, settings.SSO_ROLE_ATTRIBUTE),
        )
    groups = [role_group(code) for code in sorted(roles)]
    if None in groups:
        raise SSORefused("roles_missing", _("本平台的角色尚未初始化，请联系系统管理员。"), username)
    departments = mapped_departments(attributes)

    model = get_user_model()
    user = model.objects.filter(username=username).first()
    created = user is None
    if created:
        if not settings.SSO_CREATE_USERS:
            raise SSORefused(
                "unknown_user",
                _("本平台没有您的账号，请联系系统管理员开通。"),
                username,
            )
        user = model(username=username)
        user.set_unusable_password()
    elif user.is_superuser:
        raise SSORefused(
            "superuser",
            _("超级管理员账号不能通过统一身份认证登录，请使用本平台账号登录。"),
            username,
        )
    elif not user.is_active:
        raise SSORefused("inactive", _("您的账号已停用，请联系系统管理员。"), username)
    name = values(attributes, settings.SSO_NAME_ATTRIBUTE)
    email = values(attributes, settings.SSO_EMAIL_ATTRIBUTE)
    if name:
        user.first_name, user.last_name = name[0][:150], ""
    if email:
        user.email = email[0][:254]
    user.save()

    detail = {"provider": assertion.provider, "created": created, "roles": sorted(roles)}
    detail["roles_added"], detail["roles_removed"] = _sync(user, "role", groups)
    if departments is not None:
        for department in departments:
            if department.group_id is None:
                department.save()
        wanted = [Group.objects.get(pk=department.group_id) for department in departments]
        detail["departments"] = [department.name for department in departments]
        detail["departments_added"], detail["departments_removed"] = _sync(
            user, "department", wanted
        )
    return user, detail


def log_in(request, user, assertion, detail, backend):
    """Log ``user`` in (as synchronised by :func:`sync_account`) with ``backend`` (its dotted
    path), set or clear the session's second factor, and record ``SSO_LOGIN``."""
    auth.login(request, user, backend=backend)
    if assertion.second_factor and settings.SSO_TRUST_PROVIDER_MFA:
        request.session[SSO_SECOND_FACTOR] = True
    else:
        request.session.pop(SSO_SECOND_FACTOR, None)
    record(
        SecurityEventKind.SSO_LOGIN,
        request=request,
        user=user,
        second_factor=assertion.second_factor,
        **detail,
    )


def refused(request, provider, error):
    """Record ``SSO_FAILED`` for ``error`` (an :class:`SSORefused`) and send the browser back to
    the login page with the error's message."""
    record(
        SecurityEventKind.SSO_FAILED,
        request=request,
        username=error.username,
        provider=provider,
        reason=error.reason,
        **error.detail,
    )
    messages.error(request, error.message)
    return redirect("wagtailadmin_login")


def safe_next(request):
    """The ``next`` parameter when it stays on this site, else the admin's dashboard."""
    target = request.GET.get("next", "")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("wagtailadmin_home")
