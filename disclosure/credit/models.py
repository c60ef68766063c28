"""The business-abnormal list (经营异常名录) and the serious-violation list (严重违法失信名单).

企业信息公示暂行条例 第17条 puts an enterprise on the abnormal list and publishes it; an
enterprise that has been on it for three years without correcting goes onto the
serious-violation list; both lists are published (domain.md, "Enforcement disclosure").
An entry is never deleted: removal (移出) records its reason, date, deciding body and
decision number on the same row, and the history keeps every change.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from disclosure.departments.models import Department
from disclosure.organisation.credit_code import validate_credit_code
from disclosure.publishing.rules import check_record

#: Years on the abnormal list after which an uncorrected enterprise moves to the
#: serious-violation list (企业信息公示暂行条例 第17条第2款).
ABNORMAL_YEARS_TO_SERIOUS = 3


class ListKind(models.TextChoices):
    ABNORMAL = "abnormal", _("经营异常名录")
    SERIOUS = "serious", _("严重违法失信名单")


class ListEntryQuerySet(models.QuerySet):
    def current(self):
        return self.filter(removed_on__isnull=True)

    def of_party(self, credit_code):
        """The entries of the party with ``credit_code`` (none for a blank code: a natural
        person is on neither list, which are lists of market entities)."""
        code = (credit_code or "").strip().upper()
        return self.filter(credit_code=code) if code else self.none()

    def removed(self):
        return self.filter(removed_on__isnull=False)


class ListEntry(models.Model):
    kind = models.CharField(_("名单类别"), max_length=20, choices=ListKind.choices)
    party_name = models.CharField(_("企业名称"), max_length=200)
    credit_code = models.CharField(
        _("统一社会信用代码"), max_length=18, validators=[validate_credit_code]
    )
    legal_representative = models.CharField(_("法定代表人（负责人）"), max_length=100, blank=True)
    entry_reason = models.TextField(_("列入原因"))
    entry_on = models.DateField(_("列入日期"))
    entry_authority = models.CharField(_("列入决定机关"), max_length=200)
    entry_document_number = models.CharField(_("列入决定书文号"), max_length=100, blank=True)
    removal_reason = models.TextField(_("移出原因"), blank=True)
    removed_on = models.DateField(_("移出日期"), null=True, blank=True)
    removal_authority = models.CharField(_("移出决定机关"), max_length=200, blank=True)
    removal_document_number = models.CharField(_("移出决定书文号"), max_length=100, blank=True)
    department = models.ForeignKey(
        Department,
        verbose_name=_("承办科室"),
        on_delete=models.PROTECT,
        related_name="credit_list_entries",
    )
    history = HistoricalRecords()

    objects = ListEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("名单记录")
        verbose_name_plural = _("经营异常名录和严重违法失信名单")
        ordering = ["-entry_on", "-pk"]

    def __str__(self):
        return f"{self.get_kind_display()}：{self.party_name}"

    @property
    def is_current(self):
        return self.removed_on is None

    def status_display(self):
        return _("已移出") if self.removed_on else _("在列")

    status_display.short_description = _("状态")

    def due_for_serious_list(self, today=None):
        """An abnormal-list entry not removed after three years (第17条第2款)."""
        if self.kind != ListKind.ABNORMAL or self.removed_on:
            return False
        today = today or timezone.localdate()
        try:
            anniversary = self.entry_on.replace(year=self.entry_on.year + ABNORMAL_YEARS_TO_SERIOUS)
        except ValueError:  # 29 February
            anniversary = dt.date(self.entry_on.year + ABNORMAL_YEARS_TO_SERIOUS, 3, 1)
        return today >= anniversary

    def clean(self):
        errors = {}
        today = timezone.localdate()
        if self.credit_code:
            self.credit_code = self.credit_code.strip().upper()
        if self.entry_on and self.entry_on > today:
            errors["entry_on"] = _("列入日期不能晚于今天。")
        removal = {
            "removal_reason": self.removal_reason.strip(),
            "removed_on": self.removed_on,
            "removal_authority": self.removal_authority.strip(),
        }
        if any(removal.values()):
            labels = {
                "removal_reason": _("移出原因"),
                "removed_on": _("移出日期"),
                "removal_authority": _("移出决定机关"),
            }
            for name, value in removal.items():
                if not value:
                    errors[name] = _("移出时须填写%(field)s。") % {"field": labels[name]}
        if self.removed_on and self.entry_on and self.removed_on < self.entry_on:
            errors["removed_on"] = _("移出日期不能早于列入日期。")
        if self.removed_on and self.removed_on > today:
            errors["removed_on"] = _("移出日期不能晚于今天。")
        if errors:
            raise ValidationError(errors)
        check_record(self, ["entry_reason", "removal_reason"])

    def remove(self, *, reason, removed_on, authority, document_number="", user=None):
        """Record the removal (移出) on this entry; the entry stays in the public record."""
        self.removal_reason = reason
        self.removed_on = removed_on
        self.removal_authority = authority
        self.removal_document_number = document_number
        self.full_clean()
        self._change_reason = str(_("移出名单"))
        if user is not None:
            self._history_user = user
        self.save()
