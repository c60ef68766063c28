"""Fixtures of the normative-document tests: real records of the shipped corpus, written to
small JSON-lines files, and the organisation settings that publishing needs."""

import io
import json
import lzma

import pytest
from django.core.management import call_command
from normative_samples import CREDIT_CODE, SAMPLE_IDS

from disclosure.normative.corpus import DEFAULT_CORPUS


@pytest.fixture(scope="session")
def corpus_records():
    """Every record of the shipped corpus, in file order."""
    with lzma.open(DEFAULT_CORPUS, "rt", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


@pytest.fixture(scope="session")
def records_by_id(corpus_records):
    return {record["id"]: record for record in corpus_records}


@pytest.fixture
def record(records_by_id):
    """A fresh copy of one real record, safe to modify."""

    def get(corpus_id):
        return json.loads(json.dumps(records_by_id[corpus_id], ensure_ascii=False))

    return get


@pytest.fixture
def write_jsonl(tmp_path):
    """Write records (dicts, or raw strings written as they are) to a .jsonl file."""

    def write(items, name="laws.jsonl"):
        path = tmp_path / name
        lines = [
            item if isinstance(item, str) else json.dumps(item, ensure_ascii=False)
            for item in items
        ]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return path

    return write


@pytest.fixture
def sample_file(write_jsonl, record):
    return write_jsonl([record(corpus_id) for corpus_id in SAMPLE_IDS])


@pytest.fixture
def organisation(db):
    from wagtail.models import Site

    from disclosure.organisation.models import OrganisationSettings

    settings = OrganisationSettings.for_site(Site.objects.get(is_default_site=True))
    settings.credit_code = CREDIT_CODE
    settings.save()
    return settings


@pytest.fixture
def import_corpus(organisation):
    """Run ``import_corpus`` and return ``(stdout, stderr)``."""

    def run(*args):
        out, err = io.StringIO(), io.StringIO()
        call_command("import_corpus", *map(str, args), "--no-progress", stdout=out, stderr=err)
        return out.getvalue(), err.getvalue()

    return run
