"""Parsing the corpus: publisher and 文号 from history lines, records, version chains, and
the whole shipped corpus."""

import pytest
from normative_samples import (
    ANTIMONOPOLY_2007,
    ANTIMONOPOLY_2022,
    CIVIL_CODE_PARTS,
    COURT_RULES,
    JUDICIAL_INTERPRETATION,
    PROVINCIAL,
    STATE_COUNCIL_ORDER,
)

from disclosure.normative.corpus import (
    CorpusDocument,
    parse_document_number,
    parse_publisher,
    read_records,
    version_chains,
)
from disclosure.publishing.validators import validate_document_number

CORPUS_SIZE = 3471


@pytest.mark.parametrize(
    ("history", "publisher"),
    [
        (["2014年11月24日 中华人民共和国国务院令第656号公布"], "国务院"),
        (["2000年3月20日 国务院令第285号发布", "2000年4月1日 施行"], "国务院"),
        (
            ["2007年8月30日 第十届全国人民代表大会常务委员会第二十九次会议通过"],
            "全国人民代表大会常务委员会",
        ),
        (["2020年5月28日 第十三届全国人民代表大会第三次会议通过"], "全国人民代表大会"),
        (
            ["1999年12月28日 浙江省第九届人民代表大会常务委员会第十七次会议通过"],
            "浙江省人民代表大会常务委员会",
        ),
        (
            ["2003年11月28日 河南省人民代表大会常务委员会第六次会议通过"],
            "河南省人民代表大会常务委员会",
        ),
        (
            ["2021年12月27日 最高人民法院审判委员会第1859次会议通过", "2022年1月1日 施行"],
            "最高人民法院",
        ),
        (["2020年11月9日 由最高人民法院审判委员会第1815次会议通过"], "最高人民法院"),
        (["2018年12月12日 最高人民检察院第十三届检察委员会第十一次会议通过"], "最高人民检察院"),
        (["2019年3月1日 国家市场监督管理总局令第4号公布"], "国家市场监督管理总局"),
        (
            ["2021年11月16日 国家互联网信息办公室2021年第20次室务会议审议通过"],
            "国家互联网信息办公室",
        ),
        (
            ["(2014年11月1日第十二届全国人民代表大会常务委员会第十一次会议通过)"],
            "全国人民代表大会常务委员会",
        ),
        # A leading 文号 line names no body: the next line does.
        (
            ["法释〔2021〕11号", "2021年5月31日 最高人民法院审判委员会第1840次会议通过"],
            "最高人民法院",
        ),
        # An approval names who approved, not who issued.
        (["1996年9月19日 经国务院批准", "1996年10月3日 中华人民共和国交通部令第8号发布"], "交通部"),
        (["消费者权益保护典型案例", "最高人民法院发布", "2022-03-15"], "最高人民法院"),
        ([], ""),
        (["1985年12月30日"], ""),
    ],
)
def test_parse_publisher(history, publisher):
    assert parse_publisher(history) == publisher


@pytest.mark.parametrize(
    ("history", "number"),
    [
        (["2014年11月24日 中华人民共和国国务院令第656号公布"], "国务院令第656号"),
        # The last order number is the one of the current text.
        (
            [
                "1991年3月4日 中华人民共和国国务院令第76号发布",
                "2018年9月6日 国务院第23次常务会议修订通过",
                "2018年11月6日 中华人民共和国国务院令第706号公布",
            ],
            "国务院令第706号",
        ),
        (["2019年3月1日 国家市场监督管理总局令第4号公布"], "国家市场监督管理总局令第4号"),
        (["2002年8月29日 中华人民共和国主席令第七十三号公布"], "主席令第七十三号"),
        (
            ["法释〔2021〕11号", "2021年5月31日 最高人民法院审判委员会第1840次会议通过"],
            "法释〔2021〕11号",
        ),
        (["1993年8月7日 最高人民法院以法发〔1993〕15号通知印发）"], "法发〔1993〕15号"),
        (["劳社部发[2008]3号"], "劳社部发〔2008〕3号"),
        (["２０１２年１２月１９日 中华人民共和国公安部令第１２５号发布，"], "公安部令第125号"),
        (["2007年8月30日 第十届全国人民代表大会常务委员会第二十九次会议通过"], ""),
        ([], ""),
    ],
)
def test_parse_document_number(history, number):
    assert parse_document_number(history) == number
    validate_document_number(number)


@pytest.mark.parametrize(
    ("corpus_id", "publisher", "number"),
    [
        (STATE_COUNCIL_ORDER, "国务院", "国务院令第706号"),
        (ANTIMONOPOLY_2007, "全国人民代表大会常务委员会", ""),
        (ANTIMONOPOLY_2022, "全国人民代表大会常务委员会", ""),
        (CIVIL_CODE_PARTS[0], "全国人民代表大会", ""),
        (PROVINCIAL, "浙江省人民代表大会常务委员会", ""),
        (COURT_RULES, "最高人民法院", ""),
        (JUDICIAL_INTERPRETATION, "最高人民法院", "法释〔2021〕11号"),
    ],
)
def test_real_records_parse(record, corpus_id, publisher, number):
    document = CorpusDocument.from_record(record(corpus_id))
    assert document.corpus_id == corpus_id
    assert document.publisher == publisher
    assert document.document_number == number


