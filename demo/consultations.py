"""Demo draft-decision consultations (called by ``load_demo``; idempotent by slug): one open for
comment with two approved comments and one waiting for moderation, one closed with its feedback
(adopted and rejected opinions with reasons) and the policy that was decided."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone

from demo.review import DEMO_DETERMINATION
from disclosure.consultations.choices import FeedbackOutcome
from disclosure.consultations.models import ConsultationComment, ConsultationPage, FeedbackEntry
from disclosure.policies.models import PolicyDocumentPage
from disclosure.review.models import publish_with_system_determination

ORGANISATION = "示范市市场监督管理局"
COLUMN = "政策文件/重大决策预公开"


def _consultation(column, slug, **fields):
    page = ConsultationPage.objects.child_of(column).filter(slug=slug).first()
    if page is not None:
        return page, False
    page = ConsultationPage(slug=slug, live=False, publisher=ORGANISATION, **fields)
    column.add_child(instance=page)
    publish_with_system_determination(page.save_revision(), DEMO_DETERMINATION)
    return ConsultationPage.objects.get(pk=page.pk), True


def load(leaf_columns):
    column = leaf_columns.get(COLUMN)
    if column is None:
        return 0
    office = get_user_model().objects.filter(username="office").first()
    today = timezone.localdate()
    open_page, created = _consultation(
        column,
        "zqyj-nmsc",
        title="关于《示范市农贸市场食品安全管理办法（征求意见稿）》公开征求意见的公告",
        written_on=today - dt.timedelta(days=10),
        body=(
            "<p>第一条 为加强农贸市场食品安全管理，保障公众身体健康，制定本办法。</p>"
            "<p>第二条 市场开办者应当建立入场销售者档案，查验并留存入场销售者的社会信用代码或者"
            "身份证复印件、食品生产经营许可证等资料。</p>"
            "<p>第三条 市场开办者应当配备检验设备和检验人员，或者委托具有资质的食品检验机构，"
            "开展食用农产品抽样检验。</p>"
        ),
        drafting_notes="<p>为落实食品安全“四个最严”要求，结合本市农贸市场实际，起草本办法。</p>",
        opens_on=today - dt.timedelta(days=10),
        closes_on=today + dt.timedelta(days=20),
        other_channels="信函：示范市人民路1号示范市市场监督管理局政策法规科（邮编 100000）\n"
        "电子邮箱：zqyj@example.gov.cn",
    )
    if created:
        for name, text, approve in [
            ("市民老李", "建议明确快检结果的公示位置和时间，方便消费者查看。", True),
            ("一位摊主", "检验费用希望由市场开办者承担，不要转嫁给摊位经营者。", True),
            ("", "希望早市时段也安排检验人员值守。", False),
        ]:
            comment = ConsultationComment.objects.create(
                consultation=open_page, author_name=name, contact="13800000000", text=text
            )
            if approve:
                comment.approve(office)
    closed, created = _consultation(
        column,
        "zqyj-gtgsh",
        title="关于《示范市市场监督管理局关于促进个体工商户高质量发展的若干措施（征求意见稿）》"
        "公开征求意见的公告",
        written_on=today - dt.timedelta(days=70),
        body="<p>一、优化准入服务。二、加强公平竞争审查。三、规范涉企检查。四、强化政策落实。</p>",
        opens_on=today - dt.timedelta(days=70),
        closes_on=today - dt.timedelta(days=38),
    )
    if created:
        ConsultationComment.objects.create(
            consultation=closed,
            author_name="个体户代表",
            contact="13900000000",
            text="建议对首次轻微违法行为不予处罚。",
        ).approve(office)
        closed.feedback_summary = (
            "<p>征求意见期间共收到意见建议 6 条，经认真研究，采纳 3 条，部分采纳 1 条，"
            "未采纳 2 条。</p>"
        )
        closed.offline_comment_count = 5
        closed.final_decision = PolicyDocumentPage.objects.live().filter(slug="zc-gtgsh").first()
        for opinion, count, outcome, reason in [
            ("对首次轻微违法行为不予处罚", 2, FeedbackOutcome.ADOPTED, ""),
            ("延长个体工商户年报补报期限", 1, FeedbackOutcome.ADOPTED, ""),
            (
                "简化经营者变更手续",
                1,
                FeedbackOutcome.PARTLY_ADOPTED,
                "经营者变更已可直接办理，材料精简部分采纳，其余由上级规定。",
            ),
            (
                "免收市场摊位费",
                2,
                FeedbackOutcome.NOT_ADOPTED,
                "摊位费属经营服务性收费，不属于本局职权范围。",
            ),
        ]:
            closed.feedback_entries.add(
                FeedbackEntry(opinion=opinion, opinion_count=count, outcome=outcome, reason=reason)
            )
        publish_with_system_determination(closed.save_revision(), DEMO_DETERMINATION)
    return ConsultationPage.objects.child_of(column).count()
