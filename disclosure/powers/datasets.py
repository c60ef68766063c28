"""The public power and responsibility list (registered with :mod:`disclosure.opendata`)."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from disclosure.opendata.registry import Column, Dataset, register

from .models import PowerItem


def _adjustments(item):
    return [
        f"{row['adjusted_on']}：{row['reason'] or gettext('发布')}"
        for row in item.adjustments()
        if row["adjusted_on"]
    ]


POWER_ITEMS = register(
    Dataset(
        name="power_items",
        label=str(_("权责清单")),
        queryset=lambda: PowerItem.objects.select_related("department").order_by("kind", "code"),
        columns=[
            Column("code", _("事项编码")),
            Column("name", _("事项名称")),
            Column("kind", _("权力类型")),
            Column("legal_basis", _("实施依据")),
            Column("department", _("责任科室"), "department.name"),
            Column("responsibilities", _("责任事项"), in_table=False),
            Column("accountability", _("追责情形"), in_table=False),
            Column("is_active", _("有效")),
            Column("adjusted_on", _("调整日期")),
            Column("adjustment_reason", _("调整原因"), in_table=False),
            Column("ended_on", _("停止实施日期"), in_table=False),
            Column("adjustments", _("调整记录"), _adjustments, in_table=False),
        ],
        date_field="adjusted_on",
        kind_field="kind",
        name_fields=("name", "code"),
        name_label=str(_("事项名称")),
    )
)
