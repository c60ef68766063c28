"""Public lists of the credit lists (registered with :mod:`disclosure.opendata.registry`)."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from disclosure.opendata.registry import Column, Dataset, register

from .models import ListEntry, ListKind

COLUMNS = [
    Column("party_name", _("企业名称")),
    Column("credit_code", _("统一社会信用代码")),
    Column("legal_representative", _("法定代表人（负责人）"), in_table=False),
    Column("kind", _("名单类别"), in_table=False),
    Column("status", _("状态"), lambda e: e.status_display()),
    Column("entry_reason", _("列入原因")),
    Column("entry_on", _("列入日期")),
    Column("entry_authority", _("列入决定机关"), in_table=False),
    Column("entry_document_number", _("列入决定书文号"), in_table=False),
    Column("removal_reason", _("移出原因"), in_table=False),
    Column("removed_on", _("移出日期")),
    Column("removal_authority", _("移出决定机关"), in_table=False),
    Column("removal_document_number", _("移出决定书文号"), in_table=False),
]


def _dataset(name, kind):
    return register(
        Dataset(
            name=name,
            label=str(kind.label),
            queryset=lambda: ListEntry.objects.filter(kind=kind).select_related("department"),
            columns=COLUMNS,
            date_field="entry_on",
            kind_filters={
                "current": (str(_("在列")), Q(removed_on__isnull=True)),
                "removed": (str(_("已移出")), Q(removed_on__isnull=False)),
            },
            name_fields=("party_name", "credit_code"),
            name_label=str(_("企业名称")),
        )
    )


ABNORMAL = _dataset("abnormal_operations", ListKind.ABNORMAL)
SERIOUS = _dataset("serious_violations", ListKind.SERIOUS)
