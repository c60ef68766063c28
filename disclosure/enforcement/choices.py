"""Penalty kinds (行政处罚法 第9条, as the market-supervision bureaus list them) and the other
codes of penalty notices (总局令第45号)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PenaltyKind(models.TextChoices):
    WARNING = "warning", _("警告")
    CIRCULATED_CRITICISM = "circulated_criticism", _("通报批评")
    FINE = "fine", _("罚款")
    CONFISCATION = "confiscation", _("没收违法所得、没收非法财物")
    LICENCE_SUSPENSION = "licence_suspension", _("暂扣许可证件")
    QUALIFICATION_DOWNGRADE = "qualification_downgrade", _("降低资质等级")
    LICENCE_REVOCATION = "licence_revocation", _("吊销许可证件")
    BUSINESS_LICENCE_REVOCATION = "business_licence_revocation", _("吊销营业执照")
    BUSINESS_RESTRICTION = "business_restriction", _("限制开展生产经营活动")
    SUSPENSION_ORDER = "suspension_order", _("责令停产停业")
    CLOSURE_ORDER = "closure_order", _("责令关闭")
    EMPLOYMENT_BAN = "employment_ban", _("限制从业")
    OTHER = "other", _("其他")


class PartyType(models.TextChoices):
    ORGANISATION = "organisation", _("法人或其他组织")
    INDIVIDUAL_BUSINESS = "individual_business", _("个体工商户")
    NATURAL_PERSON = "natural_person", _("自然人")


class Procedure(models.TextChoices):
    """行政处罚法 第五章: the procedure a decision was made under; 总局令第45号 第2条 publishes
    only decisions under the ordinary procedure."""

    ORDINARY = "ordinary", _("普通程序")
    SIMPLIFIED = "simplified", _("简易程序")


class PublicityPeriod(models.TextChoices):
    """公示期 (总局令第45号 第13条)."""

    THREE_MONTHS = "three_months", _("三个月（仅通报批评或较低数额罚款）")
    THREE_YEARS = "three_years", _("三年")
    BAN_PERIOD = "ban_period", _("按实际限制期限（超过三年）")


class DecisionChangeKind(models.TextChoices):
    """Why a published decision is withdrawn (总局令第45号 第11条)."""

    CHANGED = "changed", _("依法变更")
    REVOKED = "revoked", _("依法撤销")
    UNLAWFUL = "unlawful", _("确认违法")
    VOID = "void", _("确认无效")


class RequestStatus(models.TextChoices):
    PENDING = "pending", _("待处理")
    ACCEPTED = "accepted", _("已同意")
    REJECTED = "rejected", _("不予同意")
