import datetime as dt

import pytest
from django.utils import timezone

from disclosure.workdays import admin_views
from disclosure.workdays.models import DayOverride, HolidayYear

pytestmark = pytest.mark.django_db

INDEX_URL = "/admin/workdays/dayoverride/"
WARNING = "以下年份的节假日安排尚未录入：2027 年"


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("admin", "admin@example.com", "pw")
    client.force_login(user)
    client.user = user
    return client


@pytest.fixture(autouse=True)
def mid_2026(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: dt.date(2026, 6, 1))


def test_uncovered_years():
    assert admin_views.uncovered_years(dt.date(2026, 6, 1)) == [2027]
    assert admin_views.uncovered_years(dt.date(2025, 6, 1)) == []
    assert admin_views.uncovered_years(dt.date(2028, 6, 1)) == [2028, 2029]


def test_index_lists_overrides_and_warns_about_uncovered_years(admin_client):
    DayOverride.objects.create(date=dt.date(2027, 2, 6), is_workday=True, name="春节调休")
    response = admin_client.get(INDEX_URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "春节调休" in html and "周六" in html
    assert WARNING in html

    assert admin_client.get(INDEX_URL, {"is_workday__exact": "0"}).status_code == 200
    assert "春节调休" in admin_client.get(INDEX_URL, {"q": "调休"}).content.decode()


def test_no_warning_once_the_year_is_entered(admin_client):
    DayOverride.objects.create(date=dt.date(2027, 1, 1), is_workday=False, name="元旦")
    HolidayYear.objects.create(year=2027)
    assert WARNING not in admin_client.get(INDEX_URL).content.decode()
    assert WARNING not in admin_client.get("/admin/").content.decode()


def test_dashboard_panel(admin_client):
    response = admin_client.get("/admin/")
    assert response.status_code == 200
    assert WARNING in response.content.decode()


def test_holiday_year_create_sets_entered_by(admin_client):
    url = "/admin/workdays/holidayyear/create/"
    response = admin_client.post(url, {"year": "2027", "note": ""})
    assert response.status_code == 200  # no overrides for 2027 yet
    assert "请先在" in response.content.decode()

    DayOverride.objects.create(date=dt.date(2027, 1, 1), is_workday=False, name="元旦")
    response = admin_client.post(url, {"year": "2027", "note": "国办发明电"})
    assert response.status_code == 302
    assert HolidayYear.objects.get(year=2027).entered_by == admin_client.user
    assert admin_client.get("/admin/workdays/holidayyear/").status_code == 200


def test_override_create_and_edit(admin_client):
    response = admin_client.post(
        "/admin/workdays/dayoverride/create/",
        {"date": "2027-02-06", "is_workday": "on", "name": "春节调休", "note": ""},
    )
    assert response.status_code == 302
    override = DayOverride.objects.get(date=dt.date(2027, 2, 6))
    assert override.is_workday
    assert override.history.first().history_user == admin_client.user
