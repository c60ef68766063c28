"""The publication gate as a registry (``disclosure.publishing.rules``): what can refuse a
publish is listed, each rule with its article, and a missing rule stops the start."""

from io import StringIO

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.test import override_settings

from disclosure.publishing import rules


def test_every_required_rule_is_registered_with_an_article():
    registered = {rule.name: rule for rule in rules.registered_rules()}
    assert set(settings.PUBLICATION_GATE_RULES) == set(registered)
    for rule in registered.values():
        assert rule.article.strip(), rule.name
        assert rule.summary, rule.name


def test_rules_run_in_the_order_of_the_setting():
    names = [rule.name for rule in rules.registered_rules(rules.PAGE)]
    listed = [name for name in settings.PUBLICATION_GATE_RULES if name in names]
    assert names == listed
    assert names[-1] == "review.confidentiality_determination"


def test_gate_rules_command_lists_every_rule_with_its_article_and_module():
    out = StringIO()
    call_command("gate_rules", stdout=out)
    text = out.getvalue()
    for rule in rules.registered_rules():
        assert rule.name in text
        assert rule.article in text
        assert rule.module in text
    assert "disclosure.review.gate_rules" in text
    assert "条例 第17条" in text


@override_settings(PUBLICATION_GATE_RULES=[*settings.PUBLICATION_GATE_RULES, "other.missing"])
def test_a_missing_required_rule_is_an_error_at_start_up():
    assert rules.missing_rules() == ["other.missing"]
    with pytest.raises(ImproperlyConfigured, match="other.missing"):
        rules.check_required_rules()
    err = StringIO()
    call_command("gate_rules", stdout=StringIO(), stderr=err)
    assert "other.missing" in err.getvalue()


@pytest.mark.django_db
def test_records_go_through_the_record_rules():
    # The record rules read the editors' term lists (cached for a while): alone, or after the
    # cache expired in a slow run (CI with both suites at once), they need the database.
    class Record:
        note = "联系人手机 13812345678"

        class _meta:
            @staticmethod
            def get_field(name):
                return type("Field", (), {"verbose_name": "备注"})

    errors = rules.record_errors(Record(), ["note"])
    assert list(errors) == ["note"]
    assert "个人信息" in errors["note"][0]
    assert rules.record_errors(Record(), []) == {}
