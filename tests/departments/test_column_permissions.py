"""Department scoping: a department's editors add and edit pages only in the columns the
department is responsible for (``sync_column_permissions``, run when a column is published)."""

import pytest
from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission, Page
from wagtail.test.utils.form_data import querydict_from_html

from disclosure.columns.models import ColumnPage
from disclosure.departments.models import GROUP_PREFIX, RoleGroup
from disclosure.departments.roles import (
    DEPARTMENT_PAGE_PERMISSIONS,
    DISCLOSURE_OFFICE,
    EDITOR,
    ROLES,
    ensure_roles,
    role_group,
    sync_column_permissions,
)
from disclosure.publishing.models import ArticlePage
from tests.factories import article, column, department, home_page, organisation, user_with_role

pytestmark = pytest.mark.django_db


def edit_url(page):
    return f"/admin/pages/{page.pk}/edit/"


def add_article_url(parent):
    return f"/admin/pages/add/publishing/articlepage/{parent.pk}/"


@pytest.fixture
def setup():
    organisation()
    food, drugs = department("食品科"), department("药品科")
    food_column = column(title="食品安全抽检", slug="food", departments=[food])
    drugs_column = column(title="药品零售许可", slug="drugs", departments=[drugs])
    drugs_item = article(drugs_column, title="药品零售许可公示")
    return {
        "food": food,
        "drugs": drugs,
        "food_column": food_column,
        "drugs_column": drugs_column,
        "drugs_item": drugs_item,
    }


@pytest.fixture
def food_editor(client, setup):
    client.force_login(user_with_role("food-editor", EDITOR, setup["food"]))
    return client


def assert_refused(response):
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert response["Location"] == "/admin/"


def test_department_group_is_managed(setup):
    food = setup["food"]
    assert food.group.name == f"{GROUP_PREFIX}食品科"
    food.name = "食品生产科"
    food.save()
    food.group.refresh_from_db()
    assert food.group.name == f"{GROUP_PREFIX}食品生产科"
    assert Group.objects.filter(name__startswith=GROUP_PREFIX).count() == 2


def test_publishing_a_column_grants_its_department_add_and_change(setup):
    perms = set(
        GroupPagePermission.objects.filter(page=setup["food_column"]).values_list(
            "group__name", "permission__codename"
        )
    )
    assert perms == {
        (f"{GROUP_PREFIX}食品科", codename) for codename in DEPARTMENT_PAGE_PERMISSIONS
    }


def test_editor_can_open_their_columns(food_editor, setup):
    food_column = setup["food_column"]
    assert food_editor.get(edit_url(food_column)).status_code == 200
    assert food_editor.get(add_article_url(food_column)).status_code == 200
    assert food_editor.get(f"/admin/pages/{food_column.pk}/").status_code == 200


def test_editor_can_draft_an_item_in_their_column(food_editor, setup):
    food_column = setup["food_column"]
    response = food_editor.get(add_article_url(food_column))
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    data.setdefault("attachments-count", "0")
    data["title"] = "2024年第一季度食品抽检结果"
    data["slug"] = "sampling-2024-q1"
    data["action-publish"] = "action-publish"  # no publish permission: saved as a draft
    response = food_editor.post(add_article_url(food_column), data)
    assert response.status_code == 302
    page = ArticlePage.objects.get(slug="sampling-2024-q1")
    assert page.get_parent().pk == food_column.pk
    assert not page.live
    assert page.index_number is None


def test_editor_is_refused_other_columns(food_editor, setup):
    drugs_column, drugs_item = setup["drugs_column"], setup["drugs_item"]
    assert_refused(food_editor.get(edit_url(drugs_column)))
    assert_refused(food_editor.get(add_article_url(drugs_column)))
    assert_refused(food_editor.get(edit_url(drugs_item)))

    data = {"title": "被改了", "slug": "drugs", "attachments-count": "0"}
    assert_refused(food_editor.post(edit_url(drugs_column), data))
    assert_refused(food_editor.post(edit_url(drugs_item), {**data, "slug": drugs_item.slug}))
    assert_refused(food_editor.post(add_article_url(drugs_column), {**data, "slug": "intruder"}))

    drugs_column = ColumnPage.objects.get(pk=drugs_column.pk)
    assert drugs_column.title == "药品零售许可"
    assert drugs_column.get_latest_revision().as_object().title == "药品零售许可"
    assert ArticlePage.objects.get(pk=drugs_item.pk).title == "药品零售许可公示"
    assert drugs_item.revisions.count() == 1
    assert not ArticlePage.objects.filter(slug="intruder").exists()


