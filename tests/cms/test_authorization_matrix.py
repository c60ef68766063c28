"""Who may reach which route (issue #11, "Done when"): every admin and API route the project
defines — found in the URL configuration, so a new route is covered without editing this
test — is requested by anonymous and by every demo role; a request that is *allowed* (2xx, or a
redirect that is not to the login page or back to the dashboard, Wagtail's answer to a missing
permission) and that :data:`MATRIX` does not list fails the test.

Routes are the project's own views, the routes of the project's viewsets and modeladmins (their
views are Wagtail's generic ones), under ``/admin/`` and ``/api/``. Path parameters are filled
with real objects (a page in 登记注册科's column, one object of each viewset's model); the routes of
:data:`SKIPPED` cannot be and are listed with the reason. Superusers may do everything and are
not in the matrix. ``PRINT_MATRIX=1`` prints what each role reached, to review a new route.
"""

import os
import re

import pytest
from django.apps import apps
from django.conf import settings
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from wagtail.admin.viewsets import viewsets
from wagtail.models import Page

from disclosure.applications.choices import FileKind
from disclosure.applications.models import RequestFile
from disclosure.applications.steps import attach
from disclosure.applications.steps import register as register_application
from disclosure.departments.roles import (
    CONFIDENTIALITY_REVIEWER,
    DEPARTMENT_HEAD,
    DISCLOSURE_OFFICE,
    EDITOR,
    FOI_CLERK,
    SYSTEM_ADMIN,
)
from disclosure.participation.models import PublicMessage
from disclosure.publishing.withdrawal import withdraw
from tests import records
from tests.applications.test_steps import fields as application_fields
from tests.factories import article, column, department, organisation, user_with_role

pytestmark = pytest.mark.django_db

PROJECT = ("disclosure", "search", "cms", "home", "demo")
ROLES = ("anonymous", EDITOR, DEPARTMENT_HEAD, CONFIDENTIALITY_REVIEWER, FOI_CLERK)
ROLES += (DISCLOSURE_OFFICE, SYSTEM_ADMIN)
ANONYMOUS = "anonymous"
STAFF = set(ROLES) - {ANONYMOUS}
EVERYONE = set(ROLES)
OFFICE = {DISCLOSURE_OFFICE}
#: Who reads the public lists' records in the admin (departments' authors and reviewers).
READERS = {EDITOR, DEPARTMENT_HEAD, CONFIDENTIALITY_REVIEWER, DISCLOSURE_OFFICE}
#: Who reads information requests: the clerk, the office, and the reviewer of their replies.
FOI_READERS = {FOI_CLERK, DISCLOSURE_OFFICE, CONFIDENTIALITY_REVIEWER}
#: Who follows the work ledger (their departments' tasks, trainings and new-media accounts).
LEDGER_READERS = {EDITOR, DEPARTMENT_HEAD, DISCLOSURE_OFFICE}

