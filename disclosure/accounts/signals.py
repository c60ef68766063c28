"""The security log's receivers (等保 2.0, GB/T 22239-2019 8.1.4.3 安全审计: 审计覆盖到每个用户,
对重要的用户行为和重要安全事件进行审计): every login, failed login and logout, every password
change, every account created or deleted, every change of an account's flags
(``is_active``/``is_staff``/``is_superuser``), groups or permissions, and of a group's
permissions — from whatever path (Wagtail's views, the shell, a command). The actor is the user
of the current request (kept by simple_history's ``HistoryRequestMiddleware``) when there is one.

Connected in :meth:`disclosure.accounts.apps.AccountsConfig.ready`.
"""

from collections import defaultdict

from django.contrib.auth import get_user_model, user_logged_in, user_logged_out, user_login_failed
from django.contrib.auth.models import Group, Permission
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from simple_history.models import HistoricalRecords

from .events import record
from .models import SecurityEventKind

#: The account flags whose changes are logged, as ACCOUNT_CHANGED with old → new.
FLAGS = ("is_active", "is_staff", "is_superuser")
#: Set on a request by whoever logs the user out for a reason of its own (the idle timeout):
#: the logout is recorded as that kind instead of LOGOUT.
LOGOUT_KIND = "accounts_logout_kind"


def current_request():
    """The request being answered in this thread, if any (simple_history keeps it)."""
    return getattr(HistoricalRecords.context, "request", None)


def on_login(sender, request, user, **kwargs):
    record(SecurityEventKind.LOGIN, request=request, user=user)


def on_login_failed(sender, credentials, request=None, **kwargs):
    """The username tried (Django has already masked the password in ``credentials``)."""
    User = get_user_model()
    username = str(credentials.get(User.USERNAME_FIELD) or credentials.get("username") or "")
    user = User._default_manager.filter(**{User.USERNAME_FIELD: username}).first()
    record(SecurityEventKind.LOGIN_FAILED, request=request, user=user, username=username)


def on_logout(sender, request, user, **kwargs):
    if user is None:
        return
    kind = getattr(request, LOGOUT_KIND, SecurityEventKind.LOGOUT)
    record(kind, request=request, user=user)


def remember_flags(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or instance.pk is None:
        return
    if update_fields is not None and not set(FLAGS) & set(update_fields):
        return
    instance._security_flags = sender._default_manager.filter(pk=instance.pk).values(*FLAGS).first()


def on_user_saved(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    request = current_request()
    if created:
        flags = {flag: getattr(instance, flag) for flag in FLAGS}
        record(SecurityEventKind.USER_CREATED, request=request, user=instance, **flags)
        return
    before = instance.__dict__.pop("_security_flags", None) or {}
    changes = {
        flag: [before[flag], getattr(instance, flag)]
        for flag in FLAGS
        if flag in before and before[flag] != getattr(instance, flag)
    }
    if changes:
        record(SecurityEventKind.ACCOUNT_CHANGED, request=request, user=instance, changes=changes)
    # set_password() keeps the raw password until the save (Django calls the validators'
    # password_changed() with it afterwards); a hash upgrade at login clears it first.
    if getattr(instance, "_password", None) is not None:
        record(SecurityEventKind.PASSWORD_CHANGED, request=request, user=instance)


def on_user_deleted(sender, instance, **kwargs):
    record(
        SecurityEventKind.USER_DELETED,
        request=current_request(),
        username=instance.get_username(),
    )


def _permission_name(permission):
    return f"{permission.content_type.app_label}.{permission.codename}"


class RelationLog:
    """Records the changes of one many-to-many relation of an account or a group (both
    directions, ``clear()`` included) as one event per account or group."""

    def __init__(self, through, subject, target, kind, name):
        self.through, self.subject, self.target = through, subject, target
        self.kind, self.name = kind, name

    def __call__(self, sender, instance, action, reverse, model, pk_set, **kwargs):
        own = self.target if reverse else self.subject
        if action == "pre_clear":
            pairs = self.through.objects.filter(**{f"{own}_id": instance.pk})
            instance.__dict__[self._stash] = list(
                pairs.values_list(f"{self.subject}_id", f"{self.target}_id")
            )
            return
        if action == "post_clear":
            pairs, change = instance.__dict__.pop(self._stash, []), "removed"
        elif action in ("post_add", "post_remove") and pk_set:
            pairs = [(instance.pk, pk) if not reverse else (pk, instance.pk) for pk in pk_set]
            change = "added" if action == "post_add" else "removed"
        else:
            return
        by_subject = defaultdict(list)
        for subject_pk, target_pk in pairs:
            by_subject[subject_pk].append(target_pk)
        self.write(by_subject, change)

    @property
    def _stash(self):
        return f"_security_clear_{self.through._meta.db_table}"

    def write(self, by_subject, change):
        subject_model = self.through._meta.get_field(self.subject).related_model
        target_model = self.through._meta.get_field(self.target).related_model
        targets = target_model._default_manager.filter(
            pk__in={pk for pks in by_subject.values() for pk in pks}
        )
        if target_model is Permission:
            targets = targets.select_related("content_type")
        names = {target.pk: self.name(target) for target in targets}
        request = current_request()
        for subject in subject_model._default_manager.filter(pk__in=by_subject):
            detail = {change: sorted(names[pk] for pk in by_subject[subject.pk] if pk in names)}
            if isinstance(subject, Group):
                record(self.kind, request=request, group=subject.name, **detail)
            else:
                record(self.kind, request=request, user=subject, **detail)


def connect():
    User = get_user_model()
    user_logged_in.connect(on_login, dispatch_uid="accounts.login")
    user_login_failed.connect(on_login_failed, dispatch_uid="accounts.login_failed")
    user_logged_out.connect(on_logout, dispatch_uid="accounts.logout")
    pre_save.connect(remember_flags, sender=User, dispatch_uid="accounts.user_flags")
    post_save.connect(on_user_saved, sender=User, dispatch_uid="accounts.user_saved")
    post_delete.connect(on_user_deleted, sender=User, dispatch_uid="accounts.user_deleted")
    relations = [
        (User.groups.through, "user", "group", SecurityEventKind.GROUPS_CHANGED, str),
        (
            User.user_permissions.through,
            "user",
            "permission",
            SecurityEventKind.PERMISSIONS_CHANGED,
            _permission_name,
        ),
        (
            Group.permissions.through,
            "group",
            "permission",
            SecurityEventKind.PERMISSIONS_CHANGED,
            _permission_name,
        ),
    ]
    for through, subject, target, kind, name in relations:
        m2m_changed.connect(
            RelationLog(through, subject, target, kind, name),
            sender=through,
            weak=False,
            dispatch_uid=f"accounts.{through._meta.db_table}",
        )
