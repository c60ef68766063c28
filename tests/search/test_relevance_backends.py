"""The side-by-side relevance report (benchmarks/search/relevance_backends.py, issue #21 "done
when"): one column per backend, and item 6's verdict against a baseline run."""

from types import SimpleNamespace

from benchmarks.search.relevance_backends import backends, beside_baseline, side_by_side


def summary(success, mrr, n=10):
    return {
        "question": {"n": n, "success@10": success, "MRR@10": mrr},
        "overall": {"n": n, "success@10": success, "MRR@10": mrr},
    }


def test_one_column_pair_per_backend_and_a_row_per_kind():
    lines = side_by_side("title", ["SQLite", "PostgreSQL"], [summary(0.9, 0.8), summary(0.7, 0.6)])
    assert "SQLite s@10" in lines[3] and "PostgreSQL s@10" in lines[3]
    question = next(line for line in lines if line.startswith("question"))
    assert question.split() == ["question", "10", "0.900", "0.800", "0.700", "0.600"]


def test_relevance_at_scale_at_most_two_hundredths_lower():
    baseline = {"summary": summary(0.984, 0.910)}
    lines = beside_baseline(
        "title",
        ["SQLite", "PostgreSQL", "OpenSearch"],
        [summary(0.965, 0.9), summary(0.960, 0.9), summary(0.99, 0.95)],
        [baseline, baseline, None],
    )
    verdicts = {line.split()[0]: line for line in lines[4:]}
    assert verdicts["SQLite"].endswith("met") and "NOT" not in verdicts["SQLite"]
    assert verdicts["PostgreSQL"].endswith("NOT met")
    assert "-0.024" in verdicts["PostgreSQL"]
    assert "no baseline" in verdicts["OpenSearch"]


def test_each_backend_chooses_its_database_and_engine():
    args = SimpleNamespace(
        database="/tmp/x.sqlite3",
        postgres_url="postgres://u@h/db",
        engine_url="http://127.0.0.1:9201",
        index_prefix="bench_",
    )
    runs = {key: env for key, _label, env in backends(args)}
    assert runs["sqlite"] == {"DATABASE_URL": "sqlite:////tmp/x.sqlite3"}
    assert runs["postgresql"] == {"DATABASE_URL": "postgres://u@h/db"}
    assert runs["opensearch"]["SEARCH_BACKEND"] == "opensearch2"
    assert runs["opensearch"]["DATABASE_URL"] == "sqlite:////tmp/x.sqlite3"
    no_engine = SimpleNamespace(**{**vars(args), "postgres_url": None, "engine_url": None})
    assert [key for key, _label, _env in backends(no_engine)] == ["sqlite"]
