"""Public lists of random inspections and sampling (registered with :mod:`disclosure.opendata`)."""

from django.utils.translation import gettext_lazy as _

from disclosure.opendata.registry import Column, Dataset, register

from .models import InspectedObject, InspectionItem, SamplingResult
from .summary import summarise

INSPECTION_ITEMS = register(
    Dataset(
        name="inspection_items",
        label=str(_("随机抽查事项清单")),
        queryset=lambda: InspectionItem.objects.filter(is_active=True).select_related("department"),
        columns=[
            Column("code", _("事项编码")),
            Column("name", _("抽查事项")),
            Column("category", _("抽查类别"), in_table=False),
            Column("object_scope", _("抽查对象")),
            Column("basis", _("抽查依据")),
            Column("department", _("抽查主体"), "department.name"),
            Column("content", _("抽查内容"), in_table=False),
            Column("method", _("抽查方式")),
            Column("updated_on", _("更新日期"), in_table=False),
        ],
        date_field=None,
        name_fields=("name", "code"),
        name_label=str(_("抽查事项")),
    )
)

_OBJECT_COLUMNS = [
    Column("task", _("抽查任务"), "task.name"),
    Column("party_name", _("检查对象名称")),
    Column("credit_code", _("统一社会信用代码")),
    Column("drawn_on", _("摇号抽取日期"), "task.drawn_on"),
    Column("items", _("抽查事项"), lambda o: [item.name for item in o.task.items.all()], False),
]

INSPECTED_OBJECTS = register(
    Dataset(
        name="inspected_objects",
        label=str(_("检查对象名录")),
        queryset=lambda: InspectedObject.objects.select_related(
            "task", "task__department"
        ).prefetch_related("task__items"),
        columns=_OBJECT_COLUMNS,
        date_field="task__drawn_on",
        department_field="task__department",
        name_fields=("party_name", "credit_code"),
        name_label=str(_("检查对象")),
    )
)

INSPECTION_RESULTS = register(
    Dataset(
        name="inspection_results",
        label=str(_("抽查检查结果")),
        queryset=lambda: (
            InspectedObject.objects.filter(result_published_on__isnull=False)
            .select_related("task", "task__department")
            .prefetch_related("task__items")
            .order_by("-result_published_on", "party_name")
        ),
        columns=[
            *_OBJECT_COLUMNS[:3],
            Column("inspected_on", _("检查完成日期")),
            Column("outcome", _("检查结果")),
            Column("findings", _("检查情况说明"), in_table=False),
            Column("handling", _("后续处理"), in_table=False),
            Column("result_published_on", _("结果公示日期")),
            Column("department", _("检查实施机关（科室）"), "task.department.name", False),
            _OBJECT_COLUMNS[4],
        ],
        date_field="inspected_on",
        kind_field="outcome",
        department_field="task__department",
        name_fields=("party_name", "credit_code"),
        name_label=str(_("检查对象")),
    )
)

SAMPLING_RESULTS = register(
    Dataset(
        name="sampling_results",
        label=str(_("抽检结果")),
        queryset=lambda: SamplingResult.objects.select_related("department"),
        columns=[
            Column("report_number", _("检验报告编号"), in_table=False),
            Column("kind", _("抽检类别"), in_table=False),
            Column("food_category", _("食品（产品）分类"), in_table=False),
            Column("product_name", _("产品名称")),
            Column("brand", _("商标"), in_table=False),
            Column("specification", _("规格型号"), in_table=False),
            Column("batch", _("生产日期/批号")),
            Column("producer_name", _("标称生产企业名称")),
            Column("producer_address", _("标称生产企业地址"), in_table=False),
            Column("inspected_unit_name", _("被抽样单位名称")),
            Column("inspected_unit_credit_code", _("被抽样单位统一社会信用代码"), in_table=False),
            Column("sampled_on", _("抽样日期"), in_table=False),
            Column("basis", _("检验依据"), in_table=False),
            Column("lab", _("检验机构"), in_table=False),
            Column("verdict", _("检验结论")),
            Column("nonconforming_items", _("不合格项目")),
            Column("disposal_status", _("核查处置状态"), in_table=False),
            Column("disposal", _("核查处置情况"), in_table=False),
            Column("published_on", _("公布日期")),
        ],
        date_field="sampled_on",
        kind_field="verdict",
        name_fields=("product_name", "producer_name", "inspected_unit_name"),
        name_label=str(_("产品或企业名称")),
        summary=summarise,
        summary_template="inspections/sampling_summary.html",
    )
)
