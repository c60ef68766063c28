"""The Chinese text analysis shared by every backend."""

import ast
import os
import subprocess
import sys

import pytest

from search import analysis


def test_normalise_traditional_and_full_width():
    assert analysis.normalise("中華人民共和國消費者權益保護法") == "中华人民共和国消费者权益保护法"
    assert analysis.normalise("ＡＢＣ１２３") == "abc123"


@pytest.mark.parametrize(
    "spelling",
    [
        "黔府办函〔2020〕23号",
        "黔府办函[2020]23号",
        "黔府办函(2020)23号",
        "黔府办函（2020）23号",
        "黔府辦函〔2020〕23號",
    ],
)
def test_document_number_spellings_share_one_token(spelling):
    assert analysis.query_terms(spelling) == ["黔府办函2020n23号"]
    assert "黔府办函2020n23号" in analysis.index_text(f"依据{spelling}的规定").split()


def test_order_numbers_found_in_history_lines():
    history = "2019年3月2日中华人民共和国国务院令第711号公布"
    tokens = analysis.index_text(history).split()
    assert "国务院令第711号" in tokens
    assert analysis.query_terms("国务院令第711号") == ["国务院令第711号"]
    assert (
        "国家市场监督管理总局令第45号"
        in analysis.index_text("国家市场监督管理总局令第45号公布").split()
    )


def test_domain_terms_segment_queries_and_titles():
    assert analysis.query_terms("市场监督管理局双随机抽查") == ["市场监督管理局", "双随机", "抽查"]
    tokens = analysis.title_index_text("六盘水市市场监督管理局开展双随机抽查").split()
    for word in ("市场", "市场监督管理局", "管理局", "双随机", "抽查"):
        assert word in tokens


def test_any_substring_is_found_through_the_body_grams():
    tokens = set(analysis.index_text("六盘水市市场监督管理局开展双随机抽查").split())
    for query in ("市场", "监督管理局", "双随机", "六盘水"):
        for group in analysis.query_groups(query):
            assert set(group) <= tokens, query
    # A single character: a prefix of a bigram, or the last character of a run.
    assert analysis.query_groups("查") == [["查*"]]
    assert "查" in tokens


def test_query_drops_stopwords_but_not_everything():
    assert analysis.query_terms("食品过期了怎么投诉") == ["食品", "过期", "投诉"]
    assert analysis.query_terms("的") == []
    # "What do I do" carries no subject: a question ending in it searches its subject only.
    assert analysis.query_terms("对行政处罚不服怎么办") == ["行政处罚", "不服"]
    assert analysis.query_terms("营业执照丢了咋办") == ["营业执照", "丢"]


def test_title_gets_pinyin_and_bigrams():
    tokens = analysis.title_index_text("中华人民共和国食品安全法").split()
    assert "shipinanquanfa" in tokens
    assert "spaqf" in tokens
    assert "全法" in tokens  # bigram
    assert analysis.is_pinyin("shipinanquanfa")
    assert not analysis.is_pinyin("食品")


def test_pinyin_tokens_do_not_depend_on_the_hash_seed():
    """The title index stored the title's and the short name's pinyin in set order, so the same
    title gave different index rows from one process to the next."""
    script = (
        "from search import analysis; print(analysis.pinyin_tokens('中华人民共和国食品安全法'))"
    )
    outputs = set()
    for seed in range(8):
        env = {**os.environ, "PYTHONHASHSEED": str(seed)}
        done = subprocess.run(
            [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
        )
        outputs.add(done.stdout)
    assert len(outputs) == 1
    tokens = ast.literal_eval(outputs.pop())
    assert tokens[:2] == ["zhonghuarenmingongheguoshipinanquanfa", "zhrmghgspaqf"]


def test_punctuation_is_dropped():
    assert analysis.index_text("，。！“”（）") == ""


@pytest.mark.parametrize(
    "query, names",
    [
        ("浙江省食品小作坊管理规定", True),
        ("山东电梯安全条例", True),
        ("洛阳市养犬管理条例", True),
        ("中华人民共和国食品安全法", False),
        ("市场监管局的投诉电话", False),
        ("超市卖过期食品怎么罚", False),
    ],
)
def test_a_query_names_a_place_by_its_province_or_its_opening(query, names):
    assert analysis.names_a_place(query) is names


@pytest.mark.parametrize(
    "query, asks",
    [
        ("开网店要办营业执照吗", True),
        ("加班费怎么算", True),
        ("行政处罚信息要公示多长时间", True),
        ("工作满十年年休假有几天", True),
        ("电动车充电起火伤人找谁赔", True),
        ("食品抽检", False),
        ("商家 明码标价 处罚", False),
        ("中华人民共和国食品安全法", False),
        ("國務院令第711號", False),
    ],
)
def test_a_question_is_told_by_a_word_that_asks(query, asks):
    assert analysis.is_question(query) is asks
