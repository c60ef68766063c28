"""Sensitive terms (错敏检测) from the editable list: a severe term blocks publication, the
others are shown."""

import pytest
from django.core.exceptions import ValidationError

from disclosure.checks.models import SensitiveTerm
from disclosure.checks.registry import publication_errors, run_checks
from disclosure.checks.sensitive_terms import SensitiveTermCheck
from disclosure.checks.sources import Source
from disclosure.publishing.models import ArticlePage
from tests.factories import (
    article,
    client_for,
    column,
    department,
    organisation,
    publish_revision,
    superuser,
)

pytestmark = pytest.mark.django_db


def found(text):
    return SensitiveTermCheck().run([Source("body", "正文", text, maskable=True)])


@pytest.fixture
def col():
    organisation()
    return column(title="通知公告", slug="tongzhi", departments=[department("办公室")])


def test_a_secrecy_marking_is_severe_with_position_context_and_suggestion():
    text = "附件：秘密★1年 检查方案"
    [finding] = found(text)
    assert (finding.start, finding.end, finding.text) == (3, 6, "秘密★")
    assert finding.severity == 3 and finding.blocking
    assert finding.suggestion
    assert finding.extra["context"] == ("附件：", "秘密★", "1年 检查方案")


def test_a_term_matches_with_spaces_inside():
    [finding] = found("内部资料  注意保密")
    assert finding.text == "内部资料  注意保密"
    assert finding.severity == 3


def test_a_lesser_term_is_shown_but_does_not_block():
    [finding] = found("对残废军人给予优待。")
    assert finding.severity == 2
    assert not finding.blocking


def test_clean_text_is_not_flagged():
    assert found("依法保障残疾人合法权益，涉及国家秘密的信息不予公开。") == []


def test_a_severe_term_blocks_publishing_an_item(col):
    page = article(col, publish=False, body="<p>秘密★1年</p><p>检查方案如下。</p>")
    errors = publication_errors(page)
    assert "严重敏感词" in errors["body"]
    with pytest.raises(ValidationError) as error:
        publish_revision(page.get_latest_revision())
    assert "严重敏感词" in error.value.message_dict["body"][0]
    page = ArticlePage.objects.get(pk=page.pk)
    assert not page.live


def test_a_lesser_term_does_not_block_publishing(col):
    page = article(col, publish=False, body="<p>不得称“老赖”。</p>")
    assert publication_errors(page) == {}
    assert [f.check for f in run_checks(page)] == ["sensitive_terms"]
    publish_revision(page.get_latest_revision())
    assert ArticlePage.objects.get(pk=page.pk).live


def test_a_term_added_to_the_list_applies_at_once():
    assert found("这是测试禁词。") == []
    SensitiveTerm.objects.create(term="测试禁词", severity=3)
    assert [f.text for f in found("这是测试禁词。")] == ["测试禁词"]
    SensitiveTerm.objects.filter(term="测试禁词").update(enabled=False)
    SensitiveTerm.objects.get(term="测试禁词").save()
    assert found("这是测试禁词。") == []


def test_the_editor_screen_says_a_severe_term_blocks(col):
    page = article(col, publish=False, body="<p>秘密★1年</p>")
    html = client_for(superuser()).get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert "发布前检查：发现 1 处严重问题（如敏感词），删除前不能发布。" in html
    assert "未脱敏的个人信息" not in html


def test_a_severe_term_in_a_public_list_record_refuses_the_save():
    from disclosure.checks.gate_rules import record_rule
    from disclosure.checks.registry import get_check

    class Record:
        class _meta:
            @staticmethod
            def get_field(name):
                return type("Field", (), {"verbose_name": "备注"})

        note = "内部资料注意保密"

    errors = record_rule(get_check("sensitive_terms"))(Record(), ["note"])
    assert "含严重敏感词 1 处" in errors["note"]
    assert record_rule(get_check("wording"))(Record(), ["note"]) == {}
