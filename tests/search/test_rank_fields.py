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