def test_from_record_fields(record):
    source = record(ANTIMONOPOLY_2022)
    document = CorpusDocument.from_record(source)
    assert document.title == "中华人民共和国反垄断法"
    assert document.legal_category == "经济法"
    assert document.region == "全国"
    assert str(document.promulgated_on) == source["issued"] == "2007-08-30"
    assert document.effective_on is None
    assert str(document.version_date) == "2022-06-24"
    assert document.history == source["history"]
    assert document.body == source["text"]
    # The hash is of the whole record: any change to it is seen.
    assert (
        document.content_hash == CorpusDocument.from_record(record(ANTIMONOPOLY_2022)).content_hash
    )
    source["text"] += "。"
    assert CorpusDocument.from_record(source).content_hash != document.content_hash


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"title": ""}, "缺少字段：title"),
        ({"title": None}, "缺少字段：title"),
        ({"id": ""}, "缺少字段：id"),
        ({"id": "../etc"}, "id 格式错误"),
        ({"issued": "2007-02-30"}, "日期格式错误：'2007-02-30'"),
        ({"effective": "2007年"}, "日期格式错误"),
        ({"version": 20070830}, "日期格式错误"),
    ],
)
def test_from_record_refuses_bad_records(record, change, message):
    with pytest.raises(ValueError, match=message):
        CorpusDocument.from_record(record(ANTIMONOPOLY_2007) | change)


def test_from_record_refuses_what_is_not_an_object():
    with pytest.raises(ValueError, match="记录不是 JSON 对象"):
        CorpusDocument.from_record([1, 2])


def test_read_records_reports_bad_lines(tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_text('{"id": "a1", "title": "甲"}\n\n{"id": \n', encoding="utf-8")
    results = list(read_records(path))
    assert results[0] == (1, {"id": "a1", "title": "甲"})
    number, error = results[1]
    assert number == 3  # blank line 2 is skipped, the numbering is the file's
    assert isinstance(error, ValueError)
    assert str(error).startswith("JSON 格式错误")


def test_version_chains_link_dated_versions_and_keep_undated_apart(record):
    documents = [
        CorpusDocument.from_record(record(corpus_id))
        for corpus_id in (ANTIMONOPOLY_2022, *CIVIL_CODE_PARTS, ANTIMONOPOLY_2007)
    ]
    chains = version_chains(documents)
    by_first = {chain[0].corpus_id: [d.corpus_id for d in chain] for chain in chains}
    assert by_first == {
        ANTIMONOPOLY_2007: [ANTIMONOPOLY_2007, ANTIMONOPOLY_2022],
        **{part: [part] for part in CIVIL_CODE_PARTS},
    }


def test_version_chains_do_not_trust_two_versions_with_one_date(record):
    first = CorpusDocument.from_record(record(ANTIMONOPOLY_2007))
    twin = CorpusDocument.from_record(record(ANTIMONOPOLY_2022) | {"version": "2007-08-30"})
    chains = version_chains([first, twin])
    assert sorted(len(chain) for chain in chains) == [1, 1]


# 7. The whole shipped corpus.


@pytest.fixture(scope="module")
def shipped_documents(corpus_records):
    return [CorpusDocument.from_record(record) for record in corpus_records]


def test_every_shipped_record_parses(corpus_records, shipped_documents):
    assert len(corpus_records) == CORPUS_SIZE
    assert len(shipped_documents) == CORPUS_SIZE
    assert len({d.corpus_id for d in shipped_documents}) == CORPUS_SIZE
    for document in shipped_documents:
        assert document.title
        # A parsed 文号 must pass the model's validator, or the page could not be saved.
        validate_document_number(document.document_number)
    assert [d.corpus_id for d in shipped_documents] == [r["id"] for r in corpus_records]


def test_read_records_reads_the_shipped_file():
    results = list(read_records())
    assert len(results) == CORPUS_SIZE
    assert not [number for number, record in results if isinstance(record, Exception)]


def test_shipped_version_chains_are_sorted(shipped_documents):
    chains = version_chains(shipped_documents)
    assert sum(len(chain) for chain in chains) == CORPUS_SIZE
    assert sorted(d.corpus_id for chain in chains for d in chain) == sorted(
        d.corpus_id for d in shipped_documents
    )
    multi = [chain for chain in chains if len(chain) > 1]
    for chain in multi:
        dates = [d.version_date for d in chain]
        assert None not in dates
        assert dates == sorted(dates)
        assert len(set(dates)) == len(dates)
        assert len({d.title for d in chain}) == 1
    for chain in chains:
        if chain[0].version_date is None:
            assert len(chain) == 1
    # 3,379 chains: 89 documents with more than one version (86 with two, 3 with three).
    assert len(chains) == 3379
    assert len(multi) == 89
    assert max(len(chain) for chain in chains) == 3
    antimonopoly = next(c for c in multi if c[0].title == "中华人民共和国反垄断法")
    assert [d.corpus_id for d in antimonopoly] == [ANTIMONOPOLY_2007, ANTIMONOPOLY_2022]
    civil_code = [c for c in chains if c[0].title == "中华人民共和国民法典"]
    assert len(civil_code) == 8
    assert all(len(c) == 1 for c in civil_code)


def test_shipped_publishers_are_mostly_found(shipped_documents):
    found = [d for d in shipped_documents if d.publisher]
    assert len(found) / len(shipped_documents) > 0.9
    assert {d.publisher for d in shipped_documents} >= {
        "国务院",
        "全国人民代表大会",
        "全国人民代表大会常务委员会",
        "最高人民法院",
        "最高人民检察院",
        "国家市场监督管理总局",
        "浙江省人民代表大会常务委员会",
    }
    assert not [
        d.publisher for d in found if d.publisher[0] in "由经(（" or d.publisher[-1] == "年"
    ]
