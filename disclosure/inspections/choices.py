from django.db import models
from django.utils.translation import gettext_lazy as _


class InspectionOutcome(models.TextChoices):
    """Outcomes of a random inspection as the enterprise credit system publishes them."""

    NO_PROBLEM = "no_problem", _("未发现问题")
    CORRECTED = "corrected", _("发现问题已责令改正")
    NOT_DISCLOSED = "not_disclosed", _("未按规定公示应当公示的信息")
    FALSE_INFORMATION = "false_information", _("公示信息隐瞒真实情况、弄虚作假")
    UNREACHABLE = "unreachable", _("通过登记的住所（经营场所）无法联系")
    NOT_COOPERATING = "not_cooperating", _("不配合检查情节严重")
    CLOSED = "closed", _("未发现开展本次抽查涉及的经营活动")
    CASE_FILED = "case_filed", _("发现问题待后续处理（已立案）")


class SamplingKind(models.TextChoices):
    FOOD = "food", _("食品安全抽检")
    PRODUCT = "product", _("产品质量抽检")


class SamplingVerdict(models.TextChoices):
    PASS = "pass", _("合格")
    FAIL = "fail", _("不合格")


class DisposalStatus(models.TextChoices):
    """Handling of a non-conforming product (核查处置)."""

    NOT_APPLICABLE = "", _("—")
    IN_PROGRESS = "in_progress", _("核查处置中")
    DONE = "done", _("已完成核查处置")
