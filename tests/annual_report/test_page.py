"""The report page in the 年报 column: figures counted when a revision is saved, overrides only
with a reason, the 勾稽 checks refusing the publish and shown in the editor, the public page
with the official tables."""

import pytest
from django.core.exceptions import ValidationError

from disclosure.annual_report.models import AnnualReportPage, FigureOverride
from disclosure.publishing.rules import publication_errors
from tests.factories import publish, superuser

pytestmark = pytest.mark.django_db


def report(parent, year=2026, **fields):
    page = AnnualReportPage(
        title=f"示范市市场监督管理局{year}年政府信息公开工作年度报告",
        slug=f"nb{year}",
        year=year,
        live=False,
        overview="<p>本年度，本局认真贯彻落实《中华人民共和国政府信息公开条例》。</p>",
        problems="<p>存在的主要问题：政策解读形式较单一。</p>",
        **fields,
    )
    parent.add_child(instance=page)
    return page


def test_saving_a_revision_counts_the_figures(year_of_records, report_column):
    page = report(report_column)
    page = page.save_revision().as_object()
    assert page.figures["t2.licence.decisions"] == 3
    assert page.figures["t2.fees.amount"] == "1.7346"
    assert page.consistency_errors() == []
    assert page.department.name == "办公室"  # the column's department (责任科室)


def test_an_override_needs_a_reason_and_shows_as_overridden(year_of_records, report_column):
    page = report(report_column)
    with pytest.raises(ValidationError, match="调整数据必须写明理由"):
        FigureOverride(page=page, cell="t2.coercive.decisions", value=5, reason=" ").full_clean()
    with pytest.raises(ValidationError, match="件数必须是整数"):
        FigureOverride(
            page=page, cell="t2.coercive.decisions", value="2.5", reason="x"
        ).full_clean()
    page.overrides.add(
        FigureOverride(cell="t2.coercive.decisions", value=5, reason="补录县局移交的3件扣押决定")
    )
    page.save_revision()
    assert page.figures["t2.coercive.decisions"] == 5
    assert page.computed_figures["t2.coercive.decisions"] == 2
    assert page.overridden_cells() == {"t2.coercive.decisions": 2}


def test_a_broken_figure_is_refused_by_the_publication_gate(year_of_records, report_column):
    page = report(report_column)
    page.overrides.add(FigureOverride(cell="t3.new.natural_person", value=9, reason="人工核对"))
    revision = page.save_revision()
    errors = publication_errors(revision.as_object(), revision)
    assert "年度报告的勾稽关系检查未通过" in str(errors)
    assert "表三“自然人”列" in str(errors)


def test_a_consistent_report_publishes_and_the_next_year_checks_the_carry_over(
    year_of_records, report_column
):
    published = publish(report(report_column, year=2025))
    assert published.live
    page = report(report_column, year=2026)
    page.save_revision()
    assert page.previous_figures()["t3.carried_out.total"] == 1
    assert page.consistency_errors() == []
    page.overrides.add(FigureOverride(cell="t3.carried_in.natural_person", value=0, reason="x"))
    page.overrides.add(FigureOverride(cell="t3.carried_in.total", value=0, reason="x"))
    page.overrides.add(FigureOverride(cell="t3.new.natural_person", value=2, reason="x"))
    page.overrides.add(FigureOverride(cell="t3.new.total", value=5, reason="x"))
    page.save_revision()
    errors = page.consistency_errors()
    assert len(errors) == 2 and all("上年报告的结转下年度继续办理" in e for e in errors)


def test_one_report_per_year(year_of_records, report_column):
    report(report_column, year=2026).save_revision()
    duplicate = AnnualReportPage(title="重复", slug="dup", year=2026)
    with pytest.raises(ValidationError, match="2026 年的年度报告已经存在"):
        duplicate.clean()


def test_the_public_page_shows_the_official_tables(client, year_of_records, report_column):
    page = publish(report(report_column, year=2026))
    html = client.get(page.url).content.decode()
    for label in (
        "一、总体情况",
        "第二十条第（一）项",
        "本年制发件数",
        "行政事业性收费",
        "1.7346",
        "申请人情况",
        "法人或其他组织",
        "三、本年度办理结果",
        "（七）总计",
        "四、结转下年度继续办理",
        "未经复议直接起诉",
        "五、存在的主要问题及改进情况",
        "政策解读形式较单一",
    ):
        assert label in html, label
    assert 'rowspan="22"' in html  # 三、本年度办理结果 spans its 22 rows


def test_the_editor_shows_the_tables_and_the_failed_checks(client, year_of_records, report_column):
    page = report(report_column)
    page.overrides.add(FigureOverride(cell="t4.reconsideration.total", value=7, reason="x"))
    page.save_revision()
    client.force_login(superuser())
    html = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert "勾稽关系检查未通过，不能发布" in html
    assert "表四“行政复议”：总计（7）" in html
    assert "人工调整了 1 项数据" in html


def test_the_office_creates_a_draft_in_the_admin_and_sees_its_figures(
    client, year_of_records, report_column
):
    client.force_login(superuser())
    url = f"/admin/pages/add/annual_report/annualreportpage/{report_column.pk}/"
    form = client.get(url)
    assert form.status_code == 200
    assert "保存草稿后，系统按本年度的记录统计" in form.content.decode()
    data = {
        "title": "2026年政府信息公开工作年度报告",
        "slug": "nb-2026",
        "year": "2026",
        "format_version": "2021",
        "overview": '{"blocks": [], "entityMap": {}}',
        "problems": '{"blocks": [], "entityMap": {}}',
        "other_matters": '{"blocks": [], "entityMap": {}}',
        "attachments-count": "0",
        "overrides-TOTAL_FORMS": "1",
        "overrides-INITIAL_FORMS": "0",
        "overrides-MIN_NUM_FORMS": "0",
        "overrides-MAX_NUM_FORMS": "1000",
        "overrides-0-cell": "t2.coercive.decisions",
        "overrides-0-value": "4",
        "overrides-0-reason": "",
        "overrides-0-ORDER": "1",
        "disclosure_attribute": "proactive",
        "validity": "in_force",
    }
    refused = client.post(url, data)
    assert refused.status_code == 200 and "调整数据必须写明理由" in refused.content.decode()
    data["overrides-0-reason"] = "县局移交2件"
    created = client.post(url, data)
    assert created.status_code == 302, created.content.decode()[:2000]
    page = AnnualReportPage.objects.get(year=2026)
    draft = page.get_latest_revision_as_object()
    assert draft.figures["t2.coercive.decisions"] == 4
    assert draft.overrides.get().reason == "县局移交2件"
