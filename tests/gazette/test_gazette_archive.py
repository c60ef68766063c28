"""The government gazette: an issue number is unique within its year, issues carry their
classified articles, and the archive is browsable by year and searchable."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from disclosure.gazette.models import GazetteArchivePage, GazetteArticle, GazetteIssuePage
from tests.factories import column, organisation, publish


@pytest.fixture
def archive(db):
    organisation()
    parent = column(title="政府公报", slug="gb")
    page = GazetteArchivePage(title="政府公报", slug="gazette", live=False)
    parent.add_child(instance=page)
    return publish(page)


def issue(archive, year, number, articles=(), **fields):
    page = GazetteIssuePage(
        title=f"{year}年第{number}期",
        slug=f"{year}-{number}",
        year=year,
        number=number,
        published_on=dt.date(year, min(number * 3, 12), 1),
        live=False,
        **fields,
    )
    for title, classification, number_text in articles:
        page.articles.add(
            GazetteArticle(title=title, classification=classification, document_number=number_text)
        )
    archive.add_child(instance=page)
    return publish(page)


def test_an_issue_number_is_unique_within_its_year(archive):
    issue(archive, 2025, 1)
    issue(archive, 2024, 1)  # the same number in another year is fine
    duplicate = GazetteIssuePage(title="重复", slug="dup", year=2025, number=1)
    archive.add_child(instance=GazetteIssuePage(title="占位", slug="x", year=2025, number=2))
    duplicate.path, duplicate.depth = "ZZZZ", 9
    with pytest.raises(ValidationError) as error:
        duplicate.full_clean(exclude=["path", "depth"])
    assert "2025 年第 1 期已存在" in error.value.message_dict["number"][0]


def test_a_publication_date_outside_the_year_is_refused(archive):
    page = GazetteIssuePage(
        title="错期", slug="bad", year=2025, number=5, published_on=dt.date(2024, 12, 31)
    )
    page.path, page.depth = "ZZZZ", 9
    with pytest.raises(ValidationError) as error:
        page.full_clean(exclude=["path", "depth"])
    assert "不在 2025 年内" in error.value.message_dict["published_on"][0]


def test_issue_page_lists_articles_by_classification(archive, client):
    page = issue(
        archive,
        2025,
        3,
        articles=[
            (
                "示范市市场监督管理局关于规范网络直播营销活动的通知",
                "department_document",
                "示市监发〔2025〕3号",
            ),
            ("示范市人民政府关于任免工作人员的通知", "personnel", ""),
        ],
    )
    html = client.get(page.url).content.decode()
    assert "部门文件" in html and "人事任免" in html
    assert "示市监发〔2025〕3号" in html


def test_archive_by_year(archive, client):
    issue(archive, 2024, 1)
    issue(archive, 2024, 2)
    issue(archive, 2025, 1)
    html = client.get(archive.url).content.decode()
    assert "2025 年（1 期）" in html and "2024 年（2 期）" in html
    assert "2025年第1期" in html and "2024年第2期" not in html  # the latest year by default
    html = client.get(archive.url, {"year": "2024"}).content.decode()
    assert "2024年第2期" in html and "2025年第1期" not in html.split("<table>", 1)[1]


def test_archive_search_finds_an_issue_by_its_articles(archive, client):
    issue(archive, 2024, 4, articles=[("关于加强电梯安全监管的通知", "department_document", "")])
    issue(archive, 2025, 2, articles=[("关于开展食品抽检的通告", "department_document", "")])
    html = client.get(archive.url, {"q": "电梯安全"}).content.decode()
    results = html.split("检索结果", 1)[1]
    assert "2024年第4期" in results and "2025年第2期" not in results
    html = client.get(archive.url, {"q": "食品抽检", "year": "2024"}).content.decode()
    assert "没有找到相关公报" in html


def test_the_issue_pdf_is_offered(archive, client):
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document

    pdf = Document(title="2025年第6期")
    pdf.file.save("gazette-2025-6.pdf", ContentFile(b"%PDF-1.4 demo"), save=False)
    pdf.save()
    page = issue(archive, 2025, 4, pdf=pdf)
    assert "下载本期 PDF 版" in client.get(page.url).content.decode()
    assert "下载" in client.get(archive.url, {"year": "2025"}).content.decode()


def test_the_admin_refuses_a_number_used_twice_in_a_year(archive, client):
    from django.urls import reverse
    from wagtail.test.utils.form_data import querydict_from_html

    from tests.factories import superuser

    issue(archive, 2025, 1)
    client.force_login(superuser())
    url = reverse("wagtailadmin_pages:add", args=("gazette", "gazetteissuepage", archive.pk))
    data = querydict_from_html(client.get(url).content.decode(), form_id="page-edit-form")
    data.update({"title": "重复的一期", "slug": "dup", "year": "2025", "number": "1"})
    response = client.post(url, data)
    assert response.status_code == 200
    assert "2025 年第 1 期已存在" in response.content.decode()
    assert GazetteIssuePage.objects.filter(year=2025, number=1).count() == 1


def test_the_archive_shows_which_issues_it_lacks(archive, client):
    issue(archive, 2024, 1)
    issue(archive, 2024, 4)
    issue(archive, 2025, 1)
    assert archive.missing_numbers() == {2024: [2, 3]}
    html = client.get(archive.url, {"year": "2024"}).content.decode()
    assert "本年度第 2、3 期暂未收录" in html


def _messages(response):
    return [str(m) for m in response.wsgi_request._messages]


def test_the_admin_refuses_to_copy_an_issue(archive, client):
    """A copy would carry the same year and number: refused with a message, not a 500."""
    from django.urls import reverse

    from tests.factories import superuser

    page = issue(archive, 2025, 1)
    client.force_login(superuser())
    url = reverse("wagtailadmin_pages:copy", args=(page.pk,))
    response = client.get(url)
    assert response.status_code == 302
    assert "2025 年第 1 期的期号" in " ".join(_messages(response))
    for alias in ("", "on"):
        data = {"new_title": "副本", "new_slug": f"copy{alias}", "new_parent_page": archive.pk}
        if alias:
            data["alias"] = alias
        response = client.post(url, data)
        assert response.status_code == 302
        assert "同一年度的公报期号不能重复" in " ".join(_messages(response))
    assert GazetteIssuePage.objects.filter(year=2025, number=1).count() == 1


def test_the_admin_refuses_to_copy_the_archive_with_its_issues(archive, client):
    from django.urls import reverse

    from tests.factories import superuser

    issue(archive, 2025, 1)
    client.force_login(superuser())
    url = reverse("wagtailadmin_pages:copy", args=(archive.pk,))
    data = {
        "new_title": "政府公报副本",
        "new_slug": "gazette-copy",
        "new_parent_page": archive.get_parent().pk,
        "copy_subpages": "on",
    }
    response = client.post(url, data)
    assert response.status_code == 302 and response.url == url
    assert "复制子页面会产生同一年度重复的公报期号" in " ".join(_messages(response))
    assert GazetteIssuePage.objects.count() == 1
    assert not GazetteArchivePage.objects.filter(slug="gazette-copy").exists()
    # Without the subpages the archive itself may be copied.
    del data["copy_subpages"]
    response = client.post(url, data)
    assert response.status_code == 302
    assert GazetteArchivePage.objects.filter(slug="gazette-copy").exists()
    assert GazetteIssuePage.objects.count() == 1


def test_a_reprinted_law_shows_headings_not_markdown_or_comments():
    # Issue #12 item 10: a gazette issue showed 「## 第一章」 and <!-- FORCE BREAK --> as text.
    article = GazetteArticle(
        title="某法", body="## 第一章 总则\n\n<!-- FORCE BREAK -->\n\n第一条 …"
    )
    assert str(article.body_html()) == '<h3>第一章 总则</h3>\n<p id="第一条">第一条 …</p>'
