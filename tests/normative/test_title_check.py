"""The law-title check: every 《…》 title an item cites is looked up in the normative-document
database (issue #17)."""

import pytest
from normative_samples import ANTIMONOPOLY_2007, ANTIMONOPOLY_2022, PROVINCIAL, STATE_COUNCIL_ORDER

from disclosure.checks.registry import get_check, publication_errors, run_checks
from disclosure.checks.sources import Source
from disclosure.normative import title_check
from disclosure.normative.models import NormativeDocumentPage, ValidityChange
from disclosure.normative.title_check import (
    AMENDED,
    NOT_FOUND,
    REPEALED,
    Document,
    TitleIndex,
    is_law_title,
    normalize,
)
from disclosure.normative.validity import set_by_hand
from disclosure.publishing.choices import Validity
from disclosure.publishing.rules import registered_rules
from tests.factories import article, column

FOOD_SAFETY = Document(1, "中华人民共和国食品安全法", Validity.IN_FORCE, True, None, 2021)
FOOD_SAFETY_2015 = Document(2, "中华人民共和国食品安全法", Validity.AMENDED, True, None, 2015)
FOOD_SAFETY_CURRENT = Document(3, "中华人民共和国食品安全法", Validity.IN_FORCE, True, 2, 2021)
OLD_MEASURES = Document(4, "某市户外广告设置管理办法", Validity.REPEALED, True, None, 2005)
NEW_REGULATION = Document(5, "某市户外广告设置管理条例", Validity.IN_FORCE, True, None, 2019)
RENAMED_OLD = Document(6, "某市城市道路管理暂行规定", Validity.AMENDED, True, None, 2001)
RENAMED_NEW = Document(7, "某市城市道路管理规定", Validity.IN_FORCE, True, 6, 2016)
DRAFT = Document(8, "某局行政规范性文件管理办法", Validity.IN_FORCE, False, None, 2026)


def judge(cited, *documents):
    return TitleIndex(documents or (FOOD_SAFETY,)).judge(cited)


def test_normalize_drops_marks_spaces_and_the_edition_note():
    assert normalize("中华人民共和国食品安全法（2021年修正）") == ("中华人民共和国食品安全法", 2021)
    assert normalize("上海市实施〈中华人民共和国食品安全法〉办法") == (
        "上海市实施中华人民共和国食品安全法办法",
        None,
    )
    assert normalize("人民检察院刑事诉讼规则(试行)") == ("人民检察院刑事诉讼规则（试行）", None)


@pytest.mark.parametrize(
    "title", ["营业执照", "人民日报", "政府信息公开申请表", "中国市场监管报", "关于张三的来信"]
)
def test_titles_of_books_newspapers_and_forms_are_not_checked(title):
    assert not is_law_title(normalize(title)[0])
    assert judge(title) is None


@pytest.mark.parametrize(
    "title",
    [
        "中华人民共和国食品安全法",
        "食品安全法",
        "食品安全法（2021年修正）",
        "中华人民共和国 食品安全法",
    ],
)
def test_the_full_title_its_short_form_and_an_edition_note_are_found(title):
    assert judge(title) is None


def test_a_title_that_names_no_document_is_flagged_with_the_closest_current_title():
    kind, suggestion, document = judge("中华人民共和国食品安全管理法", FOOD_SAFETY, NEW_REGULATION)
    assert kind == NOT_FOUND
    assert suggestion == "中华人民共和国食品安全法"
    assert document is None


def test_an_invented_title_without_a_close_one_has_no_suggestion():
    assert judge("星际航行安全条例") == (NOT_FOUND, "", None)


def test_a_repealed_document_is_flagged_with_the_document_of_the_same_stem_in_force():
    kind, suggestion, document = judge("某市户外广告设置管理办法", OLD_MEASURES, NEW_REGULATION)
    assert (kind, suggestion, document.pk) == (REPEALED, "某市户外广告设置管理条例", 4)


def test_a_repealed_document_without_successor_is_flagged_without_suggestion():
    assert judge("某市户外广告设置管理办法", OLD_MEASURES)[:2] == (REPEALED, "")


def test_an_edition_note_naming_an_amended_version_suggests_the_current():
    kind, suggestion, document = judge(
        "食品安全法（2015年修订）", FOOD_SAFETY_2015, FOOD_SAFETY_CURRENT
    )
    assert (kind, suggestion, document.pk) == (AMENDED, "中华人民共和国食品安全法", 2)
    assert judge("食品安全法（2021年修正）", FOOD_SAFETY_2015, FOOD_SAFETY_CURRENT) is None


