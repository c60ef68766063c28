"""Findings marked 已修改 or 忽略 with who and why (issue #17 item 2): a blocking finding is
ignored only by a 保密审查员 (the recorded override), an ignored finding does not come back on the
next scan of the same text, and comes back when the text around it changes."""

import pytest

from disclosure.checks import decisions
from disclosure.checks.models import FindingDecision
from disclosure.checks.registry import publication_errors, run_checks
from tests.checks.test_checks_gate import BODY, ID
from tests.factories import article, client_for

pytestmark = pytest.mark.django_db


def _findings(page):
    return run_checks(page.get_latest_revision_as_object())


def test_only_a_reviewer_overrides_a_blocking_finding_and_it_stays_ignored(site):
    page = article(site["col"], publish=False, body=BODY)
    found = _findings(page)
    assert len(found) == 2 and all(f.fingerprint for f in found)
    with pytest.raises(ValueError, match="保密审查员"):
        decisions.decide(page, found[0], user=site["editor"], decision="ignored", reason="无")
    with pytest.raises(ValueError, match="理由"):
        decisions.decide(page, found[0], user=site["reviewer"], decision="ignored", reason=" ")
    for finding in found:
        decisions.decide(
            page, finding, user=site["reviewer"], decision="ignored", reason="法定公开的当事人信息"
        )
    assert _findings(page) == []
    assert publication_errors(page.get_latest_revision_as_object()) == {}
    record = FindingDecision.objects.first()
    assert ID not in record.shown and record.decided_by == site["reviewer"]  # masked on record
    # The same text saved again: still ignored. Changed around the number: it comes back.
    page.body = BODY
    page.save_revision()
    assert _findings(page) == []
    page.body = BODY.replace("当事人张三，", "当事人李四，")
    page.save_revision()
    assert [f.kind for f in _findings(page)] == ["id_number"]


def test_decisions_from_the_findings_page(site):
    page = article(site["col"], publish=False, body=BODY)
    finding = _findings(page)[0]
    url = f"/admin/checks/page/{page.pk}/"
    editor_page = client_for(site["editor"]).get(url).content.decode()
    assert 'name="fingerprint"' not in editor_page  # blocking: not the editor's to ignore
    reviewer = client_for(site["reviewer"])
    assert 'name="fingerprint"' in reviewer.get(url).content.decode()
    reviewer.post(
        f"{url}decide/",
        {
            "fingerprint": finding.fingerprint,
            "decision": "ignored",
            "reason": "法定代表人姓名须公开",
        },
    )
    html = reviewer.get(url).content.decode()
    assert "法定代表人姓名须公开" in html and "忽略（无需修改）" in html
    response = reviewer.post(
        f"{url}decide/", {"fingerprint": "nope", "decision": "ignored", "reason": "x"}, follow=True
    )
    assert "该检查结果已不存在" in response.content.decode()
