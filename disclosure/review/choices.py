"""The confidentiality checklist and the determinations of a confidentiality review."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Determination(models.TextChoices):
    """保密审查结论."""

    MAY_DISCLOSE = "may_disclose", _("可以公开")
    PARTIAL = "partial", _("部分公开（经处理后公开）")
    WITHHOLD = "withhold", _("不予公开")


PUBLISHABLE_DETERMINATIONS = (Determination.MAY_DISCLOSE, Determination.PARTIAL)


class DeterminationSource(models.TextChoices):
    """Who recorded a determination: the reviewer in the workflow, or an import / the demo
    (a *system determination*, design.md "Contracts")."""

    REVIEWER = "reviewer", _("保密审查员")
    SYSTEM = "system", _("系统认定（导入、演示数据）")


# The reason recorded with the system determinations of the law-corpus import.
IMPORT_DETERMINATION = _("系统认定：法规库导入（已公开的法律、法规和规章文本）")

# (form field, label): every item must be ticked before a reviewer may let an item go on.
CHECKLIST = [
    ("no_state_secret", _("不涉及国家秘密")),
    ("no_trade_secret", _("不涉及商业秘密")),
    ("personal_information_processed", _("个人信息已处理")),
    ("no_security_stability_risk", _("不危及“三安全一稳定”")),
    ("attribute_and_ground_correct", _("公开属性和依据正确")),
]
CHECKLIST_FIELDS = [name for name, _label in CHECKLIST]

# Workflow actions that conclude a step, to which the four-eyes rule applies.
CONCLUDING_ACTIONS = {"approve", "withhold"}

# Log actions shown in the page history.
LOG_DETERMINATION = "review.determination"
LOG_OVERRIDE = "review.four_eyes_override"
LOG_SUBSTITUTE = "review.substitute_approval"


class ReviewOutcome(models.TextChoices):
    """The outcome of a periodic review of withheld information (条例 第18条)."""

    KEEP = "keep", _("继续不予公开")
    RELEASE = "release", _("可以公开（解除不予公开，按流程发布）")
