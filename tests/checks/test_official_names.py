"""Official names (错敏检测): wrong or outdated body and place names are flagged with the
correct one; a leader's name next to an outdated title is flagged with the current title."""

import pytest

from disclosure.checks.models import OfficialName
from disclosure.checks.official_names import OfficialNameCheck
from disclosure.checks.sources import Source

pytestmark = pytest.mark.django_db


def found(text):
    return OfficialNameCheck().run([Source("body", "正文", text, maskable=True)])


def test_an_outdated_body_name_is_flagged_with_the_correct_one():
    text = "经示范市工商行政管理局核准登记。"
    [finding] = found(text)
    assert (finding.start, finding.end) == (1, 11)
    assert finding.text == "示范市工商行政管理局"
    assert finding.suggestion == "示范市市场监督管理局"
    assert finding.severity == 2 and not finding.blocking
    assert finding.extra["context"] == ("经", "示范市工商行政管理局", "核准登记。")


@pytest.mark.parametrize(
    "wrong, right",
    [
        ("示范市食品药品监督管理局", "示范市市场监督管理局"),
        ("示范市质量技术监督局", "示范市市场监督管理局"),
        ("县工商局", "市场监督管理局"),
        ("国家工商行政管理总局", "国家市场监督管理总局"),
        ("东城县", "示范市东城区"),
    ],
)
def test_wrong_names_are_flagged(wrong, right):
    [finding] = found(f"根据{wrong}的意见。")
    assert (finding.text.endswith(wrong[-3:]), finding.suggestion) == (True, right)


@pytest.mark.parametrize(
    "text",
    [
        "示范市市场监督管理局、市市场监管局、国家市场监督管理总局。",
        "原示范市工商行政管理局的职责划入示范市市场监督管理局。",
        "示范市东城区市场监督管理局。",
    ],
)
def test_correct_short_and_former_names_are_not_flagged(text):
    assert found(text) == []


@pytest.mark.parametrize(
    "text, title, current",
    [
        ("副局长张示范出席会议。", "副局长", "局长"),
        ("张示范同志（代局长）出席会议。", "代局长", "局长"),
        ("局长李公开主持会议。", "局长", "副局长"),
    ],
)
def test_an_outdated_leader_title_is_flagged(text, title, current):
    [finding] = found(text)
    assert finding.kind == "outdated_title"
    assert (finding.text, finding.suggestion) == (title, current)
    assert text[finding.start : finding.end] == title


def test_current_titles_are_not_flagged():
    assert found("局长张示范出席，副局长李公开主持，党组成员、副局长王规范讲话。") == []


def test_a_name_added_in_the_registry_applies_at_once():
    OfficialName.objects.create(
        kind=OfficialName.Kind.BODY, name="示范市数据局", wrong_names="示范市大数据局"
    )
    assert [f.suggestion for f in found("示范市大数据局。")] == ["示范市数据局"]
