"""Every admin screen of the list records renders: listing, add, edit, inspect with history,
and the listing's CSV export."""

import pytest

from tests import records
from tests.factories import superuser

pytestmark = pytest.mark.django_db

SCREENS = [
    ("licensing_items", records.licensing_item),
    ("licence_decisions", records.licence_decision),
    ("inspection_items", records.inspection_item),
    ("inspection_tasks", lambda: records.inspected_object().task),
    ("inspected_objects", records.inspected_object),
    ("sampling_results", records.sampling_result),
    ("credit_list_entries", records.list_entry),
    ("power_items", records.power_item),
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
