"""Relevance with pooled judgments (benchmarks/search/pooled.py, issue #21 item 6): a run is
scored against the judged set and against the judged set plus what an assessor graded as an
answer; ungraded returns are counted, never guessed."""

import json

from benchmarks.search.pooled import _blind_order, agreement, merge, score_run


def result(query_id, kind, expected, returned):
    return {"id": query_id, "kind": kind, "expected": expected, "returned": returned}


RUN = {
    "queries": [
        # The judged set's document third: both scores see it.
        result("q1", "topic", ["law"], ["notice", "other", "law"]),
        # The judged set's document absent; the first result graded an answer.
        result("q2", "question", ["act"], ["results", "penalty"]),
        # Nothing relevant; one result never judged.
        result("q3", "question", ["code"], ["noise", "new"]),
    ]
}
JUDGED = {
    "q1": {"notice": 1, "other": 0, "law": 2},
    "q2": {"results": 2, "penalty": 1, "act": 2},
    "q3": {"noise": 0, "code": 2},
}


def test_strict_and_pooled_success_and_reciprocal_rank():
    table = score_run(RUN, JUDGED)
    n, strict_success, strict_mrr, pooled_success, pooled_mrr, unjudged = table["overall"]
    assert n == 3
    assert strict_success == 1 / 3 and strict_mrr == (1 / 3) / 3
    assert pooled_success == 2 / 3 and pooled_mrr == (1 / 3 + 1) / 3
    assert unjudged == 1
    assert table["question"][:5] == (2, 0.0, 0.0, 0.5, 0.5)


def test_a_related_grade_counts_only_when_asked():
    assert score_run(RUN, JUDGED)["topic"][4] == 1 / 3
    assert score_run(RUN, JUDGED, min_grade=1)["topic"][4] == 1.0


def test_the_assessors_grades_of_the_judged_sets_documents():
    assert agreement(JUDGED, [(None, RUN)]) == {2: 3}


def test_the_pool_order_tells_nothing_of_rank_yet_is_reproducible():
    ids = ["a", "b", "c", "d", "e", "f"]
    order = sorted(ids, key=lambda c: _blind_order("q1", c))
    assert order == sorted(ids, key=lambda c: _blind_order("q1", c))
    assert order != ids


def test_new_grades_are_added_and_earlier_ones_kept(tmp_path):
    judgments = tmp_path / "judgments.json"
    judgments.write_text(json.dumps({"q1": {"law": 2}}), encoding="utf-8")
    grades = tmp_path / "grades.json"
    grades.write_text(json.dumps({"q1": {"law": 0, "notice": 1}, "q2": {"act": 2}}))
    merge(grades, judgments)
    assert json.loads(judgments.read_text(encoding="utf-8")) == {
        "q1": {"law": 2, "notice": 1},
        "q2": {"act": 2},
    }