#: Route (its URL pattern) → the roles allowed (here: a 登记注册科 editor and head, the 办公室's
#: reviewer and FOI clerk, the disclosure office, the system administrator). A route not listed
#: is refused to all of them. Records of a department's own (withdrawals, deadlines) are
#: filtered inside the views (tests/columns/test_permissions.py).
MATRIX = {
    # The work ledger (disclosure/ledger): departments see their own rows (filtered in the views).
    "admin/ledger_tasks/": LEDGER_READERS,
    "admin/ledger_tasks/results/": LEDGER_READERS,
    "admin/ledger_tasks/overdue/": LEDGER_READERS,
    "admin/ledger_tasks/new/": OFFICE,
    "admin/ledger_tasks/import/": OFFICE,
    "admin/ledger_tasks/import/sample.csv": OFFICE,
    "admin/trainings/": LEDGER_READERS,
    "admin/trainings/results/": LEDGER_READERS,
    "admin/trainings/new/": OFFICE,
    "admin/new_media_accounts/": LEDGER_READERS,
    "admin/new_media_accounts/results/": LEDGER_READERS,
    "admin/new_media_accounts/new/": OFFICE,
    # The assessment (disclosure/assessment): every member of staff sees the quota report of
    # their departments (filtered in the view); the readiness report is the office's.
    "admin/assessment/quotas/": STAFF,
    "admin/assessment/readiness/": {DISCLOSURE_OFFICE, SYSTEM_ADMIN},
    # The records of the annual report's table 二 (disclosure/annual_report).
    "admin/decision_records/": OFFICE,
    "admin/decision_records/results/": OFFICE,
    "admin/decision_records/new/": OFFICE,
    "admin/fee_records/": OFFICE,
    "admin/fee_records/results/": OFFICE,
    "admin/fee_records/new/": OFFICE,
    # The second factor (disclosure/accounts/otp_views.py): every staff user enrols, verifies
    # and renews their own recovery codes; only a superuser resets another user's factor.
    "admin/accounts/otp/": STAFF,
    "admin/accounts/otp/enrol/": STAFF,
    "admin/accounts/otp/verify/": STAFF,
    "admin/accounts/otp/recovery-codes/": STAFF,
    "admin/accounts/otp/reset/<int:pk>/": set(),
    "admin/^catalogue/catalogueitem/$": OFFICE,
    "admin/^catalogue/catalogueitem/create/$": OFFICE,
    "admin/^columns/updateclass/$": OFFICE,
    "admin/^columns/updateclass/create/$": OFFICE,
    "admin/^columns/updateclass/edit/(?P<instance_pk>[-\\w]+)/$": OFFICE,
    "admin/^columns/updateclass/history/(?P<instance_pk>[-\\w]+)/$": STAFF,
    "admin/^departments/department/$": OFFICE,
    "admin/^departments/department/create/$": OFFICE,
    "admin/^departments/department/edit/(?P<instance_pk>[-\\w]+)/$": OFFICE,
    "admin/^departments/department/history/(?P<instance_pk>[-\\w]+)/$": STAFF,
    "admin/^funds/fundrecord/$": OFFICE,
    "admin/^funds/fundrecord/create/$": OFFICE,
    "admin/^normative/cleanupdecision/$": OFFICE,
    "admin/^normative/cleanupdecision/create/$": OFFICE,
    "admin/^normative/validitychange/$": OFFICE,
    "admin/^publishing/topic/$": OFFICE,
    "admin/^publishing/topic/create/$": OFFICE,
    "admin/^search/querylog/$": OFFICE,
    "admin/^search/synonym/$": OFFICE,
    "admin/^search/synonym/create/$": OFFICE,
    "admin/^workdays/dayoverride/$": OFFICE,
    "admin/^workdays/dayoverride/create/$": OFFICE,
    "admin/^workdays/holidayyear/$": OFFICE,
    "admin/^workdays/holidayyear/create/$": OFFICE,
    # The reviewer reads requests to review their replies (保密审查); only the clerk and the
    # office change them.
    "admin/applications/": FOI_READERS,
    "admin/applications/<int:pk>/handle/": FOI_READERS,
    "admin/applications/<int:pk>/files/<int:file_pk>/": FOI_READERS,
    "admin/applications/<int:pk>/letter.docx": OFFICE | {FOI_CLERK},
    "admin/applications/<int:pk>/letter.pdf": OFFICE | {FOI_CLERK},
    "admin/applications/edit/<int:pk>/": OFFICE | {FOI_CLERK},
    "admin/applications/history/<int:pk>/": FOI_READERS,
    "admin/applications/history-results/<int:pk>/": FOI_READERS,
    "admin/applications/inspect/<int:pk>/": FOI_READERS,
    "admin/applications/usage/<int:pk>/": FOI_READERS,
    "admin/applications/register/": OFFICE | {FOI_CLERK},
    "admin/applications/statistics/": OFFICE | {FOI_CLERK},
    "admin/request-cases/": OFFICE | {FOI_CLERK},
    "admin/request-cases/edit/<int:pk>/": OFFICE | {FOI_CLERK},
    "admin/request-cases/history/<int:pk>/": OFFICE | {FOI_CLERK},
    "admin/request-cases/history-results/<int:pk>/": OFFICE | {FOI_CLERK},
    "admin/request-cases/inspect/<int:pk>/": OFFICE | {FOI_CLERK},
    "admin/request-cases/new/": OFFICE | {FOI_CLERK},
    "admin/request-cases/results/": OFFICE | {FOI_CLERK},
    "admin/request-cases/usage/<int:pk>/": OFFICE | {FOI_CLERK},
    "admin/applications/results/": FOI_READERS,
    # Public messages (disclosure/participation): departments see their own (filtered in the
    # views); nobody adds or deletes one in the admin.
    "admin/participation/messages/": LEDGER_READERS,
    "admin/participation/messages/results/": LEDGER_READERS,
    "admin/participation/messages/<int:pk>/process/": LEDGER_READERS,
    "admin/participation/messages/edit/<int:pk>/": LEDGER_READERS,
    "admin/participation/messages/inspect/<int:pk>/": LEDGER_READERS,
    "admin/participation/messages/history/<int:pk>/": LEDGER_READERS,
    "admin/participation/messages/history-results/<int:pk>/": LEDGER_READERS,
    "admin/participation/messages/usage/<int:pk>/": LEDGER_READERS,
    # Comments on consultations (disclosure/consultations): moderated by departments and the office.
    "admin/consultations/comments/": LEDGER_READERS,
    "admin/consultations/comments/results/": LEDGER_READERS,
    "admin/consultations/comments/edit/<int:pk>/": LEDGER_READERS,
    # The bureau's leaders and the emergency notices (disclosure/organisation), the office's.
    "admin/organisation/leaders/": OFFICE,
    "admin/organisation/leaders/results/": OFFICE,
    "admin/organisation/leaders/new/": OFFICE,
    "admin/organisation/leaders/edit/<int:pk>/": OFFICE,
    "admin/organisation/leaders/delete/<int:pk>/": OFFICE,
    "admin/organisation/leaders/history/<int:pk>/": OFFICE,
    "admin/organisation/leaders/history-results/<int:pk>/": OFFICE,
    "admin/organisation/leaders/usage/<int:pk>/": OFFICE,
    "admin/organisation/emergency-notices/": OFFICE,
    "admin/organisation/emergency-notices/results/": OFFICE,
    "admin/organisation/emergency-notices/new/": OFFICE,
    "admin/organisation/emergency-notices/edit/<int:pk>/": OFFICE,
    "admin/organisation/emergency-notices/history/<int:pk>/": OFFICE,
    "admin/organisation/emergency-notices/history-results/<int:pk>/": OFFICE,
    "admin/organisation/emergency-notices/usage/<int:pk>/": OFFICE,
    "wzdt/": EVERYONE,
    "hudong/": EVERYONE,
    "hudong/<int:pk>/": EVERYONE,
    "hudong/write/": EVERYONE,
    "hudong/lookup/": EVERYONE,
    "admin/audit/": OFFICE,
    "admin/audit/results/": OFFICE,
    # The security log (disclosure/accounts/report.py): the office and superusers only.
    "admin/security-log/": OFFICE,
    "admin/security-log/results/": OFFICE,
    "admin/catalogue/coverage/": OFFICE,
    "admin/catalogue/export/csv/": OFFICE,
    "admin/catalogue/export/xlsx/": OFFICE,
    "admin/catalogue/import/": OFFICE,
    "admin/checks/page/<int:page_id>/": READERS,
    # The lists of the content checks (错敏检测), kept by the office.
    "admin/checks/official-names/": OFFICE,
    "admin/checks/official-names/copy/<int:pk>/": OFFICE,
    "admin/checks/official-names/delete/<int:pk>/": OFFICE,
    "admin/checks/official-names/edit/<int:pk>/": OFFICE,
    "admin/checks/official-names/history-results/<int:pk>/": OFFICE,
    "admin/checks/official-names/history/<int:pk>/": OFFICE,
    "admin/checks/official-names/inspect/<int:pk>/": OFFICE,
    "admin/checks/official-names/new/": OFFICE,
    "admin/checks/official-names/results/": OFFICE,
    "admin/checks/official-names/usage/<int:pk>/": OFFICE,
    "admin/checks/sensitive-terms/": OFFICE,
    "admin/checks/sensitive-terms/copy/<int:pk>/": OFFICE,
    "admin/checks/sensitive-terms/delete/<int:pk>/": OFFICE,
    "admin/checks/sensitive-terms/edit/<int:pk>/": OFFICE,
    "admin/checks/sensitive-terms/history-results/<int:pk>/": OFFICE,
    "admin/checks/sensitive-terms/history/<int:pk>/": OFFICE,
    "admin/checks/sensitive-terms/inspect/<int:pk>/": OFFICE,
    "admin/checks/sensitive-terms/new/": OFFICE,
    "admin/checks/sensitive-terms/results/": OFFICE,
    "admin/checks/sensitive-terms/usage/<int:pk>/": OFFICE,
    "admin/checks/wording-rules/": OFFICE,
    "admin/checks/wording-rules/copy/<int:pk>/": OFFICE,
    "admin/checks/wording-rules/delete/<int:pk>/": OFFICE,
    "admin/checks/wording-rules/edit/<int:pk>/": OFFICE,
    "admin/checks/wording-rules/history-results/<int:pk>/": OFFICE,
    "admin/checks/wording-rules/history/<int:pk>/": OFFICE,
    "admin/checks/wording-rules/inspect/<int:pk>/": OFFICE,
    "admin/checks/wording-rules/new/": OFFICE,
    "admin/checks/wording-rules/results/": OFFICE,
    "admin/checks/wording-rules/usage/<int:pk>/": OFFICE,
    "admin/checks/page/<int:page_id>/originals/": {CONFIDENTIALITY_REVIEWER},
    "admin/checks/site-scan/": {CONFIDENTIALITY_REVIEWER, DISCLOSURE_OFFICE},
    "admin/credit_list_entries/": READERS,
    "admin/credit_list_entries/copy/<int:pk>/": OFFICE | {EDITOR},
    "admin/credit_list_entries/edit/<int:pk>/": OFFICE,
    "admin/credit_list_entries/history-results/<int:pk>/": OFFICE | {EDITOR},
    "admin/credit_list_entries/history/<int:pk>/": OFFICE | {EDITOR},
    "admin/credit_list_entries/inspect/<int:pk>/": READERS,
    "admin/credit_list_entries/new/": OFFICE | {EDITOR},
    "admin/credit_list_entries/results/": READERS,
    "admin/credit_list_entries/usage/<int:pk>/": OFFICE | {EDITOR},
    "admin/enforcement/deadlines/": STAFF,
    "admin/enforcement_decision_changes/": STAFF,
    "admin/enforcement_decision_changes/results/": STAFF,
    "admin/inspected_objects/": READERS,
    "admin/inspected_objects/copy/<int:pk>/": OFFICE | {EDITOR},
    "admin/inspected_objects/delete/<int:pk>/": OFFICE,
    "admin/inspected_objects/edit/<int:pk>/": OFFICE,
    "admin/inspected_objects/history-results/<int:pk>/": OFFICE | {EDITOR},
    "admin/inspected_objects/history/<int:pk>/": OFFICE | {EDITOR},
    "admin/inspected_objects/inspect/<int:pk>/": READERS,
    "admin/inspected_objects/new/": OFFICE | {EDITOR},
    "admin/inspected_objects/results/": READERS,
    "admin/inspected_objects/usage/<int:pk>/": OFFICE | {EDITOR},
    "admin/inspection_items/": READERS,
    "admin/inspection_items/copy/<int:pk>/": OFFICE | {EDITOR},
    "admin/inspection_items/delete/<int:pk>/": OFFICE,
    "admin/inspection_items/edit/<int:pk>/": OFFICE,
    "admin/inspection_items/history-results/<int:pk>/": OFFICE | {EDITOR},
    "admin/inspection_items/history/<int:pk>/": OFFICE | {EDITOR},
    "admin/inspection_items/inspect/<int:pk>/": READERS,
    "admin/inspection_items/new/": OFFICE | {EDITOR},
    "admin/inspection_items/results/": READERS,
    "admin/inspection_items/usage/<int:pk>/": OFFICE | {EDITOR},
    "admin/inspection_tasks/": READERS,
    "admin/inspection_tasks/copy/<int:pk>/": OFFICE | {EDITOR},
    "admin/inspection_tasks/delete/<int:pk>/": OFFICE,
    "admin/inspection_tasks/edit/<int:pk>/": OFFICE,
    "admin/inspection_tasks/history-results/<int:pk>/": OFFICE | {EDITOR},
    "admin/inspection_tasks/history/<int:pk>/": OFFICE | {EDITOR},
    "admin/inspection_tasks/inspect/<int:pk>/": READERS,
    "admin/inspection_tasks/new/": OFFICE | {EDITOR},
    "admin/inspection_tasks/results/": READERS,
    "admin/inspection_tasks/usage/<int:pk>/": OFFICE | {EDITOR},
    "admin/inspections/results/overdue/": READERS,
    "admin/inspections/sampling/import/": OFFICE | {EDITOR},
    "admin/inspections/sampling/summary/": READERS,
    "admin/licence_decisions/": READERS,
    "admin/licence_decisions/copy/<int:pk>/": OFFICE | {EDITOR},
    "admin/licence_decisions/delete/<int:pk>/": OFFICE,
    "admin/licence_decisions/edit/<int:pk>/": OFFICE,
    "admin/licence_decisions/history-results/<int:pk>/": OFFICE | {EDITOR},
    "admin/licence_decisions/history/<int:pk>/": OFFICE | {EDITOR},
    "admin/licence_decisions/inspect/<int:pk>/": READERS,
    "admin/licence_decisions/new/": OFFICE | {EDITOR},
    "admin/licence_decisions/results/": READERS,
    "admin/licence_decisions/usage/<int:pk>/": OFFICE | {EDITOR},
    "admin/licensing/guide-report/": READERS,
    "admin/licensing_items/": READERS,
    "admin/licensing_items/copy/<int:pk>/": OFFICE | {EDITOR},
    "admin/licensing_items/delete/<int:pk>/": OFFICE,
    "admin/licensing_items/edit/<int:pk>/": OFFICE,
    "admin/licensing_items/history-results/<int:pk>/": OFFICE | {EDITOR},
    "admin/licensing_items/history/<int:pk>/": OFFICE | {EDITOR},
    "admin/licensing_items/inspect/<int:pk>/": READERS,
    "admin/licensing_items/new/": OFFICE | {EDITOR},
    "admin/licensing_items/results/": READERS,
    "admin/licensing_items/usage/<int:pk>/": OFFICE | {EDITOR},
    "admin/normative/review-reminders/": OFFICE,
    "admin/policies/missing-interpretations/": STAFF,
    "admin/power_items/": READERS,
    "admin/power_items/copy/<int:pk>/": OFFICE | {EDITOR},
    "admin/power_items/edit/<int:pk>/": OFFICE,
    "admin/power_items/history-results/<int:pk>/": OFFICE | {EDITOR},
    "admin/power_items/history/<int:pk>/": OFFICE | {EDITOR},
    "admin/power_items/inspect/<int:pk>/": READERS,
    "admin/power_items/new/": OFFICE | {EDITOR},
    "admin/power_items/results/": READERS,
    "admin/power_items/usage/<int:pk>/": OFFICE | {EDITOR},
    "admin/publishing/withdraw/<int:page_id>/": OFFICE,
    "admin/review/withheld/": {CONFIDENTIALITY_REVIEWER, DISCLOSURE_OFFICE},
    "admin/review/withheld/<int:page_id>/": {CONFIDENTIALITY_REVIEWER, DISCLOSURE_OFFICE},
    "admin/sampling_results/": READERS,
    "admin/sampling_results/copy/<int:pk>/": OFFICE | {EDITOR},
    "admin/sampling_results/delete/<int:pk>/": OFFICE,
    "admin/sampling_results/edit/<int:pk>/": OFFICE,
    "admin/sampling_results/history-results/<int:pk>/": OFFICE | {EDITOR},
    "admin/sampling_results/history/<int:pk>/": OFFICE | {EDITOR},
    "admin/sampling_results/inspect/<int:pk>/": READERS,
    "admin/sampling_results/new/": OFFICE | {EDITOR},
    "admin/sampling_results/results/": READERS,
    "admin/sampling_results/usage/<int:pk>/": OFFICE | {EDITOR},
    "admin/search/report/": OFFICE,
    # Single sign-on (disclosure/accounts/sso/): the way in for someone not yet logged in, so
    # everyone reaches them when the provider is on (404 to all when off, the default).
    "admin/sso/cas/callback/": EVERYONE,
    "admin/sso/cas/login/": EVERYONE,
    "admin/sso/cas/logout/": EVERYONE,
    "admin/sso/oidc/callback/": EVERYONE,
    "admin/sso/oidc/login/": EVERYONE,
    "admin/timeliness-report/": STAFF,
    "admin/withdrawals/": STAFF,
    "admin/withdrawals/inspect/<int:pk>/": {
        CONFIDENTIALITY_REVIEWER,
        DEPARTMENT_HEAD,
        DISCLOSURE_OFFICE,
        EDITOR,
        SYSTEM_ADMIN,
    },
    "admin/withdrawals/results/": STAFF,
    "api/columns/": EVERYONE,
    "api/columns/<str:column_id>/atom/": EVERYONE,
    "api/columns/<str:column_id>/rss/": EVERYONE,
    "api/export/catalogue.csv": EVERYONE,
    "api/export/catalogue.json": EVERYONE,
    "api/items/": EVERYONE,
    "api/items/<str:page_id>/": EVERYONE,
    "api/openapi.json": EVERYONE,
    "api/v2/^documents/": EVERYONE,
    "api/v2/^images/": EVERYONE,
    "api/v2/^pages/": EVERYONE,
}

