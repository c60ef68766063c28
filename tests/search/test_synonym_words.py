"""A synonym's terms and the laws' wording of an everyday word are searched as words
(search.service._terms_as_words): cut by the segmenter alone, 预付消费卡 was 预付/消费/卡, and a
variant with a one-character word gives way to the variants without one
(search.fts.variant_groups), so the synonym was silently not searched."""

import pytest

from search import analysis, fts, service
from search.models import Synonym
from tests.factories import column, normative_document, organisation, other_laws, publish

pytestmark = pytest.mark.django_db

SHANGHAI_RULE = "上海市单用途预付消费卡管理规定"


@pytest.fixture
def rules(db):
    organisation()
    parent = column(title="法律法规", slug="laws")
    for title, slug, body, region in (
        (
            SHANGHAI_RULE,
            "shanghai-cards",
            "第一条 为了规范本市单用途预付消费卡的发行、使用和管理，制定本规定。",
            "上海市",
        ),
        (
            "北京市单用途预付卡管理条例",
            "beijing-cards",
            "第一条 为了规范单用途预付卡的发行和兑付，制定本条例。",
            "北京市",
        ),
        (
            "上海市消费者权益保护条例",
            "shanghai-consumers",
            "第一条 为了保护消费者的合法权益，根据有关法律，结合本市实际，制定本条例。",
            "上海市",
        ),
    ):
        publish(normative_document(parent, title, slug, body, "地方性法规", region=region))
    other_laws(parent)


def test_a_synonym_term_the_segmenter_would_cut_into_characters_is_searched():
    Synonym.load_groups([["预付卡", "预付消费卡"]])
    groups = fts.variant_groups(service.synonym_variants("上海 预付卡"))
    assert [["上海"], ["预付", "付消", "消费", "费卡"]] in groups


def test_a_place_and_a_synonym_match_every_word_of_the_rule_of_that_place(rules):
    Synonym.load_groups([["预付卡", "预付消费卡"]])
    outcome = service.search("上海 预付卡")
    # Without the synonym searched, no page held every word: the search fell back to any word.
    assert not outcome.relaxed
    assert outcome.results[0].title == SHANGHAI_RULE


def test_the_laws_wording_of_an_everyday_word_is_searched_whole():
    Synonym.load_groups([["不想要了", "七日内退货", "无需说明理由"]], kind=Synonym.Kind.EVERYDAY)
    question = "网上买的衣服不想要了能退吗"
    variants = service.synonym_variants(question)
    assert len(variants) == 2
    groups = fts.variant_groups(variants)
    assert any(["七日", "日内", "内退", "退货"] in variant for variant in groups)


def test_a_term_is_kept_whole_and_only_a_run_of_chinese_characters_is_a_word():
    analysis.add_terms(["市场主体登记", "不公平、不合理"])
    assert analysis.added_terms() == {"市场主体登记"}
    assert "市场主体登记" in analysis.query_terms("办理市场主体登记")
