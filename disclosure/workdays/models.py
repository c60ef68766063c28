"""Manual entries of the working-day calendar.

Statutory deadlines count 工作日 as fixed each year by the 国务院办公厅 notice on the holiday
schedule (放假安排). The ``chinesecalendar`` package carries those notices for the years it
knows; everything else is entered here by an administrator:

* :class:`DayOverride` — one date that is (or is not) a working day, whatever the package says.
* :class:`HolidayYear` — "this year's official schedule has been entered as overrides", which
  silences the Monday–Friday fallback warning for that year.

The rules live in :mod:`disclosure.workdays.calendar`.
"""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class DayOverride(models.Model):
    """A date whose working-day status is fixed by hand; wins over every other source."""

    date = models.DateField(_("日期"), unique=True)
    is_workday = models.BooleanField(
        _("上班"),
        default=False,
        help_text=_("勾选表示当天为工作日（如调休上班）；不勾选表示当天放假。"),
    )
    name = models.CharField(
        _("名称"),
        max_length=50,
        help_text=_("如“春节”“国庆节调休”，用于说明期限计算的依据。"),
    )
    note = models.TextField(_("备注"), blank=True, help_text=_("如国务院办公厅通知的文号。"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("工作日调整")
        verbose_name_plural = _("工作日调整")
        ordering = ["date"]

    def __str__(self):
        kind = _("上班") if self.is_workday else _("放假")
        return f"{self.date.isoformat()} {self.name}（{kind}）"


class HolidayYear(models.Model):
    """A year whose official holiday schedule has been entered as :class:`DayOverride` rows."""

    year = models.PositiveSmallIntegerField(
        _("年份"),
        unique=True,
        help_text=_("表示已按国务院办公厅通知将该年全部放假和调休上班日期录入为工作日调整。"),
    )
    note = models.TextField(_("备注"), blank=True, help_text=_("如通知的名称、文号和发布日期。"))
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("录入人"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("年度节假日安排")
        verbose_name_plural = _("年度节假日安排")
        ordering = ["-year"]

    def __str__(self):
        return _("%(year)s 年节假日安排") % {"year": self.year}

    def clean(self):
        """Every year has official holidays: refuse to mark a year entered with no overrides,
        which would silently turn it into a plain Monday–Friday year."""
        super().clean()
        if (
            self.year
            and not DayOverride.objects.filter(
                date__gte=dt.date(self.year, 1, 1), date__lte=dt.date(self.year, 12, 31)
            ).exists()
        ):
            raise ValidationError(
                {
                    "year": _("请先在“工作日调整”中录入 %(year)s 年的放假和调休上班日期。")
                    % {"year": self.year}
                }
            )
