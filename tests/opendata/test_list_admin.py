"""Every admin screen of the list records renders: listing, add, edit, inspect with history,
and the listing's CSV export."""

import pytest

from tests.factories import superuser
from tests.records import (
    inspected_object,
    inspection_item,
    licence_decision,
    licensing_item,
    list_entry,
    power_item,
    sampling_result,
)

pytestmark = pytest.mark.django_db

SCREENS = [
    ("licensing_items", licensing_item),
    ("licence_decisions", licence_decision),
    ("inspection_items", inspection_item),
    ("inspection_tasks", lambda: inspected_object().task),
    ("inspected_objects", inspected_object),
    ("sampling_results", sampling_result),
    ("credit_list_entries", list_entry),
    ("power_items", power_item),
]


@pytest.mark.parametrize("prefix, build", SCREENS, ids=[prefix for prefix, _b in SCREENS])
def test_admin_screens_render(client, prefix, build):
    obj = build()
    client.force_login(superuser())
    for url in (
        f"/admin/{prefix}/",
        f"/admin/{prefix}/new/",
        f"/admin/{prefix}/edit/{obj.pk}/",
        f"/admin/{prefix}/inspect/{obj.pk}/",
        f"/admin/{prefix}/?export=csv",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
    inspect = client.get(f"/admin/{prefix}/inspect/{obj.pk}/").content.decode()
    assert "变更历史" in inspect and "新增" in inspect


def test_reports_render(client):
    client.force_login(superuser())
    for url in (
        "/admin/licensing/guide-report/",
        "/admin/inspections/results/overdue/",
        "/admin/inspections/sampling/summary/",
        "/admin/inspections/sampling/import/",
    ):
        assert client.get(url).status_code == 200, url
