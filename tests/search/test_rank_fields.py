"""What re-ranking reads of its candidates (``service.rank_fields``): the page row and the fields
of each page type, each type's rows read by its own ids."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from disclosure.normative.models import NormativeDocumentPage
from search import service
from tests.factories import article, column, normative_document, organisation, publish

pytestmark = pytest.mark.django_db


def in_list(sql, table):
    """The ids of the ``IN (…)`` list of the statement that reads ``table``."""
    (statement,) = [s for s in sql if f'FROM "{table}"' in s]
    return {int(n) for n in re.search(r"IN \(([^)]*)\)", statement).group(1).split(",")}


def test_each_type_is_read_by_its_own_ids():
    organisation()
    notices = column(title="通知公告", slug="notices")
    notice = article(notices, title="关于开展抽查的通知", body="<p>抽查。</p>")
    laws = column(title="法律法规", slug="laws")
    law = normative_document(laws, "中华人民共和国种子法", "seed-law", "第一条 为了保护种子资源。")
    publish(law)

    with CaptureQueriesContext(connection) as queries:
        found = service.rank_fields({notice.pk, law.pk})

    assert set(found) == {notice.pk, law.pk}
    assert found[law.pk].title == "中华人民共和国种子法"
    assert found[law.pk].legal_category == "法律"
    assert not found[notice.pk].records_one_case
    sql = [q["sql"] for q in queries.captured_queries]
    assert in_list(sql, NormativeDocumentPage._meta.db_table) == {law.pk}
    assert in_list(sql, type(notice)._meta.db_table) == {notice.pk}


def test_values_are_those_the_orm_reads():
    """The rows come from kept statements: each value converted as the ORM converts it (a
    publication time a datetime, a flag a boolean, on SQLite too), so that a page's remembered
    articles are found under the same key as a result's."""
    organisation()
    laws = column(title="法律法规", slug="laws")
    law = normative_document(laws, "中华人民共和国种子法", "seed-law", "第一条 为了保护种子资源。")
    publish(law)
    law.refresh_from_db()

    found = service.rank_fields({law.pk})[law.pk]

    assert found.last_published_at == law.last_published_at
    assert type(found.last_published_at) is type(law.last_published_at)
    assert found.issued_here is law.issued_here
    assert (found.document_number, found.validity) == (law.document_number, law.validity)


def test_candidates_of_lengths_within_one_power_of_two_share_a_statement():
    organisation()
    notices = column(title="通知公告", slug="notices")
    items = [article(notices, title=f"通知{n}", body="<p>抽查。</p>") for n in range(7)]
    service._rank_rows_statement.cache_clear()
    assert len(service.rank_fields({p.pk for p in items[:5]})) == 5
    assert len(service.rank_fields({p.pk for p in items})) == 7
    assert service._rank_rows_statement.cache_info().currsize == 1
