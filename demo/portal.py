"""Demo entries of the portal (called by ``load_demo``; idempotent): the bureau's leaders, the
departments' functions, the 机构信息 page in its column, and a response to a public concern
linked to a demo policy."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from demo.review import DEMO_DETERMINATION
from disclosure.departments.models import Department
from disclosure.organisation.models import Leader
from disclosure.policies.models import ConcernPolicyLink, ConcernResponsePage, PolicyDocumentPage
from disclosure.review.models import publish_with_system_determination
from home.models import InstitutionPage

LEADERS = [
    ("王建国", "党组书记、局长", "主持局全面工作。", 1),
    ("李红梅", "党组成员、副局长", "负责登记注册、信用监管、政务公开工作。", 2),
    ("陈志强", "党组成员、副局长", "负责食品安全、执法稽查工作。", 3),
]
FUNCTIONS = {
    "办公室": "负责机关日常运转，承担政务公开、信息、保密、档案等工作。",
    "政策法规科": "承担规范性文件合法性审核、行政复议应诉和普法工作。",
    "登记注册科": "负责市场主体登记注册和信息公示。",
    "执法支队": "负责市场监管领域行政执法，查处违法案件。",
    "信用监管科": "负责经营异常名录和严重违法失信名单管理，推进信用监管。",
}
INSTITUTION_COLUMN = "机构信息/机构概况"
RESPONSES_COLUMN = "政民互动/政民互动"


def load(leaf_columns):
    for name, post, duties, order in LEADERS:
        Leader.objects.get_or_create(
            name=name, defaults={"post": post, "duties": duties, "sort_order": order}
        )
    for name, functions in FUNCTIONS.items():
        Department.objects.filter(name=name, functions="").update(functions=functions)
    column = leaf_columns.get(INSTITUTION_COLUMN)
    if column is not None and not InstitutionPage.objects.exists():
        page = InstitutionPage(title="机构信息", slug="jgxx", live=False)
        column.add_child(instance=page)
        page.save_revision().publish()
    responses = leaf_columns.get(RESPONSES_COLUMN)
    policy = PolicyDocumentPage.objects.live().filter(slug="zc-gtgsh").first()
    if responses is not None and not ConcernResponsePage.objects.filter(slug="hygq-gtgsh").exists():
        page = ConcernResponsePage(
            title="关于个体工商户经营者变更是否需要注销的回应",
            slug="hygq-gtgsh",
            live=False,
            publisher="示范市市场监督管理局",
            written_on=timezone.localdate() - dt.timedelta(days=5),
            concern="近期多位网民留言询问：个体工商户更换经营者，是否必须先注销再重新登记。",
            concern_source="网民留言",
            concern_raised_on=timezone.localdate() - dt.timedelta(days=12),
            body=(
                "<p>根据《促进个体工商户发展条例》，个体工商户可以直接向登记机关申请办理经营者"
                "变更登记，无需注销后重新登记。本局已在《关于促进个体工商户高质量发展的若干措施》"
                "中明确办理流程。</p>"
            ),
        )
        responses.add_child(instance=page)
        if policy is not None:
            page.policy_links.add(ConcernPolicyLink(policy=policy))
        publish_with_system_determination(page.save_revision(), DEMO_DETERMINATION)