def test_a_title_only_an_amended_version_carries_suggests_the_current_title():
    kind, suggestion, _document = judge("某市城市道路管理暂行规定", RENAMED_OLD, RENAMED_NEW)
    assert (kind, suggestion) == (AMENDED, "某市城市道路管理规定")


def test_a_document_not_yet_published_is_not_flagged():
    assert judge("某局行政规范性文件管理办法", DRAFT) is None


# --- on items, with documents of the corpus ------------------------------------------------


@pytest.fixture
def laws(import_corpus, write_jsonl, record):
    ids = (ANTIMONOPOLY_2007, ANTIMONOPOLY_2022, STATE_COUNCIL_ORDER, PROVINCIAL)
    import_corpus(write_jsonl([record(corpus_id) for corpus_id in ids]))
    return {corpus_id: NormativeDocumentPage.objects.get(corpus_id=corpus_id) for corpus_id in ids}


def law_title_findings(page):
    return run_checks(page, checks=[get_check(title_check.CHECK_NAME)])


@pytest.mark.django_db
def test_findings_on_an_item_are_shown_and_do_not_block(laws):
    body = (
        "<p>依据《反垄断法》《中华人民共和国反垄断法（2007年）》《专利代理条列》和《营业执照》，"
        "参照《人民日报》报道。</p>"
    )
    page = article(column(title="通知公告", slug="tzgg"), publish=False, body=body)
    findings = law_title_findings(page)
    assert [(f.kind, f.text, f.extra["suggestion"]) for f in findings] == [
        (AMENDED, "《中华人民共和国反垄断法（2007年）》", "《中华人民共和国反垄断法》"),
        (NOT_FOUND, "《专利代理条列》", "《专利代理条例》"),
    ]
    assert findings[1].extra["message"] == "未找到《专利代理条列》，建议引用《专利代理条例》。"
    assert body[findings[1].start : findings[1].end] == "《专利代理条列》"
    assert all(not f.blocking and f.extra["severity"] == "warning" for f in findings)
    assert publication_errors(page) == {}


@pytest.mark.django_db
def test_a_document_repealed_after_the_index_was_built_is_flagged(laws):
    provincial = laws[PROVINCIAL]
    sources = [Source("body", "正文", f"根据《{provincial.title}》", maskable=True)]
    check = get_check(title_check.CHECK_NAME)
    assert check.run(sources) == []
    set_by_hand(provincial, Validity.REPEALED, ValidityChange.Source.CLEANUP, reason="清理")
    [finding] = check.run(sources)
    assert finding.kind == REPEALED
    assert finding.extra["message"] == f"《{provincial.title}》已废止。"


def test_the_check_is_a_rule_of_the_publication_gate():
    names = {rule.name for rule in registered_rules()}
    assert {"checks.law_titles", "checks.law_titles.records"} <= names


@pytest.mark.parametrize("title", ["条例", "实施细则", "总体方案", "修正案（三）", "决定"])
def test_an_abbreviation_that_is_only_the_kind_of_document_is_not_checked(title):
    assert judge(title) is None


def test_a_title_the_text_defines_as_an_abbreviation_is_not_checked(monkeypatch):
    monkeypatch.setattr(title_check, "title_index", lambda: TitleIndex([FOOD_SAFETY]))
    defined = "依据《食品安全法》（以下简称《食安管理法》），根据《食安管理法》第二条。"
    undefined = "根据《食安管理法》第二条。"
    check = get_check(title_check.CHECK_NAME)
    assert title_check.defined_abbreviations(defined) == {"食安管理法"}
    assert check.run([Source("body", "正文", defined, maskable=True)]) == []
    [finding] = check.run([Source("body", "正文", undefined, maskable=True)])
    assert finding.kind == NOT_FOUND


def test_a_card_one_character_short_of_a_law_is_not_a_misspelt_law():
    card_law = Document(9, "中华人民共和国居民身份证法", Validity.IN_FORCE, True, None, 2011)
    assert judge("居民身份证", card_law) is None
    assert judge("居民身份正法", card_law)[:2] == (NOT_FOUND, "中华人民共和国居民身份证法")


def test_a_short_name_of_a_law_is_not_taken_for_an_abbreviation():
    assert judge("网游法") == (NOT_FOUND, "", None)


def test_a_tie_goes_to_the_title_with_the_longer_common_beginning_in_any_order():
    property_law = Document(10, "河南省物业管理条例", Validity.IN_FORCE, True, None, 2017)
    volunteers = Document(11, "河南省志愿服务条例", Validity.IN_FORCE, True, None, 2018)
    for documents in ((property_law, volunteers), (volunteers, property_law)):
        assert TitleIndex(documents).closest("河南省物业服务条例") == "河南省物业管理条例"
