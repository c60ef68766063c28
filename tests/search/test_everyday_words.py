"""Everyday words (search.models.Synonym.Kind.EVERYDAY, search.service.synonym_variants): a
citizen's question often shares no word with the article that answers it (issue #21 item 4); a
question is also searched in the laws' wording, one way only, and a topic is left as typed."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from search import service
from search.management.commands.load_synonyms import DEFAULT_EVERYDAY
from search.models import Synonym
from tests.factories import column, normative_document, organisation, other_laws, publish, superuser

pytestmark = pytest.mark.django_db

RETURNS = (
    "第一条 为了保护消费者的合法权益，制定本法。\n\n第二十五条 经营者采用网络、电视、电话、邮购等"
    "方式销售商品，消费者有权自收到商品之日起七日内退货，且无需说明理由。"
)
OTHER = "第一条 为了规范互联网上网服务营业场所的经营行为，制定本条例。"


def everyday(*groups):
    Synonym.load_groups([list(group) for group in groups], kind=Synonym.Kind.EVERYDAY)


@pytest.fixture
def laws(db):
    organisation()
    parent = column(title="法律法规", slug="laws")
    for title, slug, body in (
        ("中华人民共和国消费者权益保护法", "consumers", RETURNS),
        ("互联网上网服务营业场所管理条例", "internet-cafes", OTHER),
    ):
        publish(normative_document(parent, title, slug, body, "经济法", region="全国"))
    other_laws(parent, "经济法")


def titles(query):
    return [page.title for page in service.search(query).results]


def test_a_question_in_everyday_words_finds_the_article_in_legal_words(laws):
    question = "网上买的衣服不想要了能退吗"
    assert "中华人民共和国消费者权益保护法" not in titles(question)
    everyday(("不想要了", "无需说明理由", "退货"), ("网上", "网络"))
    assert "中华人民共和国消费者权益保护法" in titles(question)


def test_only_a_question_is_rewritten_and_only_from_the_everyday_word():
    everyday(("不想要了", "无需说明理由"))
    assert service.synonym_variants("不想要了 退货") == ["不想要了 退货"]
    assert service.synonym_variants("无需说明理由的退货有几天") == ["无需说明理由的退货有几天"]
    assert service.synonym_variants("衣服不想要了能退吗") == [
        "衣服不想要了能退吗",
        "衣服 无需说明理由 能退吗",
    ]


def test_an_inactive_everyday_word_is_not_used():
    everyday(("不想要了", "无需说明理由"))
    Synonym.objects.update(is_active=False)
    assert service.synonym_variants("衣服不想要了能退吗") == ["衣服不想要了能退吗"]


def test_the_longest_everyday_word_wins_and_legal_words_are_not_rewritten_again():
    groups = [("不想要了", "无理由退货"), ("想要", "需要"), ("退", "退货"), ("网上", "网络")]
    assert service.in_legal_wording("网上买的衣服不想要了能退吗", groups) == (
        "网络 买的衣服 无理由退货 能 退货 吗",
        (("网上", ("网络",)), ("不想要了", ("无理由退货",)), ("退", ("退货",))),
    )
    assert service.in_legal_wording("今天天气好吗", groups) == ("今天天气好吗", ())
    assert service.in_legal_wording("今天天气好吗", []) == ("今天天气好吗", ())


def test_the_search_says_which_everyday_words_it_searched_in_legal_wording(laws):
    everyday(("不想要了", "无需说明理由", "退货"), ("网上", "网络"))
    outcome = service.search("网上买的衣服不想要了能退吗")
    assert outcome.everyday_words == (("网上", ("网络",)), ("不想要了", ("无需说明理由", "退货")))
    assert service.search("网上 衣服").everyday_words == ()


def test_everyday_words_are_loaded_once_in_their_order():
    assert Synonym.load_groups([["假货", "假冒"]], kind=Synonym.Kind.EVERYDAY) == 1
    assert Synonym.load_groups([["假货", "假冒"]], kind=Synonym.Kind.EVERYDAY) == 0
    # The same words the other way round say something else: 假冒 (a legal word) → 假货.
    assert Synonym.load_groups([["假冒", "假货"]], kind=Synonym.Kind.EVERYDAY) == 1
    # An interchangeable group of the same words is another kind.
    assert Synonym.load_groups([["假货", "假冒"]]) == 1
    assert str(Synonym.objects.filter(kind=Synonym.Kind.EVERYDAY).first()) == "假货 → 假冒"


def test_an_everyday_word_needs_a_legal_word():
    with pytest.raises(ValidationError) as error:
        Synonym(terms="假货", kind=Synonym.Kind.EVERYDAY).full_clean()
    assert "请先填写群众的说法，再填写至少一个法律用语。" in str(error.value)


def test_the_command_loads_the_shipped_everyday_words():
    shipped = json.loads(DEFAULT_EVERYDAY.read_text(encoding="utf-8"))
    call_command("load_synonyms", verbosity=0)
    loaded = Synonym.objects.filter(kind=Synonym.Kind.EVERYDAY)
    assert shipped and len({entry["everyday"] for entry in shipped}) == len(shipped)
    assert loaded.count() == len(shipped)
    first = shipped[0]
    assert loaded.filter(terms="，".join([first["everyday"], *first["legal"]])).exists()


def test_a_malformed_everyday_file_is_one_chinese_error(tmp_path):
    bad = tmp_path / "everyday.json"
    bad.write_text(json.dumps([{"everyday": "假货"}]), encoding="utf-8")
    with pytest.raises(CommandError, match="口语词文件 .* 的每一项须有 everyday 和 legal"):
        call_command("load_synonyms", everyday=str(bad), verbosity=0)
    assert not Synonym.objects.exists()


def test_a_question_without_an_everyday_word_keeps_its_one_variant():
    everyday(("不想要了", "无需说明理由"))
    assert service.synonym_variants("ＡＢＣ證照怎么办") == ["ＡＢＣ證照怎么办"]


def test_the_results_page_says_which_words_it_searched_in_legal_wording(laws, client):
    everyday(("不想要了", "无需说明理由", "退货"), ("网上", "网络"))
    page = client.get("/search/", {"q": "网上买的衣服不想要了能退吗"}).content.decode()
    assert "问题中的说法也按法律用语检索：“网上”→“网络”；“不想要了”→“无需说明理由、退货”。" in page
    assert (
        "问题中的说法也按法律用语检索"
        not in client.get("/search/", {"q": "网上 衣服"}).content.decode()
    )


def test_editors_list_and_filter_everyday_words_in_the_admin(client):
    client.force_login(superuser())
    everyday(("假货", "假冒"))
    Synonym.load_groups([["市场监管局", "市场监督管理局"]])
    page = client.get("/admin/search/synonym/", {"kind": "everyday"}).content.decode()
    assert "假货 → 假冒" in page
    assert "市场监管局 ⇔ 市场监督管理局" not in page
    form = client.get("/admin/search/synonym/create/").content.decode()
    assert "口语词（问句中的说法 → 法律用语）" in form
