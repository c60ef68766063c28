"""The site-wide scan (issue #17 item 3): every published item through every check, counts by
kind, department and column, the trend, the CSV export, and the daily scan of new items."""

import io

import pytest
from django.core.management import call_command

from disclosure.checks import site_scan
from disclosure.checks.models import ScanRun
from tests.checks.test_checks_gate import BODY, ID
from tests.factories import article, client_for

pytestmark = pytest.mark.django_db


def _published_with_personal_data(site, title):
    page = article(site["col"], publish=False, body=BODY, title=title)
    # Published before the checks existed (history): the scan must find it.
    revision = page.get_latest_revision()
    page.live = True
    page.has_unpublished_changes = False
    page.live_revision = revision
    page.first_published_at = page.last_published_at = revision.created_at
    page.save()
    return page


def test_a_full_scan_counts_by_kind_department_and_column(site, tmp_path):
    _published_with_personal_data(site, "旧处罚决定")
    article(site["col"], body="<p>无个人信息。</p>", title="干净的信息")
    out = io.StringIO()
    call_command("scan_site", "--csv", str(tmp_path / "report.csv"), stdout=out, verbosity=0)
    run = ScanRun.objects.get()
    assert run.items_scanned == 2 and run.findings.count() == 2
    counts = site_scan.summary(run)
    assert counts["department"]["执法支队"] == 2 and counts["column"]["行政处罚"] == 2
    assert "检查 2 条信息，发现 2 个问题" in out.getvalue()
    text = (tmp_path / "report.csv").read_text(encoding="utf-8-sig")
    assert "旧处罚决定" in text and ID not in text and "5202**********" in text


def test_the_daily_scan_reads_new_items_only(site):
    _published_with_personal_data(site, "旧处罚决定")
    site_scan.scan()
    article(site["col"], body="<p>新信息。</p>", title="新信息")
    run = site_scan.scan(site_scan.NEW)
    assert run.items_scanned == 1 and run.findings.count() == 0
    assert [n for _run, n in site_scan.trend()] == [2, 0]


def test_the_report_page_and_export(site):
    office = client_for(site["office"])
    assert "还没有全站检查的结果" in office.get("/admin/checks/site-scan/").content.decode()
    _published_with_personal_data(site, "旧处罚决定")
    site_scan.scan()
    html = office.get("/admin/checks/site-scan/").content.decode()
    assert "旧处罚决定" in html and "按责任科室" in html
    export = office.get("/admin/checks/site-scan/?format=csv")
    assert export["Content-Type"].startswith("text/csv")
    assert client_for(site["editor"]).get("/admin/checks/site-scan/").status_code in (302, 403)
