"""The codes of the annual report (国办公开办函〔2021〕30号, 《政府信息公开工作年度报告格式》)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DecisionKind(models.TextChoices):
    """Table 二, 第二十条第（五）（六）项: the decisions counted by number."""

    LICENCE = "licence", _("行政许可")
    PENALTY = "penalty", _("行政处罚")
    COERCIVE = "coercive", _("行政强制")


class CoerciveMeasure(models.TextChoices):
    """行政强制措施 and 行政强制执行 (行政强制法 第9条、第12条) a market supervision bureau takes."""

    SEAL = "seal", _("查封场所、设施或者财物")
    SEIZE = "seize", _("扣押财物")
    FREEZE = "freeze", _("冻结存款、汇款")
    ENFORCEMENT = "enforcement", _("行政强制执行")
    OTHER = "other", _("其他行政强制措施")


class FormatVersion(models.TextChoices):
    """The format the report follows: the 2021 format (国办公开办函〔2021〕30号) is current."""

    V2021 = "2021", _("2021年格式（国办公开办函〔2021〕30号）")
