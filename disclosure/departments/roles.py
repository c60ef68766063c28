"""Roles as auth groups, distinct from departments (see ``domain.md``, "Who uses it").

Every role has a stable code (:class:`~.models.RoleGroup`); the group's name is only the label
the admin shows and may rename. The code finds a role's group by its code, never by its name.

``ensure_roles()`` is idempotent and runs after every ``migrate``; the departments and page
permissions are data, so the scoping of editors to their columns lives in
:func:`sync_column_permissions`.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from .models import RoleGroup

# The roles' stable codes.
EDITOR = "editor"
DEPARTMENT_HEAD = "department_head"
CONFIDENTIALITY_REVIEWER = "confidentiality_reviewer"
DISCLOSURE_OFFICE = "disclosure_office"
FOI_CLERK = "foi_clerk"
SYSTEM_ADMIN = "system_admin"

#: The name a role's group is created with: stored data, which the admin may rename afterwards.
ROLE_NAMES = {
    EDITOR: "科室信息员",
    DEPARTMENT_HEAD: "科室负责人",
    CONFIDENTIALITY_REVIEWER: "保密审查员",
    DISCLOSURE_OFFICE: "政务公开办公室",
    FOI_CLERK: "依申请公开经办人",
    SYSTEM_ADMIN: "系统管理员",
}

ROLES = {
    EDITOR: _("起草本科室负责栏目的信息"),
    DEPARTMENT_HEAD: _("本科室信息的第一级审核"),
    CONFIDENTIALITY_REVIEWER: _("保密审查并记录审查结论"),
    DISCLOSURE_OFFICE: _("终审发布、维护标准目录、年度报告"),
    FOI_CLERK: _("登记、分办、答复依申请公开"),
    SYSTEM_ADMIN: _("系统管理"),
}

# Global (non-page) permissions per role, as "app_label.codename".
ADMIN_ACCESS = "wagtailadmin.access_admin"
ROLE_PERMISSIONS = {
    EDITOR: [
        ADMIN_ACCESS,
        "wagtaildocs.add_document",
        "wagtaildocs.choose_document",
        "wagtailimages.add_image",
        "wagtailimages.choose_image",
        # The work ledger: an editor follows their department's tasks; the head records
        # progress and closes them (销账); both keep their accounts' 最近更新 current.
        "ledger.view_ledgertask",
        "ledger.view_training",
        "ledger.view_newmediaaccount",
        "ledger.change_newmediaaccount",
        # Public messages: a department's staff answer theirs; its head reviews the answer.
        "participation.view_publicmessage",
        "participation.change_publicmessage",
        "consultations.view_consultationcomment",
        "consultations.change_consultationcomment",
    ],
    DEPARTMENT_HEAD: [
        ADMIN_ACCESS,
        "wagtaildocs.add_document",
        "wagtaildocs.choose_document",
        "wagtailimages.choose_image",
        "ledger.view_ledgertask",
        "ledger.change_ledgertask",
        "ledger.view_training",
        "ledger.view_newmediaaccount",
        "ledger.change_newmediaaccount",
        "participation.view_publicmessage",
        "participation.change_publicmessage",
        "consultations.view_consultationcomment",
        "consultations.change_consultationcomment",
    ],
    # The reviewer reads information requests to review their replies (保密审查).
    CONFIDENTIALITY_REVIEWER: [ADMIN_ACCESS, "applications.view_informationrequest"],
    DISCLOSURE_OFFICE: [
        ADMIN_ACCESS,
        "wagtaildocs.add_document",
        "wagtaildocs.change_document",
        "wagtaildocs.choose_document",
        "wagtailimages.add_image",
        "wagtailimages.choose_image",
        "catalogue.add_catalogueitem",
        "catalogue.change_catalogueitem",
        "catalogue.delete_catalogueitem",
        "catalogue.view_catalogueitem",
        "publishing.add_topic",
        "publishing.change_topic",
        "publishing.view_topic",
        "columns.add_updateclass",
        "columns.change_updateclass",
        "columns.view_updateclass",
        "columns.manage_column_settings",
        "departments.add_department",
        "departments.change_department",
        "departments.view_department",
        "workdays.add_dayoverride",
        "workdays.change_dayoverride",
        "workdays.view_dayoverride",
        "workdays.add_holidayyear",
        "workdays.change_holidayyear",
        "workdays.view_holidayyear",
        "organisation.change_organisationsettings",
        "organisation.add_leader",
        "organisation.change_leader",
        "organisation.delete_leader",
        "organisation.view_leader",
        "organisation.add_emergencynotice",
        "organisation.change_emergencynotice",
        "organisation.view_emergencynotice",
        "enforcement.change_penaltypublicitysettings",
        "search.add_synonym",
        "search.change_synonym",
        "search.view_synonym",
        "search.view_querylog",
        "normative.add_cleanupdecision",
        "normative.change_cleanupdecision",
        "normative.view_cleanupdecision",
        "normative.view_validitychange",
        "normative.change_normativesettings",
        "funds.add_fundrecord",
        "funds.change_fundrecord",
        "funds.view_fundrecord",
        "annual_report.add_decisionrecord",
        "annual_report.change_decisionrecord",
        "annual_report.view_decisionrecord",
        "annual_report.add_feerecord",
        "annual_report.change_feerecord",
        "annual_report.view_feerecord",
        "ledger.add_ledgertask",
        "ledger.change_ledgertask",
        "ledger.delete_ledgertask",
        "ledger.view_ledgertask",
        "ledger.add_training",
        "ledger.change_training",
        "ledger.view_training",
        "ledger.add_newmediaaccount",
        "ledger.change_newmediaaccount",
        "ledger.view_newmediaaccount",
        "applications.view_informationrequest",
        "applications.change_informationrequest",
        "applications.add_requestcase",
        "applications.change_requestcase",
        "applications.view_requestcase",
        "participation.view_publicmessage",
        "participation.change_publicmessage",
        "consultations.view_consultationcomment",
        "consultations.change_consultationcomment",
        "checks.add_wordingrule",
        "checks.change_wordingrule",
        "checks.delete_wordingrule",
        "checks.view_wordingrule",
        "checks.add_sensitiveterm",
        "checks.change_sensitiveterm",
        "checks.delete_sensitiveterm",
        "checks.view_sensitiveterm",
        "checks.add_officialname",
        "checks.change_officialname",
        "checks.delete_officialname",
        "checks.view_officialname",
    ],
    FOI_CLERK: [
        ADMIN_ACCESS,
        "applications.view_informationrequest",
        "applications.change_informationrequest",
        "applications.add_requestcase",
        "applications.change_requestcase",
        "applications.view_requestcase",
    ],
    SYSTEM_ADMIN: [
        ADMIN_ACCESS,
        "auth.add_user",
        "auth.change_user",
        "auth.view_user",
        "auth.change_group",
    ],
}

# Page permissions on the whole tree for the disclosure office (final approval and publish).
OFFICE_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
# Page permissions a department gets on the columns it is responsible for.
DEPARTMENT_PAGE_PERMISSIONS = ["add_page", "change_page"]


def _permissions(names):
    """The permissions ``app_label.codename`` that exist (a name not yet created is left out),
    in one statement."""
    wanted = [tuple(name.split(".")) for name in names]
    by_name = {
        (permission.content_type.app_label, permission.codename): permission
        for permission in Permission.objects.filter(
            codename__in={codename for _app_label, codename in wanted}
        ).select_related("content_type")
    }
    return [by_name[name] for name in wanted if name in by_name]


@transaction.atomic
def ensure_roles():
    """Create the role groups with their permissions; safe to run any number of times.
    Returns ``{code: group}``."""
    from wagtail.models import GroupPagePermission, Page

    groups = {}
    for code in ROLES:
        group = role_group(code)
        if group is None:
            group, _created = Group.objects.get_or_create(name=ROLE_NAMES[code])
            RoleGroup.objects.create(code=code, group=group)
        group.permissions.add(*_permissions(ROLE_PERMISSIONS[code]))
        groups[code] = group

    root = Page.get_first_root_node()
    if root is not None:
        for codename in OFFICE_PAGE_PERMISSIONS:
            permission = Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            )
            GroupPagePermission.objects.get_or_create(
                group=groups[DISCLOSURE_OFFICE], page=root, permission=permission
            )
    return groups


@transaction.atomic
def sync_column_permissions(column):
    """Give exactly the column's departments add/edit rights on the column and its subtree."""
    from wagtail.models import GroupPagePermission

    permissions = list(
        Permission.objects.filter(
            content_type__app_label="wagtailcore", codename__in=DEPARTMENT_PAGE_PERMISSIONS
        )
    )
    GroupPagePermission.objects.filter(page=column, group__department__isnull=False).delete()
    for department in column.departments.all():
        if department.group_id is None:
            department.save()
        for permission in permissions:
            GroupPagePermission.objects.get_or_create(
                group=department.group, page=column, permission=permission
            )


def role_group(code):
    """The group of the role ``code``, or ``None`` before :func:`ensure_roles` has run."""
    return Group.objects.filter(role__code=code).first()


def is_member(user, code):
    """Whether ``user`` is an active member of the role ``code``'s group (superusers too only
    when they are members)."""
    return user.is_active and user.groups.filter(role__code=code).exists()


def user_has_role(user, code):
    """Whether ``user`` acts in the role ``code``: a member of its group, or a superuser."""
    return user.is_active and (user.is_superuser or is_member(user, code))