#: Routes whose parameters cannot be filled with a real object here.
SKIPPED = {}


def _project_prefixes():
    labels = {config.label for config in apps.get_app_configs() if config.name.startswith(PROJECT)}
    names = {vs.name for vs in viewsets.viewsets if type(vs).__module__.startswith(PROJECT)}
    return labels, names


def _walk(patterns, prefix="", namespaces=()):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _walk(
                pattern.url_patterns,
                prefix + str(pattern.pattern),
                namespaces + ((pattern.namespace,) if pattern.namespace else ()),
            )
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), pattern, namespaces


def project_routes():
    """``(route, URLPattern)`` of every admin and API route the project defines."""
    labels, viewset_names = _project_prefixes()
    found = []
    for route, pattern, namespaces in _walk(get_resolver().url_patterns):
        if not route.startswith(("admin/", "api/")):
            continue
        callback = pattern.callback
        module = getattr(getattr(callback, "view_class", None), "__module__", None) or getattr(
            callback, "__module__", ""
        )
        ours = (
            module.startswith(PROJECT)
            or any(name in viewset_names for name in namespaces)
            or any((pattern.name or "").startswith(f"{label}_") for label in labels)
            and "modeladmin" in (pattern.name or "")
        )
        if ours:
            found.append((route, pattern))
    return found


