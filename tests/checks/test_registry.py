"""The check registry: findings' severity and suggestion, and the context helper."""

from disclosure.checks.registry import Finding, context, registered_checks


def test_a_finding_is_severe_and_without_suggestion_unless_told():
    finding = Finding("c", "k", "K", "body", "正文", 0, 1, "x")
    assert (finding.severity, finding.suggestion, finding.blocking) == (3, "", True)
    assert str(finding.severity_label) == "严重"


def test_context_is_at_most_width_characters_each_side():
    text = "一二三四五六七八九十错误一二三四五六七八九十"
    assert context(text, 10, 12, width=3) == ("…八九十", "错误", "一二三…")
    assert context("错误", 0, 2) == ("", "错误", "")


def test_the_checks_run_personal_data_first_then_the_content_checks():
    names = [check.name for check in registered_checks()]
    assert names[:2] == ["personal_data", "unreadable"]
    assert set(names[2:]) >= {"sensitive_terms", "official_names", "wording", "format"}
