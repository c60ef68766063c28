import pytest
from disclosure.departments.roles import EDITOR
from tests.factories import article, column, department, home_page, organisation, user_with_role

@pytest.mark.django_db
def test_probe(client):
    organisation()
    a, b = department("食品科"), department("药品科")
    ca = column(title="食品栏目", slug="food", departments=[a])
    cb = column(title="药品栏目", slug="drug", departments=[b])
    art_b = article(cb, title="药品信息")
    u = user_with_role("ed", EDITOR, a)
    client.force_login(u)
    for url in [f"/admin/pages/{ca.pk}/edit/", f"/admin/pages/add/publishing/articlepage/{ca.pk}/",
                f"/admin/pages/{cb.pk}/edit/", f"/admin/pages/add/publishing/articlepage/{cb.pk}/",
                f"/admin/pages/{art_b.pk}/edit/",
                f"/admin/pages/{home_page().pk}/", f"/admin/pages/{ca.pk}/", f"/admin/pages/{cb.pk}/", "/admin/pages/", "/admin/"]:
        r = client.get(url)
        html = r.content.decode()
        print(url, r.status_code, r.get("Location"), "食品栏目" in html, "药品栏目" in html)
    r = client.post(f"/admin/pages/{cb.pk}/edit/", {"title": "x"})
    print("post", r.status_code, r.get("Location"))
    r = client.post(f"/admin/pages/add/publishing/articlepage/{cb.pk}/", {"title": "x"})
    print("post add", r.status_code, r.get("Location"))