#: A path converter (``<int:pk>``) or a regex group (``(?P<instance_pk>[-\w]+)``).
CONVERTER = re.compile(r"<(?:(?P<type>\w+):)?(?P<name>\w+)>|\(\?P<(?P<group>\w+)>[^)]*\)")


MISSING = 2147483647  # no such object: the route answers 404 to everyone


def model_of(route):
    """The model a route's ``pk`` belongs to: its viewset's, or the modeladmin's in the path."""
    for viewset in viewsets.viewsets:
        if not type(viewset).__module__.startswith(PROJECT):
            continue
        prefix = f"admin/{viewset.url_prefix}/"
        if route.startswith(prefix) and getattr(viewset, "model", None) is not None:
            return viewset.model
    match = re.match(r"admin/\^(\w+)/(\w+)/", route)
    if match:
        try:
            return apps.get_model(match.group(1), match.group(2))
        except LookupError:
            return None
    if route.startswith("api/v2/^pages/"):
        return Page
    return None


def fill(route, objects):
    """The URL of ``route`` with its parameters filled (a real object where one exists)."""
    route_text = route.replace("^", "").replace("$", "")
    if ".*" in route_text:
        return "/" + route_text.replace(".*", "no-such-endpoint")
    model = model_of(route)

    def value(match):
        name = match.group("name") or match.group("group")
        if name in ("page_id", "column_id"):
            return str(objects["page" if name == "page_id" else "column"])
        if name == "file_pk":
            return str(RequestFile.objects.order_by("pk").first().pk)
        if name == "document_id":
            return str(MISSING)
        if name == "app_label":
            return "publishing"
        if name == "model_name":
            return "withdrawal"
        if "audit/history" in route and name == "pk":
            return str(objects["withdrawal"])
        if name in ("pk", "instance_pk", "object_id"):
            found = model.objects.order_by("pk").first() if model is not None else None
            return str(found.pk if found is not None else MISSING)
        return None

    filled = route_text
    for match in CONVERTER.finditer(route_text):
        replacement = value(match)
        if replacement is None:
            return None
        filled = filled.replace(match.group(0), replacement)
    return "/" + filled


