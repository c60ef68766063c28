"""The demo records of the public lists: loaded idempotently, shown on the portal."""

import pytest

from demo.opendata import PAGES, load_public_lists
from disclosure.credit.models import ListEntry
from disclosure.inspections.models import InspectedObject, SamplingResult
from disclosure.licensing.models import LicenceDecision, LicensingItem
from disclosure.opendata.models import DatasetPage
from disclosure.powers.models import PowerItem
from tests.factories import column

pytestmark = pytest.mark.django_db


def counts():
    return [
        model.objects.count()
        for model in (
            PowerItem,
            LicensingItem,
            LicenceDecision,
            InspectedObject,
            SamplingResult,
            ListEntry,
            DatasetPage,
        )
    ]


def test_demo_lists_load_idempotently_and_render(client):
    titles = sorted({title for title, *_rest in PAGES})
    leaf_columns = {title: column(title=title) for title in titles}
    load_public_lists(leaf_columns)
    first = counts()
    assert all(first), first
    assert first[-1] == len(PAGES)
    load_public_lists(leaf_columns)
    assert counts() == first
    assert LicensingItem.objects.get(code="XK-003").missing_guide_elements
    for page in DatasetPage.objects.live():
        response = client.get(page.url)
        assert response.status_code == 200, page.dataset
        assert "<table" in response.content.decode(), page.dataset
        assert client.get(page.url + "json/").json()["count"] > 0, page.dataset
    column_page = leaf_columns["双随机一公开"]
    assert "检查对象名录" in client.get(column_page.url).content.decode()
