"""The history of one non-page record (django-simple-history): who changed what, when and why
(``history_change_reason``), each version against the one before."""

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

HISTORY_TYPES = {"+": _("新增"), "~": _("修改"), "-": _("删除")}


def history_url(obj):
    """The admin URL of ``obj``'s history."""
    meta = obj._meta
    return reverse("audit_record_history", args=[meta.app_label, meta.model_name, obj.pk])


def tracked_model(app_label, model_name):
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError as error:
        raise Http404 from error
    if not hasattr(model._meta, "simple_history_manager_attribute"):
        raise Http404
    return model


def may_view(user, model):
    meta = model._meta
    return user.is_superuser or any(
        user.has_perm(f"{meta.app_label}.{action}_{meta.model_name}")
        for action in ("view", "change")
    )


def versions(model, pk):
    """The historical rows of record ``pk``, newest first, each with its ``changes``
    ``[(field label, old, new)]`` against the version before."""
    manager = getattr(model, model._meta.simple_history_manager_attribute)
    records = list(
        manager.filter(**{model._meta.pk.attname: pk})
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    previous = None
    for record in records:
        record.type_label = HISTORY_TYPES.get(record.history_type, record.history_type)
        record.changes = []
        if previous is not None and record.history_type == "~":
            delta = record.diff_against(previous)
            for change in delta.changes:
                field = model._meta.get_field(change.field)
                record.changes.append((field.verbose_name, change.old, change.new))
        previous = record
    records.reverse()
    return records


def record_history_view(request, app_label, model_name, pk):
    model = tracked_model(app_label, model_name)
    if not may_view(request.user, model):
        raise PermissionDenied
    records = versions(model, pk)
    if not records:
        raise Http404
    return TemplateResponse(
        request,
        "audit/record_history.html",
        {
            "model_name": model._meta.verbose_name,
            "title": str(records[0].instance),
            "records": records,
        },
    )
