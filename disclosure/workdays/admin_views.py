"""Wagtail admin (wagtail-modeladmin) for the working-day calendar; registered in
:mod:`disclosure.workdays.wagtail_hooks`."""

from django.contrib import messages
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.ui.components import Component
from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup
from wagtail_modeladmin.views import CreateView, IndexView

from . import calendar
from .models import DayOverride, HolidayYear

#: The admin warns about the current year and this many following years.
WARN_YEARS_AHEAD = 1

WEEKDAYS = [
    gettext_lazy("周一"),
    gettext_lazy("周二"),
    gettext_lazy("周三"),
    gettext_lazy("周四"),
    gettext_lazy("周五"),
    gettext_lazy("周六"),
    gettext_lazy("周日"),
]


def uncovered_years(today=None) -> list[int]:
    """The years from this one to ``WARN_YEARS_AHEAD`` ahead that are estimated from the law."""
    year = (today or timezone.localdate()).year
    return calendar.fallback_years(year, year + WARN_YEARS_AHEAD)


def uncovered_years_message(years) -> str:
    return _(
        "以下年份的节假日安排尚未录入：%(years)s。这些年份的法定期限暂按《全国年节及纪念日放假办法》"
        "规定的节日和补假预计（不含调休），显示为“预计”。请按国务院办公厅当年的放假通知录入放假和调休上班日期，"
        "再在“年度节假日安排”中登记该年份。"
    ) % {"years": "、".join(_("%(year)s 年") % {"year": year} for year in years)}


def can_edit_calendar(user) -> bool:
    return user.has_perm("workdays.add_dayoverride")


class DayOverrideIndexView(IndexView):
    def get_context_data(self, **kwargs):
        years = uncovered_years()
        if years:
            messages.warning(self.request, uncovered_years_message(years))
        return super().get_context_data(**kwargs)


class HolidayYearCreateView(CreateView):
    def form_valid(self, form):
        form.instance.entered_by = self.request.user
        return super().form_valid(form)


class DayOverrideAdmin(ModelAdmin):
    model = DayOverride
    menu_label = gettext_lazy("工作日调整")
    menu_icon = "date"
    list_display = ("date", "weekday", "kind", "name", "note")
    list_filter = ("is_workday",)
    search_fields = ("name", "note")
    list_per_page = 100
    index_view_class = DayOverrideIndexView

    @staticmethod
    def weekday(obj):
        return WEEKDAYS[obj.date.weekday()]

    weekday.short_description = gettext_lazy("星期")

    @staticmethod
    def kind(obj):
        return _("上班") if obj.is_workday else _("放假")

    kind.short_description = gettext_lazy("上班/放假")


class HolidayYearAdmin(ModelAdmin):
    model = HolidayYear
    menu_label = gettext_lazy("年度节假日安排")
    menu_icon = "calendar-check"
    list_display = ("year", "note", "entered_by", "updated_at")
    search_fields = ("note",)
    create_view_class = HolidayYearCreateView


class WorkdaysAdminGroup(ModelAdminGroup):
    menu_label = gettext_lazy("工作日历")
    menu_icon = "date"
    menu_order = 700
    items = (DayOverrideAdmin, HolidayYearAdmin)


class UncoveredYearsPanel(Component):
    """Dashboard warning: years whose holiday schedule has not been entered."""

    name = "workdays_uncovered_years"
    template_name = "workdays/uncovered_years_panel.html"
    order = 50

    def __init__(self, years):
        self.years = years

    def get_context_data(self, parent_context):
        return {
            "message": uncovered_years_message(self.years),
            "index_url": reverse("workdays_dayoverride_modeladmin_index"),
        }


def construct_homepage_panels(request, panels):
    if not can_edit_calendar(request.user):
        return
    years = uncovered_years()
    if years:
        panels.append(UncoveredYearsPanel(years))
