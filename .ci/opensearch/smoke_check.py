"""Smoke check for the CI OpenSearch node: info, Chinese analyzers, index + search.

    url=$(bash .ci/opensearch.sh start)
    .venv/bin/python .ci/opensearch/smoke_check.py "$url"

Exits non-zero if an analyzer is missing or a search does not find what it should.
"""

import sys

from opensearchpy import OpenSearch

URL = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:9201"
TEXT = "中华人民共和国食品安全法 市场监督管理局"
INDEX = "ci-smoke-check"

client = OpenSearch([URL])
version = client.info()["version"]
print(f"{URL}: {version['distribution']} {version['number']} (Lucene {version['lucene_version']})")

client.indices.delete(index=INDEX, ignore=[404])
client.indices.create(
    index=INDEX,
    body={
        "settings": {
            "number_of_shards": 1,
            "number_of_replicas": 0,
            "analysis": {
                "analyzer": {
                    "zh_smartcn": {"type": "smartcn"},
                    "zh_icu": {
                        "type": "custom",
                        "tokenizer": "icu_tokenizer",
                        "filter": ["icu_normalizer", "icu_folding"],
                    },
                    "std": {"type": "standard"},
                }
            },
        },
        "mappings": {
            "properties": {
                "smartcn": {"type": "text", "analyzer": "zh_smartcn"},
                "icu": {"type": "text", "analyzer": "zh_icu"},
                "std": {"type": "text", "analyzer": "std"},
            }
        },
    },
)
try:
    for analyzer in ("zh_smartcn", "zh_icu", "std"):
        result = client.indices.analyze(index=INDEX, body={"analyzer": analyzer, "text": TEXT})
        print(f"  {analyzer:10s} {[t['token'] for t in result['tokens']]}")

    docs = [
        "中华人民共和国食品安全法",
        "市场监督管理局发布公告",
        "国务院关于食品药品监督管理的决定",
    ]
    for i, doc in enumerate(docs):
        client.index(index=INDEX, id=str(i), body={"smartcn": doc, "icu": doc, "std": doc})
    client.indices.refresh(index=INDEX)

    failures = 0
    for field in ("smartcn", "icu", "std"):
        hits = client.search(
            index=INDEX,
            body={"query": {"match": {field: {"query": "食品安全", "operator": "and"}}}},
        )["hits"]["hits"]
        ids = [h["_id"] for h in hits]
        ok = ids[:1] == ["0"]
        failures += not ok
        print(f"  search {field:8s} '食品安全' -> {ids} {'ok' if ok else 'UNEXPECTED'}")
finally:
    client.indices.delete(index=INDEX, ignore=[404])

print("OpenSearch smoke check OK" if not failures else f"OpenSearch smoke check: {failures} FAILED")
sys.exit(1 if failures else 0)