def allowed(response):
    if 200 <= response.status_code < 300:
        return True
    if response.status_code in (301, 302, 303, 307, 308):
        location = response.headers.get("Location", "")
        return "/login" not in location and location.rstrip("/") not in ("/admin", "")
    return False


@pytest.fixture
def world():
    organisation()
    dengji, office = department("登记注册科"), department("办公室")
    notices = column(title="通知公告", slug="notices", departments=[dengji])
    page = article(notices, title="矩阵测试信息")
    withdrawn = withdraw(article(notices, title="已撤回的信息"), user=None, reason="内部理由")
    objects = {"page": page.pk, "column": notices.pk, "withdrawal": withdrawn.pk}
    information_request, _code = register_application(**application_fields())
    attach(
        information_request,
        None,
        kind=FileKind.SUBMITTED,
        name="身份证明.pdf",
        content=ContentFile(b"%PDF-1.4"),
    )
    # Replied, so that its reply letter's routes answer (404 before an outcome).
    type(information_request).objects.filter(pk=information_request.pk).update(
        outcome="granted", replied_on=information_request.submitted_at.date(), status="replied"
    )
    PublicMessage.submit(
        subject="矩阵测试留言",
        body="矩阵测试留言的内容。",
        name="测试",
        phone="1",
        department=dengji,
    )
    builders = {
        "licensing_items": records.licensing_item,
        "licence_decisions": records.licence_decision,
        "inspection_items": records.inspection_item,
        "inspection_tasks": records.inspection_task,
        "inspected_objects": records.inspected_object,
        "sampling_results": records.sampling_result,
        "credit_list_entries": records.list_entry,
        "power_items": records.power_item,
    }
    for build in builders.values():
        build()
    users = {"anonymous": None}
    for role in STAFF:
        member_of = office if role in (CONFIDENTIALITY_REVIEWER, FOI_CLERK) else dengji
        users[role] = user_with_role(f"u_{role}", role, department=member_of)
    return objects, users


