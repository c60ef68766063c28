"""Department scoping of page permissions (issue #11 finding 3, and finding 6: reviewers
review). A department's right on a column does not flow into a sub-column another department is
responsible for."""

import pytest

from disclosure.departments.roles import (
    CONFIDENTIALITY_REVIEWER,
    DEPARTMENT_HEAD,
    DISCLOSURE_OFFICE,
    EDITOR,
    FOI_CLERK,
)
from tests.factories import article, column, department, organisation, user_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    organisation()
    dengji, zhifa, office = department("登记注册科"), department("执法支队"), department("办公室")
    parent = column(title="信息公开", slug="xxgk", departments=[dengji, zhifa, office])
    inspections = column(parent, title="监督检查", slug="jdjc", departments=[zhifa])
    services = column(parent, title="办事服务", slug="bsfw", departments=[dengji])
    unassigned = column(parent, title="其他", slug="qt")
    return {
        "dengji": dengji,
        "zhifa": zhifa,
        "office": office,
        "parent": parent,
        "inspection": article(inspections, title="检查结果"),
        "service": article(services, title="办事指南"),
        "other": article(unassigned, title="其他信息"),
    }


def can(user, page):
    tester = page.permissions_for_user(user)
    return {
        "edit": tester.can_edit(),
        "copy": tester.can_copy(),
        "delete": tester.can_delete(),
        "move": tester.can_move(),
        "add": tester.can_add_subpage(),
    }


def test_a_department_does_not_edit_another_departments_column(tree):
    # The issue: dengji_editor saved a revision of a page in 监督检查 and copied it.
    dengji_editor = user_with_role("dengji_editor", EDITOR, department=tree["dengji"])
    assert not any(can(dengji_editor, tree["inspection"]).values())
    assert can(dengji_editor, tree["service"])["edit"]
    zhifa_editor = user_with_role("zhifa_editor", EDITOR, department=tree["zhifa"])
    assert not any(can(zhifa_editor, tree["service"]).values())
    assert can(zhifa_editor, tree["inspection"])["edit"]


def test_a_column_without_departments_follows_the_column_above(tree):
    editor = user_with_role("e", EDITOR, department=tree["dengji"])
    assert can(editor, tree["other"])["edit"]


def test_the_admin_refuses_edit_and_copy_over_http(client, tree):
    client.force_login(user_with_role("dengji_editor", EDITOR, department=tree["dengji"]))
    page = tree["inspection"]
    for url in (f"/admin/pages/{page.pk}/edit/", f"/admin/pages/{page.pk}/copy/"):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert response.status_code == 403 or response.url == "/admin/", url
    response = client.post(f"/admin/pages/{page.pk}/edit/", {"title": "改"})
    assert response.status_code in (302, 403)
    page.refresh_from_db()
    assert page.title == "检查结果" and page.revisions.count() == 1


@pytest.mark.parametrize("role", [CONFIDENTIALITY_REVIEWER, FOI_CLERK])
def test_reviewers_do_not_author_in_their_departments_columns(tree, role):
    # Finding 6: segregation of duties — the 办公室's reviewer and FOI clerk review, not write.
    user = user_with_role("r", role, department=tree["office"])
    assert not any(can(user, tree["other"]).values())


def test_heads_author_and_the_office_keeps_the_whole_tree(tree):
    head = user_with_role("head", DEPARTMENT_HEAD, department=tree["zhifa"])
    assert can(head, tree["inspection"])["edit"]
    office = user_with_role("office", DISCLOSURE_OFFICE)
    assert can(office, tree["service"])["edit"] and can(office, tree["inspection"])["edit"]


def test_withdrawal_records_are_scoped_to_the_users_departments(client, tree):
    # Finding 6: every admin role saw every withdrawal record with its internal reasons.
    from disclosure.publishing.withdrawal import withdraw

    record = withdraw(
        tree["inspection"], user=None, reason="内部理由：执法支队", public_reason=False
    )
    dengji_editor = user_with_role("dengji_editor", EDITOR, department=tree["dengji"])
    zhifa_editor = user_with_role("zhifa_editor", EDITOR, department=tree["zhifa"])
    office = user_with_role("office", DISCLOSURE_OFFICE)
    for user, sees in ((dengji_editor, False), (zhifa_editor, True), (office, True)):
        client.force_login(user)
        listing = client.get("/admin/withdrawals/").content.decode()
        assert ("检查结果" in listing) is sees, user.username
        inspect = client.get(f"/admin/withdrawals/inspect/{record.pk}/")
        assert (inspect.status_code == 200) is sees, user.username
