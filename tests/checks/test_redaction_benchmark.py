"""The labelled set of the personal-data scanner (issue #6, "Measure"): its size, its hard
negatives, and the targets — recall 1.0 and precision ≥ 0.95 on ID and mobile numbers."""

import json

import pytest

from benchmarks.checks import measure


@pytest.fixture(scope="module")
def samples():
    lines = (measure.HERE / "samples.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


def test_the_set_has_at_least_200_snippets_with_hard_negatives(samples):
    assert len(samples) >= 200
    negatives = {s["template"] for s in samples if not s["findings"]}
    # Credit codes, 18 digits with a wrong check digit, 文号/索引号, batch numbers, amounts,
    # office landlines.
    assert {"t_company", "t_wrong_check", "t_document", "t_batch", "t_amount", "t_landline"} <= (
        negatives
    )


@pytest.mark.parametrize("kind", ["id_number", "mobile"])
def test_targets_on_id_and_mobile_numbers(samples, kind):
    tp, fp, fn, _misses = measure.score(samples)
    assert tp[kind] > 0
    assert fn[kind] == 0  # recall 1.0
    assert tp[kind] / (tp[kind] + fp[kind]) >= 0.95
