"""Permissions of the role groups on the records of the public lists.

The disclosure office (政务公开办公室) maintains every list and may delete what may be deleted;
editors add and change their own departments' records (the admin views limit them, see
:mod:`.viewsets`); department heads and confidentiality reviewers see them. Added after every ``migrate`` (additive, like ``disclosure.departments.roles``)."""

from django.contrib.auth.models import Permission

from disclosure.departments import roles

#: (app label, model) of every list record.
RECORD_MODELS = [
    ("licensing", "licensingitem"),
    ("licensing", "licencedecision"),
    ("inspections", "inspectionitem"),
    ("inspections", "inspectiontask"),
    ("inspections", "inspectedobject"),
    ("inspections", "samplingresult"),
    ("credit", "listentry"),
    ("powers", "poweritem"),
]
#: Records that are ended or removed on the record, never deleted.
NEVER_DELETED = {("credit", "listentry"), ("powers", "poweritem")}


def role_permissions():
    """``{role code: [(app_label, codename), …]}``."""
    office, editors, readers = [], [], []
    for app_label, model in RECORD_MODELS:
        actions = ["add", "change", "view"]
        editors += [(app_label, f"{action}_{model}") for action in actions]
        if (app_label, model) not in NEVER_DELETED:
            actions.append("delete")
        office += [(app_label, f"{action}_{model}") for action in actions]
        readers.append((app_label, f"view_{model}"))
    return {
        roles.DISCLOSURE_OFFICE: office,
        roles.EDITOR: editors,
        roles.DEPARTMENT_HEAD: readers,
        roles.CONFIDENTIALITY_REVIEWER: readers,
    }


def grant_role_permissions(**kwargs):
    for role, names in role_permissions().items():
        group = roles.role_group(role)
        if group is None:
            continue
        for app_label, codename in names:
            permission = Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            if permission is not None:
                group.permissions.add(permission)
