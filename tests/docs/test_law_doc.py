"""``docs/law.md`` lists every encoded rule with its article and module, and cannot drift from
the code (issue #14, "Done when")."""

import importlib.util
from pathlib import Path

from disclosure.publishing.rules import registered_rules

ROOT = Path(__file__).resolve().parents[2]


def generator():
    spec = importlib.util.spec_from_file_location("law_rules", ROOT / "docs" / "law_rules.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_docs_law_md_is_what_the_code_says():
    expected = generator().render(registered_rules())
    actual = (ROOT / "docs" / "law.md").read_text(encoding="utf-8")
    assert actual == expected, (
        "docs/law.md is stale: run .venv/bin/python docs/law_rules.py > docs/law.md"
    )


def test_every_gate_rule_names_its_article():
    assert all(rule.article.strip() for rule in registered_rules())


def test_the_rule_modules_of_the_issue_are_listed():
    text = (ROOT / "docs" / "law.md").read_text(encoding="utf-8")
    for name in (
        "PROACTIVE_DISCLOSURE_WORKDAYS",  # 条例 第26条
        "publicity_ends_at()",  # 民法典 第203条
        "push_due_on()",  # 总局令第45号 第10条
        "timeliness()",  # 条例 第26条 for every item
    ):
        assert f"`{name}`" in text, name
