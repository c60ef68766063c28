"""Fuzzing the law-corpus parser (disclosure.normative.corpus) on arbitrary records and text: a
record becomes a :class:`CorpusDocument` or is refused with a Chinese ``ValueError`` (the import
reports it and goes on); the publisher and 文号 parsers take any history lines; a corpus file
of any bytes is read line by line or refused with the errors ``import_corpus`` reports."""

import lzma

from django.core.management.base import CommandError
from fuzz_profiles import chinese, fuzz
from hypothesis import example, given
from hypothesis import strategies as st

from disclosure.normative import corpus
from disclosure.normative.management.commands import import_corpus

LINES = st.one_of(
    st.text(max_size=60),
    st.sampled_from(
        [
            "2019年4月3日中华人民共和国国务院令第711号修订",
            "（2021年2月22日最高人民法院审判委员会第1832次会议通过 法释〔2021〕11号）",
            "经国务院批准",
            "全国人民代表大会常务委员会第十次会议通过",
            "最高人民法院以法发〔1993〕15号通知印发",
            "国家互联网信息办公室2021年第20次室务会议审议通过",
            "由最高人民法院审判委员会第1次会议通过",
            "第十三届全国人民代表大会第三次会议通过",
        ]
    ),
)
JSON = st.recursive(
    st.one_of(
        st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=10)
    ),
    lambda children: st.one_of(
        st.lists(children, max_size=3), st.dictionaries(st.text(max_size=5), children, max_size=3)
    ),
    max_leaves=8,
)
RECORDS = st.one_of(
    JSON,
    st.fixed_dictionaries(
        {"id": st.one_of(st.from_regex(r"[0-9a-z_-]{1,32}", fullmatch=True), JSON), "title": JSON},
        optional={
            "history": st.one_of(st.lists(LINES, max_size=4), JSON),
            "issued": st.one_of(st.dates().map(str), JSON),
            "effective": st.one_of(st.dates().map(str), JSON),
            "version": st.one_of(st.dates().map(str), JSON),
            "text": st.one_of(st.text(max_size=200), JSON),
            "category": JSON,
            "region": JSON,
        },
    ),
)


@fuzz()
@given(RECORDS)
@example({"id": "a", "title": "标题", "history": 5})
@example({"id": "a", "title": "标题", "history": True})
@example({"id": "a", "title": "标题", "history": 1.5})
def test_a_record_is_a_document_or_refused_in_chinese(record):
    try:
        document = corpus.CorpusDocument.from_record(record)
    except ValueError as error:
        assert chinese(error)
        return
    assert document.corpus_id and document.title
    assert len(document.publisher) <= 200 and len(document.document_number) <= 100


@fuzz()
@given(st.lists(LINES, max_size=5))
def test_history_parsers_take_any_lines(history):
    assert isinstance(corpus.parse_publisher(history), str)
    assert isinstance(corpus.parse_document_number(history), str)


@fuzz(0.5)
@given(st.binary(max_size=200), st.sampled_from(["plain", "xz", "truncated xz", "bytes as xz"]))
@example(b'{"id": "a"}\n', "truncated xz")
@example(b"\xff\xfe", "plain")
def test_a_corpus_file_of_any_bytes(tmp_path_factory, data, form):
    """What ``import_corpus`` reads: records and Chinese errors per line, or one Chinese
    CommandError for the file."""
    folder = tmp_path_factory.mktemp("corpus")
    path = folder / ("laws.jsonl" if form == "plain" else "laws.jsonl.xz")
    if form == "xz":
        data = lzma.compress(data)
    elif form == "truncated xz":
        data = lzma.compress(data)[:-8]
    path.write_bytes(data)
    try:
        records = import_corpus.Command().read(path)
    except CommandError as error:
        assert chinese(error)
        return
    for _number, record in records:
        if isinstance(record, Exception):
            assert chinese(record)
