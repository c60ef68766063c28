"""Admin building blocks for the records of the public lists: a ModelViewSet whose inspect
view shows the record's django-simple-history (who changed what, when, why), with ORM search
and CSV/Excel export of the listing, and whose create and edit views keep editors to their own
departments' records."""

from django.core.exceptions import PermissionDenied
from wagtail.admin.views.generic import CreateView, EditView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

#: History records shown on the inspect page (newest first).
HISTORY_LIMIT = 50


class HistoryInspectView(InspectView):
    template_name = "opendata/admin/inspect_with_history.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        history = getattr(self.object, "history", None)
        records = []
        if history is not None:
            for record in history.select_related("history_user")[:HISTORY_LIMIT]:
                previous = record.prev_record
                changes = []
                if previous is not None:
                    delta = record.diff_against(previous)
                    for change in delta.changes:
                        field = self.model._meta.get_field(change.field)
                        changes.append((field.verbose_name, _short(change.old), _short(change.new)))
                records.append({"record": record, "changes": changes})
        context["history_records"] = records
        return context


def _short(value, limit=80):
    text = "" if value is None else str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def manages_all_lists(user) -> bool:
    """The disclosure office (and superusers) maintain every department's records."""
    from disclosure.departments import roles

    return roles.user_has_role(user, roles.DISCLOSURE_OFFICE)


def user_departments(user):
    from disclosure.departments.models import Department

    return Department.for_user(user)


def record_in_user_departments(obj, department_path, user) -> bool:
    """Whether ``obj``'s department (reached by ``department_path``, e.g. ``task__department``)
    is one of ``user``'s departments."""
    value = obj
    for part in department_path.split("__"):
        value = getattr(value, part, None)
    return value is not None and user_departments(user).filter(pk=value.pk).exists()


class DepartmentScopedFormMixin:
    """An editor creates and edits only their own departments' records: the department (or the
    task that carries it) offered in the form is limited to theirs, and someone else's record is
    refused. The disclosure office is not limited."""

    department_path = "department"

    def scoped(self):
        return not manages_all_lists(self.request.user)

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        if self.scoped():
            first, *rest = self.department_path.split("__")
            field = form.fields.get(first)
            if field is not None:
                departments = user_departments(self.request.user)
                if rest:
                    field.queryset = field.queryset.filter(
                        **{"__".join(rest) + "__in": departments}
                    )
                else:
                    field.queryset = departments
        return form


class ScopedCreateView(DepartmentScopedFormMixin, CreateView):
    pass


class ScopedEditView(DepartmentScopedFormMixin, EditView):
    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        if self.scoped() and not record_in_user_departments(
            obj, self.department_path, self.request.user
        ):
            raise PermissionDenied
        return obj


class RecordViewSet(ModelViewSet):
    """Base viewset: inspect view with history, database search, export, 50 rows a page;
    editors create and change only their departments' records (``department_path``)."""

    inspect_view_enabled = True
    inspect_view_class = HistoryInspectView
    add_view_class = ScopedCreateView
    edit_view_class = ScopedEditView
    department_path = "department"
    search_backend_name = None
    list_per_page = 50
    add_to_admin_menu = False

    def get_add_view_kwargs(self, **kwargs):
        return super().get_add_view_kwargs(department_path=self.department_path, **kwargs)

    def get_edit_view_kwargs(self, **kwargs):
        return super().get_edit_view_kwargs(department_path=self.department_path, **kwargs)


class NoDeletePermissionPolicy(ModelPermissionPolicy):
    """Records that are never deleted (list entries, power items): nobody, not even a
    superuser, gets the delete action; ending them is recorded on the record instead."""

    def user_has_permission(self, user, action):
        if action == "delete":
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class SubmittedRecordPermissionPolicy(NoDeletePermissionPolicy):
    """Records the public submits (messages, comments): nobody adds one in the admin, and nobody
    deletes one; they are handled by their steps, which keep the history."""

    def user_has_permission(self, user, action):
        if action == "add":
            return False
        return super().user_has_permission(user, action)


def forbid_delete(model):
    register_permission_policy(model, NoDeletePermissionPolicy(model))
