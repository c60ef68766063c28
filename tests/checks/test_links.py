"""The link check: internal links to pages the public cannot open and to missing documents, and
external links checked out of band (``manage.py check_links``) against a local server."""

import io
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.template.loader import render_to_string
from wagtail.documents.models import Document

from disclosure.checks import links
from disclosure.checks.registry import get_check, publication_errors, run_checks
from disclosure.checks.review import findings_context
from disclosure.publishing.rules import registered_rules
from disclosure.publishing.withdrawal import withdraw
from tests.factories import article, column, organisation, superuser

SLOW_SECONDS = 3


class Handler(BaseHTTPRequestHandler):
    def _answer(self, with_body):
        if self.path == "/slow":
            time.sleep(SLOW_SECONDS)
        if self.path == "/get-only" and self.command == "HEAD":
            status = 405
        else:
            status = {"/ok": 200, "/get-only": 200, "/slow": 200}.get(self.path, 404)
        self.send_response(status)
        self.send_header("Content-Length", "2")
        self.end_headers()
        if with_body:
            self.wfile.write(b"ok")

    def do_HEAD(self):  # noqa: N802 - the name http.server calls
        self._answer(with_body=False)

    def do_GET(self):  # noqa: N802
        self._answer(with_body=True)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def col(db):
    organisation()
    return column(title="通知公告", slug="tzgg")


def link_findings(page):
    return run_checks(page, checks=[get_check(links.CHECK_NAME)])


def test_links_are_found_in_rich_text_markdown_and_url_fields():
    text = (
        '<p><a linktype="page" id="7">通知</a> <a linktype="document" id="3">附件</a>'
        ' <a href="https://example.org/a?b=1&amp;c=2">外站</a></p>'
        " [办事指南](/bszn/) 另见 https://example.com/x。"
    )
    found = [(link.page_id, link.document_id, link.url) for link in links.links_in(text)]
    assert found == [
        (7, None, ""),
        (None, 3, ""),
        (None, None, "https://example.org/a?b=1&c=2"),
        (None, None, "/bszn/"),
        (None, None, "https://example.com/x"),
    ]


@pytest.mark.django_db
def test_internal_links_to_unpublished_withdrawn_and_missing_pages_are_flagged(col):
    live = article(col, title="已发布的通知")
    draft = article(col, title="草稿", publish=False)
    withdrawn = article(col, title="已撤回的决定")
    withdraw(withdrawn, user=superuser(), reason="决定已撤销")
    body = (
        f'<p><a linktype="page" id="{live.pk}">有效</a>'
        f'<a linktype="page" id="{draft.pk}">草稿</a>'
        f'<a linktype="page" id="{withdrawn.pk}">撤回</a>'
        '<a linktype="page" id="999999">不存在</a>'
        f'<a href="{live.url}">路径</a><a href="/tzgg/no-such-page/">错误路径</a></p>'
    )
    page = article(col, publish=False, body=body)
    findings = link_findings(page)
    assert [f.kind for f in findings] == [
        links.PAGE_UNPUBLISHED,
        links.PAGE_WITHDRAWN,
        links.PAGE_MISSING,
        links.PAGE_MISSING,
    ]
    assert findings[1].kind_label == "链接的页面已撤回"
    assert all(not f.blocking and f.extra["severity"] == "warning" for f in findings)
    assert publication_errors(page) == {}


@pytest.mark.django_db
def test_a_link_to_a_missing_document_is_flagged(col):
    document = Document.objects.create(title="附件", file=ContentFile(b"x", name="a.txt"))
    body = (
        f'<p><a linktype="document" id="{document.pk}">有</a>'
        '<a linktype="document" id="424242">无</a>'
        '<a href="/documents/424243/b.pdf">无</a></p>'
    )
    page = article(col, publish=False, body=body)
    assert [f.kind for f in link_findings(page)] == [links.DOCUMENT_MISSING] * 2


@pytest.mark.django_db
def test_check_links_probes_external_links_and_the_check_reads_the_cache(col, server):
    urls = [f"{server}/ok", f"{server}/missing", f"{server}/slow", f"{server}/get-only"]
    body = "<p>" + "".join(f'<a href="{url}">链接</a>' for url in urls) + "</p>"
    article(col, title="外部链接", body=body)
    draft = article(col, publish=False, body=body)
    assert link_findings(draft) == []  # nothing checked yet: no network at publish time

    out = io.StringIO()
    call_command("check_links", "--timeout", "0.5", "--workers", "4", stdout=out)
    report = out.getvalue()
    assert "已检查外部链接 4 个：可访问 2 个，无法访问 2 个。" in report
    assert f"无法访问：{server}/missing（HTTP 404），所在页面：《外部链接》" in report
    assert f"无法访问：{server}/slow（连接超时）" in report

    findings = link_findings(draft)
    assert [(f.kind, f.extra["message"]) for f in findings] == [
        (links.EXTERNAL_BROKEN, f"外部链接无法访问：{server}/missing（HTTP 404）"),
        (links.EXTERNAL_BROKEN, f"外部链接无法访问：{server}/slow（连接超时）"),
    ]


def test_the_check_is_a_rule_of_the_publication_gate():
    names = {rule.name for rule in registered_rules()}
    assert {"checks.links", "checks.links.records"} <= names


@pytest.mark.django_db
def test_the_reviewer_sees_a_link_finding_with_its_fix_and_no_claim_that_it_blocks(col):
    draft = article(col, title="草稿", publish=False)
    page = article(col, publish=False, body=f'<p><a linktype="page" id="{draft.pk}">草稿</a></p>')
    html = render_to_string("checks/includes/findings.html", findings_context(page))
    assert "链接的页面未发布" in html
    assert "请删除或更新该链接" in html  # the suggested fix, in the 错敏检测 table
    assert "处理前不能发布" not in html