def signed_in(users):
    """A client per role (anonymous: not signed in)."""
    return {role: (Client(), user) for role, user in users.items()}


def _has_session(client):
    cookie = client.cookies.get(settings.SESSION_COOKIE_NAME)
    return cookie is not None and bool(cookie.value)


def reached(clients, url):
    """The roles a request of ``url`` is allowed to; each role's client signs in once, and
    again only when a route signed it out (a logout route deletes the session cookie)."""
    roles = set()
    for role, (client, user) in clients.items():
        if user is not None and not _has_session(client):
            client.force_login(user)
        if allowed(client.get(url)):
            roles.add(role)
    return roles


def test_no_role_reaches_a_route_the_matrix_does_not_allow(world):
    objects, users = world
    clients = signed_in(users)
    routes = project_routes()
    assert len(routes) > 40  # the walk found the project's routes
    problems, seen = [], {}
    for route, _pattern in routes:
        if route in SKIPPED:
            continue
        url = fill(route, objects)
        if url is None:
            problems.append(f"{route}: cannot fill its parameters (add it to SKIPPED with why)")
            continue
        roles = reached(clients, url)
        seen[route] = roles
        extra = roles - MATRIX.get(route, set())
        if extra:
            problems.append(f"{route} ({url}): {sorted(extra)} allowed, not in the matrix")
    if os.environ.get("PRINT_MATRIX"):
        for route, roles in sorted(seen.items()):
            print(f"{route!r}: {sorted(roles)!r},")
    assert not problems, "\n".join(problems)
