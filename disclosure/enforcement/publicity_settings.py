"""The values 总局令第45号 delegates to other authorities, entered by the bureau with their
source document — never invented by the software.

* 第13条第2款 — "前款所称较低数额罚款由省级以上市场监督管理部门结合工作实际规定": the amount up
  to which a fine alone gives the 3-month publicity;
* 第14条第2款 — "前款所称时限要求…由国家市场监督管理总局另行规定": how long a notice must
  have been public before its party may apply for an early end.

Both are entered by party type, as the provincial rules set them: 自然人 and 法人及其他组织.
A 个体工商户 counts as a natural person (民法典 第54条: "自然人从事工商业经营，经依法登记，为
个体工商户"). Until a value is entered, the rule that needs it asks for it
(:mod:`disclosure.enforcement.rules`).
"""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Site

from .choices import PartyType

NATURAL_PERSON_TYPES = {PartyType.NATURAL_PERSON, PartyType.INDIVIDUAL_BUSINESS}


@register_setting(icon="date")
class PenaltyPublicitySettings(BaseSiteSetting):
    """行政处罚公示设置: the delegated thresholds, with their sources, and their history."""

    low_fine_natural_person = models.DecimalField(
        _("较低数额罚款（自然人，元）"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0, message=_("金额不能为负数。"))],
        help_text=_("含个体工商户。仅受通报批评或不超过该数额罚款的，公示三个月。"),
    )
    low_fine_organisation = models.DecimalField(
        _("较低数额罚款（法人及其他组织，元）"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0, message=_("金额不能为负数。"))],
    )
    low_fine_source = models.CharField(
        _("较低数额罚款的规定依据"),
        max_length=255,
        blank=True,
        help_text=_("省级以上市场监督管理部门规定的文件名称和文号（总局令第45号第十三条第二款）。"),
    )
    early_end_months_natural_person = models.PositiveSmallIntegerField(
        _("申请提前停止公示的公示时限（自然人，月）"), null=True, blank=True
    )
    early_end_months_organisation = models.PositiveSmallIntegerField(
        _("申请提前停止公示的公示时限（法人及其他组织，月）"), null=True, blank=True
    )
    early_end_source = models.CharField(
        _("公示时限的规定依据"),
        max_length=255,
        blank=True,
        help_text=_("国家市场监督管理总局规定的文件名称和文号（总局令第45号第十四条第二款）。"),
    )
    history = HistoricalRecords()

    panels = [
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("low_fine_natural_person"), FieldPanel("low_fine_organisation")]
                ),
                FieldPanel("low_fine_source"),
            ],
            heading=_("较低数额罚款（第十三条第二款）"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("early_end_months_natural_person"),
                        FieldPanel("early_end_months_organisation"),
                    ]
                ),
                FieldPanel("early_end_source"),
            ],
            heading=_("提前停止公示的时限要求（第十四条第二款）"),
        ),
    ]

    class Meta:
        verbose_name = _("行政处罚公示设置")

    def clean(self):
        """A value is entered with the document that sets it."""
        super().clean()
        errors = {}
        if (
            self.low_fine_natural_person is not None or self.low_fine_organisation is not None
        ) and not self.low_fine_source.strip():
            errors["low_fine_source"] = _("请填写规定较低数额罚款的文件名称和文号。")
        if (
            self.early_end_months_natural_person is not None
            or self.early_end_months_organisation is not None
        ) and not self.early_end_source.strip():
            errors["early_end_source"] = _("请填写规定公示时限要求的文件名称和文号。")
        if errors:
            raise ValidationError(errors)

    @classmethod
    def current(cls):
        """The settings of the default site (an unsaved, empty one when there is no site)."""
        site = Site.objects.filter(is_default_site=True).first()
        return cls.for_site(site) if site else cls()

    def low_fine_for(self, party_type):
        """第13条第2款 for ``party_type``, or ``None`` when not entered."""
        if party_type in NATURAL_PERSON_TYPES:
            return self.low_fine_natural_person
        return self.low_fine_organisation

    def early_end_months_for(self, party_type):
        """第14条第2款 for ``party_type``, or ``None`` when not entered."""
        if party_type in NATURAL_PERSON_TYPES:
            return self.early_end_months_natural_person
        return self.early_end_months_organisation
