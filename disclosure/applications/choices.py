"""The categories of 依申请公开, exactly as the annual report counts them (国办公开办函〔2021〕30号,
table 三 of 《政府信息公开工作年度报告》): requester types are its columns, outcomes its rows."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RequesterType(models.TextChoices):
    """Table 三's columns: 自然人, and 法人或其他组织 in five kinds."""

    NATURAL_PERSON = "natural_person", _("自然人")
    COMMERCIAL = "commercial", _("商业企业")
    RESEARCH = "research", _("科研机构")
    PUBLIC_WELFARE = "public_welfare", _("社会公益组织")
    LEGAL_SERVICES = "legal_services", _("法律服务机构")
    OTHER_ORGANISATION = "other_organisation", _("其他")


ORGANISATION_TYPES = [t for t in RequesterType if t != RequesterType.NATURAL_PERSON]


class Channel(models.TextChoices):
    """How the request came in; each has its own received date (条例 第31条)."""

    ONLINE = "online", _("网上申请")
    IN_PERSON = "in_person", _("当面提交")
    POST = "post", _("信函")
    FAX = "fax", _("传真")


class FormWanted(models.TextChoices):
    """第29条: the form in which the information is wanted."""

    PAPER = "paper", _("纸质")
    ELECTRONIC = "electronic", _("电子")
    OTHER = "other", _("其他")


class Delivery(models.TextChoices):
    POST = "post", _("邮寄")
    EMAIL = "email", _("电子邮件")
    COLLECT = "collect", _("自行领取")
    ONLINE = "online", _("网上查看")


class IdentityDocument(models.TextChoices):
    ID_CARD = "id_card", _("居民身份证")
    PASSPORT = "passport", _("护照")
    OTHER = "other", _("其他有效身份证件")
    CREDIT_CODE = "credit_code", _("统一社会信用代码")


class Status(models.TextChoices):
    SUBMITTED = "submitted", _("已提交，待确认收到")
    RECEIVED = "received", _("已收到，办理中")
    CLARIFICATION = "clarification", _("待申请人补正")
    CONSULTING = "consulting", _("征求意见中")
    REASONS = "reasons", _("待申请人说明理由")
    FEE = "fee", _("待申请人缴费")
    REPLY_REVIEW = "reply_review", _("答复待保密审查")
    REPLIED = "replied", _("已答复")
    CLOSED = "closed", _("已终止")


#: The statuses in which the request is being handled and the reply clock runs or waits.
OPEN_STATUSES = (
    Status.RECEIVED,
    Status.CLARIFICATION,
    Status.CONSULTING,
    Status.REASONS,
    Status.FEE,
    Status.REPLY_REVIEW,
)
#: The statuses that conclude a request (its outcome is set).
CONCLUDED_STATUSES = (Status.REPLIED, Status.CLOSED)


class Outcome(models.TextChoices):
    """Table 三, 三、本年度办理结果: every reply is exactly one of these rows (第36–39条)."""

    GRANTED = "granted", _("（一）予以公开")
    PARTIAL = "partial", _("（二）部分公开（区分处理的，只计这一情形，不计其他情形）")
    WITHHELD_STATE_SECRET = "withheld_state_secret", _("（三）不予公开 1.属于国家秘密")
    WITHHELD_BY_LAW = "withheld_by_law", _("（三）不予公开 2.其他法律行政法规禁止公开")
    WITHHELD_SECURITY = "withheld_security", _("（三）不予公开 3.危及“三安全一稳定”")
    WITHHELD_THIRD_PARTY = "withheld_third_party", _("（三）不予公开 4.保护第三方合法权益")
    WITHHELD_INTERNAL = "withheld_internal", _("（三）不予公开 5.属于三类内部事务信息")
    WITHHELD_PROCESS = "withheld_process", _("（三）不予公开 6.属于四类过程性信息")
    WITHHELD_ENFORCEMENT_FILE = "withheld_enforcement_file", _("（三）不予公开 7.属于行政执法案卷")
    WITHHELD_QUERY = "withheld_query", _("（三）不予公开 8.属于行政查询事项")
    UNAVAILABLE_NOT_HELD = "unavailable_not_held", _("（四）无法提供 1.本机关不掌握相关政府信息")
    UNAVAILABLE_NEEDS_CREATION = (
        "unavailable_needs_creation",
        _("（四）无法提供 2.没有现成信息需要另行制作"),
    )
    UNAVAILABLE_UNCLEAR = "unavailable_unclear", _("（四）无法提供 3.补正后申请内容仍不明确")
    NOT_PROCESSED_PETITION = "not_processed_petition", _("（五）不予处理 1.信访举报投诉类申请")
    NOT_PROCESSED_REPEATED = "not_processed_repeated", _("（五）不予处理 2.重复申请")
    NOT_PROCESSED_PUBLICATION = (
        "not_processed_publication",
        _("（五）不予处理 3.要求提供公开出版物"),
    )
    NOT_PROCESSED_UNREASONABLE = (
        "not_processed_unreasonable",
        _("（五）不予处理 4.无正当理由大量反复申请"),
    )
    NOT_PROCESSED_CONFIRM = (
        "not_processed_confirm",
        _("（五）不予处理 5.要求行政机关确认或重新出具已获取信息"),
    )
    OTHER_NO_CLARIFICATION = (
        "other_no_clarification",
        _("（六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    )
    OTHER_FEE_UNPAID = (
        "other_fee_unpaid",
        _(
            "（六）其他处理 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"
        ),
    )
    OTHER = "other", _("（六）其他处理 3.其他")


class ConsultationKind(models.TextChoices):
    THIRD_PARTY = "third_party", _("征求第三方意见（第三十二条）")
    OTHER_AGENCY = "other_agency", _("征求其他机关意见（第三十四条）")


class FeeBasis(models.TextChoices):
    """信息处理费 (条例 第42条; 《政府信息公开信息处理费管理办法》, 国办函〔2020〕109号)."""

    PER_ITEM = "per_item", _("按件计收")
    PER_VOLUME = "per_volume", _("按量计收")


class RemedyKind(models.TextChoices):
    """Table 四 of the annual report (条例 第51条): 行政复议, and 行政诉讼 split by whether a
    reconsideration came first."""

    RECONSIDERATION = "reconsideration", _("行政复议")
    LITIGATION_DIRECT = "litigation_direct", _("行政诉讼（未经复议直接起诉）")
    LITIGATION_AFTER = "litigation_after", _("行政诉讼（复议后起诉）")


class RemedyResult(models.TextChoices):
    """Table 四's results; an empty result is 尚未审结."""

    MAINTAINED = "maintained", _("结果维持")
    CORRECTED = "corrected", _("结果纠正")
    OTHER = "other", _("其他结果")


class FileKind(models.TextChoices):
    SUBMITTED = "submitted", _("申请人提交的材料")
    RELEASED = "released", _("答复提供的政府信息")
