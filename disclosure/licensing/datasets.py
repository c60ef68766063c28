"""Public lists of licensing (registered with :mod:`disclosure.opendata.registry`)."""

from django.utils.translation import gettext_lazy as _

from disclosure.opendata.registry import Column, Dataset, register

from .models import LicenceDecision, LicensingItem

LICENSING_ITEMS = register(
    Dataset(
        name="licensing_items",
        label=str(_("行政许可事项清单")),
        queryset=lambda: LicensingItem.objects.select_related("department").order_by("code"),
        columns=[
            Column("code", _("事项编码")),
            Column("name", _("事项名称")),
            Column("status", _("事项状态")),
            Column("delegated_to", _("下放至"), in_table=False),
            Column("status_basis", _("取消或下放依据"), in_table=False),
            Column("department", _("承办科室"), "department.name"),
            Column("legal_basis", _("设定依据"), in_table=False),
            Column("conditions", _("申请条件"), in_table=False),
            Column("materials", _("申请材料"), in_table=False),
            Column("procedure", _("办理流程"), in_table=False),
            Column("time_limit", _("办理时限")),
            Column("fees", _("收费依据及标准"), in_table=False),
            Column("place_and_hours", _("办理地点和时间"), in_table=False),
            Column("consultation_phone", _("咨询电话"), in_table=False),
            Column("complaint_phone", _("投诉电话"), in_table=False),
            Column("updated_on", _("更新日期")),
        ],
        date_field=None,
        kind_field="status",
        name_fields=("name", "code"),
        name_label=str(_("事项名称")),
    )
)

LICENCE_DECISIONS = register(
    Dataset(
        name="licence_decisions",
        label=str(_("行政许可决定公示")),
        queryset=lambda: LicenceDecision.objects.select_related("item", "department"),
        columns=[
            Column("decision_number", _("许可决定书文号")),
            Column("kind", _("决定类别")),
            Column("item", _("许可事项"), "item.name"),
            Column("party_name", _("行政相对人名称")),
            Column("party_credit_code", _("统一社会信用代码")),
            Column("legal_representative", _("法定代表人（负责人）"), in_table=False),
            Column("licence_name", _("许可证书名称"), in_table=False),
            Column("licence_number", _("许可证编号")),
            Column("content", _("许可内容"), in_table=False),
            Column("decided_on", _("决定日期")),
            Column("valid_from", _("有效期自"), in_table=False),
            Column("valid_until", _("有效期至"), in_table=False),
            Column("authority", _("许可机关"), in_table=False),
            Column("department", _("承办科室"), "department.name", in_table=False),
            Column("published_on", _("公示日期"), in_table=False),
        ],
        date_field="decided_on",
        kind_field="kind",
        name_fields=("party_name", "party_credit_code"),
        name_label=str(_("行政相对人")),
    )
)
