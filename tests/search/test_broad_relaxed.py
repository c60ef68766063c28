"""A relaxed match (no page holds every word) draws its window from the pages holding two of its
words first (search.service._window, search.fts.two_groups): broad — its body matches in prior
order, in force and newest first — on PostgreSQL at 103k documents, 买到假货可以要求几倍赔偿
matched 10,446 pages by any word and its window held the newest of them, none about
compensation; ranked by BM25, a short page repeating one rare word came first."""

from datetime import date

import pytest

from search import fts, postgres_fts, service
from tests.factories import column, normative_document, organisation, other_laws, publish

pytestmark = pytest.mark.django_db

ANSWER = "指导案例第二十三号"


@pytest.fixture
def many_one_word_pages(db, monkeypatch):
    organisation()
    parent = column(title="法律法规", slug="laws")
    body = "第一条 消费者可以要求经营者承担惩罚性赔偿。"
    publish(normative_document(parent, ANSWER, "case-23", body, "司法解释", on=date(2014, 1, 1)))
    for number in range(25):
        publish(
            normative_document(
                parent,
                f"示范市市场监督管理局关于做好有关工作的通知（第{number + 1}号）",
                f"notice-{number}",
                "请依法做好退赔工作，赔偿损失。",
                "工作通知",
                on=date(2024, 1, 1),
            )
        )
    other_laws(parent)  # and current planner statistics of the index on PostgreSQL
    # Every word counts (in a corpus this small each is common), the match is broad.
    for module in (fts, postgres_fts):
        monkeypatch.setattr(module, "COMMON_WORD_SHARE", 1.0)
        monkeypatch.setattr(module, "BROAD_MATCHES", 5)
    monkeypatch.setattr(service, "RERANK_WINDOW", 10)


def test_a_broad_relaxed_match_draws_its_window_from_pages_with_two_words(many_one_word_pages):
    if not (fts.available() or postgres_fts.available()):
        pytest.skip("a broad match in prior order is the embedded default's direct path")
    outcome = service.search("假货 惩罚性 赔偿", page_size=20)
    assert outcome.relaxed
    assert outcome.count == 26
    assert outcome.results[0].title == ANSWER
    assert len(outcome.results) == 20


@pytest.fixture
def one_rare_word_repeated(db, monkeypatch):
    organisation()
    parent = column(title="法律法规", slug="laws")
    padding = "第一条 为了规范市场秩序，制定本规定。" * 12
    body = padding + "第二条 经营者出售假货的，应当依法赔偿。"
    publish(normative_document(parent, ANSWER, "case-23", body, "司法解释"))
    for number in range(4):
        title = f"示范市工作通知（第{number + 1}号）"
        publish(
            normative_document(parent, title, f"notice-{number}", "惩罚性惩罚性惩罚性", "工作通知")
        )
    for number in range(8):
        for word, slug in (("假货", "fakes"), ("赔偿", "damages")):
            publish(
                normative_document(
                    parent,
                    f"示范市工作规范（{slug}{number}）",
                    f"{slug}-{number}",
                    padding + word,
                    "规范性文件",
                )
            )
    for module in (fts, postgres_fts):
        monkeypatch.setattr(module, "COMMON_WORD_SHARE", 1.0)
    # A window smaller than a page: the page is the window's order (as a window of 200 among
    # 10,446 matches at 103k).
    monkeypatch.setattr(service, "RERANK_WINDOW", 3)


def test_a_relaxed_match_draws_its_window_from_pages_with_two_words(one_rare_word_repeated):
    """BM25 puts first the four short pages repeating 惩罚性; the page holding two of the
    words comes first."""
    if not (fts.available() or postgres_fts.available()):
        pytest.skip("the embedded default's direct path")
    outcome = service.search("假货 惩罚性 赔偿")
    assert outcome.relaxed
    assert outcome.results[0].title == ANSWER


def test_two_groups_pair_the_groups_of_one_variant_only():
    per_variant = [["(a)", "(b)", "(c)"], ["(d)"]]
    assert fts.two_groups(per_variant) == "((a) AND (b)) OR ((a) AND (c)) OR ((b) AND (c))"
    assert postgres_fts.two_groups([["(a)", "(b)"]]) == "((a) & (b))"


def test_a_relaxed_match_keeps_its_common_words_when_its_other_word_is_in_no_page(db):
    """A word in no page is not a rare one: kept alone (the common words left out), the relaxed
    match found nothing (seen on PostgreSQL with planner statistics of an empty table)."""
    organisation()
    parent = column(title="法律法规", slug="laws")
    for number in range(3):
        body = "第一条 为了加强食品安全管理，制定本规定。"
        title = f"示范市规范性文件（第{number + 1}号）"  # the title channel finds none
        publish(normative_document(parent, title, f"rule-{number}", body, "规范性文件"))
    outcome = service.search("食品安全 假货")
    assert outcome.relaxed
    assert outcome.count == 3
