"""The page types offered below a column (issue #12 item 13): editors are offered the column's
item types, structural pages are for those who set up columns."""

import re

import pytest
from django.contrib.contenttypes.models import ContentType

from disclosure.departments.roles import DISCLOSURE_OFFICE, EDITOR
from disclosure.enforcement.models import PenaltyNoticePage
from tests.factories import client_for, column, department, organisation, user_with_role

pytestmark = pytest.mark.django_db

ITEM_TYPES = {
    "信息（文章）",
    "规章和规范性文件",
    "政策文件",
    "政策解读",
    "行政处罚信息公示",
    "政府信息公开工作年度报告",
    "重大决策预公开",
    "回应关切",
}
STRUCTURAL = {"栏目", "政府信息公开指南"}


@pytest.fixture
def site():
    organisation()
    dept = department("执法支队")
    col = column(title="行政处罚", slug="chufa", departments=[dept])
    return {
        "col": col,
        "editor": user_with_role("zhifa_editor", EDITOR, dept),
        "office": user_with_role("office", DISCLOSURE_OFFICE),
    }


def offered(user, col):
    response = client_for(user).get(f"/admin/pages/{col.pk}/add_subpage/")
    assert response.status_code == 200
    html = response.content.decode()
    return {
        re.sub(r"\s+", "", name)
        for name in re.findall(
            r'href="/admin/pages/add/[^"]+">.*?<div class="w-ml-2">\s*([^<]+?)\s*<', html, re.S
        )
    }


def test_an_editor_is_offered_the_item_types_only(site):
    assert offered(site["editor"], site["col"]) == ITEM_TYPES


def test_the_office_is_also_offered_structural_pages(site):
    names = offered(site["office"], site["col"])
    assert STRUCTURAL | ITEM_TYPES <= names and len(names) > len(ITEM_TYPES) + 2


def test_an_editor_cannot_create_a_structural_page_by_url(site):
    response = client_for(site["editor"]).get(
        f"/admin/pages/add/columns/columnpage/{site['col'].pk}/"
    )
    assert response.status_code == 403
    assert "只有政务公开办公室和系统管理员可以创建" in response.content.decode()


def test_a_column_offers_the_item_types_it_lists(site):
    col = site["col"]
    col.item_types.set([ContentType.objects.get_for_model(PenaltyNoticePage)])
    col.save()
    assert offered(site["editor"], col) == {"行政处罚信息公示"}
    other = client_for(site["editor"]).get(f"/admin/pages/add/publishing/articlepage/{col.pk}/")
    assert other.status_code in (302, 403)
