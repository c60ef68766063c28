"""Disclosure attribute, withholding grounds and validity (条例 第13–16条; ``glossary.md``)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DisclosureAttribute(models.TextChoices):
    """公开属性, fixed at the source (公开属性源头认定, 条例 第13条). Only proactive items go live."""

    PROACTIVE = "proactive", _("主动公开")
    ON_REQUEST = "on_request", _("依申请公开")
    WITHHELD = "withheld", _("不予公开")


class WithholdingGround(models.TextChoices):
    """不予公开依据: the legal ground of 条例 第14–16条."""

    STATE_SECRET = "state_secret", _("属于国家秘密（第十四条）")
    PROHIBITED_BY_LAW = "prohibited_by_law", _("法律、行政法规禁止公开（第十四条）")
    THREE_SECURITIES_ONE_STABILITY = (
        "three_securities_one_stability",
        _("公开后可能危及国家安全、公共安全、经济安全、社会稳定（第十四条）"),
    )
    THIRD_PARTY_RIGHTS = (
        "third_party_rights",
        _("涉及商业秘密、个人隐私等第三方合法权益（第十五条）"),
    )
    INTERNAL_AFFAIRS = "internal_affairs", _("内部事务信息（第十六条第一款）")
    PROCESS_INFORMATION = "process_information", _("过程性信息（第十六条第二款）")
    ENFORCEMENT_FILE = "enforcement_file", _("行政执法案卷信息（第十六条第二款）")


class Validity(models.TextChoices):
    """有效性. The older version of a revised document is ``amended`` (已修改)."""

    IN_FORCE = "in_force", _("有效")
    NOT_YET_IN_FORCE = "not_yet_in_force", _("尚未生效")
    AMENDED = "amended", _("已修改")
    EXPIRED = "expired", _("失效")
    REPEALED = "repealed", _("废止")