def test_explorer_does_not_show_other_departments_columns(food_editor, setup):
    # With one column, Wagtail starts the editor's explorer at that column.
    response = food_editor.get(f"/admin/pages/{home_page().pk}/")
    assert response.status_code == 302
    assert response["Location"] == f"/admin/pages/{setup['food_column'].pk}/"
    response = food_editor.get(f"/admin/pages/{setup['drugs_column'].pk}/")
    assert response.status_code == 302
    assert response["Location"] == f"/admin/pages/{setup['food_column'].pk}/"

    # With two columns the explorer starts at the home page and lists only the editor's.
    column(title="食品经营许可", slug="food-licences", departments=[setup["food"]])
    response = food_editor.get(f"/admin/pages/{home_page().pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "食品安全抽检" in html
    assert "食品经营许可" in html
    assert "药品零售许可" not in html


def test_changing_departments_moves_the_permission(client, setup):
    food_column, food, drugs = setup["food_column"], setup["food"], setup["drugs"]
    drugs_editor = user_with_role("drugs-editor", EDITOR, drugs)
    client.force_login(drugs_editor)
    assert_refused(client.get(edit_url(food_column)))

    food_column = ColumnPage.objects.get(pk=food_column.pk)
    food_column.departments.set([drugs])
    food_column.save_revision().publish()

    assert client.get(edit_url(food_column)).status_code == 200
    groups = set(
        GroupPagePermission.objects.filter(page=food_column).values_list("group", flat=True)
    )
    assert groups == {drugs.group_id}

    client.force_login(user_with_role("food-editor", EDITOR, food))
    assert_refused(client.get(edit_url(food_column)))


def test_saving_a_draft_of_the_column_does_not_move_the_permission(setup):
    food_column, drugs = setup["food_column"], setup["drugs"]
    food_column.departments.set([drugs])
    food_column.save_revision()
    groups = set(
        GroupPagePermission.objects.filter(page=food_column).values_list("group", flat=True)
    )
    assert groups == {setup["food"].group_id}


def test_a_column_with_two_departments_lets_both_edit(client, setup):
    shared = column(
        title="双随机一公开", slug="random", departments=[setup["food"], setup["drugs"]]
    )
    for username, dept in [("f", setup["food"]), ("d", setup["drugs"])]:
        client.force_login(user_with_role(username, EDITOR, dept))
        assert client.get(edit_url(shared)).status_code == 200
        assert client.get(add_article_url(shared)).status_code == 200


def test_editor_without_department_sees_no_column(client, setup):
    client.force_login(user_with_role("nobody", EDITOR))
    assert_refused(client.get(edit_url(setup["food_column"])))
    assert_refused(client.get(add_article_url(setup["food_column"])))


def test_sync_keeps_other_groups_permissions(setup):
    office = role_group(DISCLOSURE_OFFICE)
    permission = Permission.objects.get(content_type__app_label="wagtailcore", codename="lock_page")
    GroupPagePermission.objects.create(
        group=office, page=setup["food_column"], permission=permission
    )
    sync_column_permissions(setup["food_column"])
    assert GroupPagePermission.objects.filter(group=office, page=setup["food_column"]).exists()


def test_ensure_roles_is_idempotent():
    ensure_roles()
    counts = (
        Group.objects.count(),
        GroupPagePermission.objects.count(),
        role_group(EDITOR).permissions.count(),
    )
    groups = ensure_roles()
    ensure_roles()
    assert (
        Group.objects.count(),
        GroupPagePermission.objects.count(),
        role_group(EDITOR).permissions.count(),
    ) == counts
    assert set(groups) == set(ROLES)
    assert len(ROLES) == 6
    assert set(RoleGroup.objects.values_list("code", flat=True)) == set(ROLES)
    editor_permissions = set(
        role_group(EDITOR).permissions.values_list("content_type__app_label", "codename")
    )
    assert ("wagtailadmin", "access_admin") in editor_permissions
    root = Page.get_first_root_node()
    office_codenames = set(
        GroupPagePermission.objects.filter(
            group__role__code=DISCLOSURE_OFFICE, page=root
        ).values_list("permission__codename", flat=True)
    )
    assert "publish_page" in office_codenames


def test_the_disclosure_office_can_edit_every_column(client, setup):
    client.force_login(user_with_role("office", DISCLOSURE_OFFICE))
    assert client.get(edit_url(setup["food_column"])).status_code == 200
    assert client.get(edit_url(setup["drugs_item"])).status_code == 200


def test_editor_cannot_change_their_columns_departments(food_editor, setup):
    food_column, drugs = setup["food_column"], setup["drugs"]
    response = food_editor.get(edit_url(food_column))
    assert 'name="departments"' not in response.content.decode()
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    data.setlist("departments", [str(drugs.pk)])
    response = food_editor.post(edit_url(food_column), data)
    assert response.status_code == 302
    draft = ColumnPage.objects.get(pk=food_column.pk).get_latest_revision_as_object()
    assert [d.pk for d in draft.departments.all()] == [setup["food"].pk]


def test_the_office_sees_the_departments_field(client, setup):
    client.force_login(user_with_role("office", DISCLOSURE_OFFICE))
    response = client.get(edit_url(setup["food_column"]))
    assert 'name="departments"' in response.content.decode()
