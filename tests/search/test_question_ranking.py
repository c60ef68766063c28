"""A question is answered by a norm, not by the record of one case or one period (search.service,
ONE_CASE_CATEGORIES): short penalty decisions and results announcements repeating the question's
words rank first by BM25; asked as a question, the law comes first; named as a topic, they keep
their place."""

from datetime import date

import pytest

from disclosure.enforcement.models import PenaltyNoticePage
from disclosure.normative.models import NormativeDocumentPage
from disclosure.publishing.models import ArticlePage
from search import fts, postgres_fts, service
from tests.factories import column, normative_document, organisation, publish

pytestmark = pytest.mark.django_db

LAW = (
    "第一条 为了规范价格行为，制定本法。\n\n第十三条 商家销售商品，应当按照规定明码标价，"
    "注明商品的品名、产地、规格、等级、计价单位、价格等有关情况。\n\n"
    "第四十二条 违反明码标价规定的，责令改正，没收违法所得，可以并处五千元以下的罚款；"
    "情节严重的，依法处罚。"
)
RECORD = "经查，商家未明码标价。商家明码标价不规范，依法处罚。"


def document(parent, title, slug, category, body):
    publish(normative_document(parent, title, slug, body, category, region="全国"))


@pytest.fixture
def documents(db):
    organisation()
    parent = column(title="法律法规", slug="laws")
    document(parent, "中华人民共和国价格法", "law", "经济法", LAW)
    document(parent, "关于2022年第5期价格监督检查结果的公告", "notice", "公告", RECORD)
    document(
        parent,
        "示范市市场监督管理局行政处罚决定书（某商店价格违法案）",
        "case",
        "行政处罚决定",
        RECORD,
    )
    return parent


def titles(query):
    return [page.title for page in service.search(query).results]


def test_a_question_finds_the_law_before_the_records_of_one_case(documents, monkeypatch):
    question = "商家不明码标价怎么处罚"
    found = titles(question)
    assert found[0] == "中华人民共和国价格法"
    assert set(found[1:]) == {
        "关于2022年第5期价格监督检查结果的公告",
        "示范市市场监督管理局行政处罚决定书（某商店价格违法案）",
    }
    # Without the rule the short records repeating the words come first.
    monkeypatch.setattr(service, "ONE_CASE_PENALTY", 0)
    assert titles(question)[0] != "中华人民共和国价格法"


def test_the_same_words_as_a_topic_are_ranked_without_the_rule(documents, monkeypatch):
    """No word that asks: the search does not know the citizen wants the rule."""
    topic = "商家 明码标价 处罚"
    ranked = titles(topic)
    monkeypatch.setattr(service, "ONE_CASE_PENALTY", 0)
    assert titles(topic) == ranked
    assert ranked[0] != "中华人民共和国价格法"


def test_a_page_type_that_records_one_case_is_ranked_so(documents, monkeypatch):
    """``records_one_case`` on the page type (行政处罚信息公示 declares it): read with the fields
    re-ranking reads, it lowers every page of the type for a question."""
    assert PenaltyNoticePage.records_one_case
    assert not ArticlePage.records_one_case
    question = "商家不明码标价怎么处罚"
    assert titles(question)[0] == "中华人民共和国价格法"
    monkeypatch.setattr(NormativeDocumentPage, "records_one_case", True)
    assert titles(question)[0] != "中华人民共和国价格法"


@pytest.fixture
def many_records(db, monkeypatch):
    """A law and, newer than it, more penalty decisions on its subject than a search's window
    holds; the match counts as broad (its body matches in prior order: in force, newest)."""
    organisation()
    parent = column(title="法律法规", slug="laws")
    document(parent, "中华人民共和国价格法", "law", "经济法", LAW)
    for number in range(25):
        publish(
            normative_document(
                parent,
                f"示范市市场监督管理局行政处罚决定书（第{number + 1}号）",
                f"case-{number}",
                body=RECORD,
                legal_category="行政处罚决定",
                on=date(2024, 1, 1),
                region="全国",
            )
        )
    monkeypatch.setattr(fts, "BROAD_MATCHES", 5)
    monkeypatch.setattr(postgres_fts, "BROAD_MATCHES", 5)
    monkeypatch.setattr(service, "RERANK_WINDOW", 10)


def test_a_broad_question_draws_its_window_from_the_norms_first(many_records, monkeypatch):
    """A question's broad match: the law is in the window and first, though 25 newer records
    of one case match too (without the rule the window of 20 is the newest records only). The
    embedded default's direct path only: an engine ranks every match by relevance."""
    if not (fts.available() or postgres_fts.available()):
        pytest.skip("a broad match in prior order is the embedded default's direct path")
    outcome = service.search("商家不明码标价怎么处罚", page_size=20)
    assert outcome.count == 26
    assert outcome.results[0].title == "中华人民共和国价格法"
    assert len(outcome.results) == 20
    # The rest of the window is filled with the match in prior order.
    assert service.search("商家不明码标价怎么处罚", page=2, page_size=20).count == 26


def test_a_broad_topic_keeps_its_prior_order(many_records):
    """Named as a topic, the same words keep the newest records first."""
    found = titles("商家 明码标价 处罚")
    assert "中华人民共和国价格法" not in found[:20]
