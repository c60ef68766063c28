"""A query that ends in the name of a kind of norm asks for a norm of that kind
(search.analysis.kind_of, search.service.OTHER_KIND_PENALTY): at 103k documents a bureau's
notices on handling complaints, each holding every word of …投诉举报处理办法, buried the 办法."""

import pytest

from search import analysis, service
from tests.factories import column, normative_document, organisation, other_laws, publish

pytestmark = pytest.mark.django_db

MEASURES = "市场监督管理投诉举报处理暂行办法"


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        (MEASURES, "办法"),
        ("示范市消费投诉举报处理管理办法（示市监规〔2025〕63号）", "办法"),
        (
            "关于征求《投诉举报处理管理办法（征求意见稿）》意见的公告（示市监公告〔2025〕371号）",
            "公告",
        ),
        ("中华人民共和国食品安全法实施条例", "条例"),
        ("价格违法行为行政处罚规定（2010年修订）", "规定"),
        ("上海 预付卡", ""),
    ],
)
def test_the_kind_a_title_names_at_its_end(title, kind):
    assert analysis.kind_of(title) == kind


@pytest.fixture
def measures_and_notices(db):
    organisation()
    parent = column(title="法律法规", slug="laws")
    # Its text says 市场监督管理部门: only its title is near the query (the title channel).
    body = "第一条 为了规范市场监督管理部门处理投诉举报工作，制定本办法。"
    publish(normative_document(parent, MEASURES, "measures", body, "部门规章"))
    for number in range(1, 4):
        publish(
            normative_document(
                parent,
                f"市场监督管理局关于2024年第{number}期投诉举报处理结果的公告",
                f"notice-{number}",
                "本局依照有关办法处理投诉举报，现将处理结果公告如下。",
                "公告",
            )
        )
    other_laws(parent)


def test_a_query_naming_a_kind_of_norm_finds_that_norm_before_notices(measures_and_notices):
    results = service.search("市场监督管理局投诉举报处理办法").results
    assert results[0].title == MEASURES


def test_a_query_naming_no_kind_keeps_its_order(measures_and_notices):
    results = service.search("市场监督管理局投诉举报处理").results
    assert results[0].title != MEASURES
