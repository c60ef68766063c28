"""The synthetic corpus of the 100k benchmark (benchmarks/search/generate.py) is plausible:
every generated document has a 文号 of its own in the real formats, and none is a national law
or a State Council order (issue #21 item 6)."""

import itertools
import json
import re

import pytest

from benchmarks.search.generate import Generator, Material, read_corpus
from disclosure.normative.corpus import (
    DEFAULT_CORPUS,
    CorpusDocument,
    parse_document_number,
    parse_publisher,
    version_chains,
)
from disclosure.publishing.document_numbers import parse

SAMPLE = 3000


@pytest.fixture(scope="module")
def material():
    return Material(list(itertools.islice(read_corpus(DEFAULT_CORPUS), 400)))


def generate(material, seed=1, count=SAMPLE):
    generator = Generator(material, seed=seed)
    return [generator.record(number) for number in range(1, count + 1)]


@pytest.fixture(scope="module")
def records(material):
    return generate(material)


def test_every_document_has_a_number_of_its_own_in_a_real_format(records):
    numbers = [parse_document_number(record["history"]) for record in records]
    assert all(numbers)
    assert len(set(numbers)) == len(numbers)
    for number in numbers:
        parsed = parse(number)
        assert parsed is not None and str(parsed) == number
        # 示市监处罚〔2023〕45号 or 示范市人民政府令第3号: the issuer's own code.
        assert parsed.issuer.startswith("示")


def test_a_number_is_counted_per_issuer_and_year_from_one(records):
    serials = {}
    for record in records:
        parsed = parse(parse_document_number(record["history"]))
        serials.setdefault((parsed.issuer, parsed.year), []).append(int(parsed.serial))
    for found in serials.values():
        assert sorted(found) == list(range(1, len(found) + 1))


def test_no_national_law_and_no_state_council_order_is_made_up(records):
    for record in records:
        assert not re.match(r"^中华人民共和国.*法$", record["title"])
        assert "国务院" not in record["title"]
        assert not any("国务院" in line for line in record["history"])
        # Passages copied from the corpus may speak of 国务院令 in general, never of one.
        assert not re.search(r"令\s*[（(]?\s*第|第\s*\d+\s*号令", record["text"])
        assert record["region"] in {"示范市", "示范省"}


def test_issuers_are_local_bodies_and_the_bureau(records):
    publishers = {parse_publisher(record["history"]) for record in records}
    assert "示范市市场监督管理局" in publishers
    assert all(p.startswith(("示范市", "示范省")) for p in publishers)
    kinds = {record["category"] for record in records}
    assert kinds == {"行政处罚决定", "工作通知", "公告", "规范性文件", "地方政府规章"}


def test_records_import_and_revisions_chain_by_title(records):
    documents = [CorpusDocument.from_record(record) for record in records]
    chains = [chain for chain in version_chains(documents) if len(chain) > 1]
    assert chains
    for chain in chains:
        assert len({d.title for d in chain}) == 1
        assert [d.version_date for d in chain] == sorted(d.version_date for d in chain)
    titles = [d.title for d in documents if d.version_date is None]
    assert len(set(titles)) == len(titles)


def test_the_same_seed_gives_the_same_records(material, records):
    again = generate(material, count=200)
    assert json.dumps(again, ensure_ascii=False) == json.dumps(records[:200], ensure_ascii=False)
    other = generate(material, seed=2, count=200)
    assert other != records[:200]
