"""``import_corpus``: pages, versions, idempotence and bad records, on small files of real
records taken from the shipped corpus."""

import json
import re

import pytest
from normative_samples import (
    ANTIMONOPOLY_2007,
    ANTIMONOPOLY_2022,
    CIVIL_CODE_PARTS,
    CREDIT_CODE,
    SAMPLE_IDS,
    STATE_COUNCIL_ORDER,
)
from wagtail.models import Page

from disclosure.columns.models import ColumnPage
from disclosure.normative.models import NormativeDocumentPage
from disclosure.publishing.choices import Validity
from tests.factories import publish_revision

pytestmark = pytest.mark.django_db

INDEX_NUMBER = re.compile(rf"^{CREDIT_CODE}/\d{{4}}-\d{{5}}$")
SUMMARY = re.compile(r"新增 (\d+)，更新 (\d+)，未变 (\d+)，错误 (\d+)；库中共 (\d+) 份")


def summary(out):
    created, updated, unchanged, errors, total = map(int, SUMMARY.search(out).groups())
    return {
        "created": created,
        "updated": updated,
        "unchanged": unchanged,
        "errors": errors,
        "total": total,
    }


def page(corpus_id):
    return NormativeDocumentPage.objects.get(corpus_id=corpus_id)


# 1. Pages under the column, live, with index numbers, searchable, editable.


def test_import_creates_live_pages_under_the_corpus_column(import_corpus, sample_file):
    assert not ColumnPage.objects.filter(slug="laws").exists()

    out, err = import_corpus(sample_file)

    assert err == ""
    assert summary(out) == {
        "created": len(SAMPLE_IDS),
        "updated": 0,
        "unchanged": 0,
        "errors": 0,
        "total": len(SAMPLE_IDS),
    }
    column = ColumnPage.objects.get(slug="laws")
    assert column.title == "法律法规库"
    assert column.live
    assert column.get_parent().specific_class.__name__ == "HomePage"

    pages = NormativeDocumentPage.objects.all()
    assert sorted(p.corpus_id for p in pages) == sorted(SAMPLE_IDS)
    for item in pages:
        assert item.live, item.corpus_id
        assert item.get_parent().pk == column.pk
        assert not item.has_unpublished_changes
        # Reference laws of other bodies take no 索引号 of the bureau (issue #14 item 11).
        assert item.index_number is None, item.index_number
        assert item.published_at is not None
        assert item.slug == item.corpus_id
        assert item.issued_here is False


def test_imported_fields_come_from_the_record(import_corpus, sample_file, record):
    import_corpus(sample_file)
    source = record(STATE_COUNCIL_ORDER)
    item = page(STATE_COUNCIL_ORDER)
    assert item.title == source["title"] == "专利代理条例"
    assert item.legal_category == "行政法规"
    assert item.region == "全国"
    assert item.promulgated_on.isoformat() == source["issued"]
    assert item.effective_on.isoformat() == source["effective"]
    assert item.version_date.isoformat() == source["version"]
    assert item.written_on == item.version_date
    assert item.history_lines.splitlines() == source["history"]
    assert item.body == source["text"]
    assert item.publisher == "国务院"
    assert item.document_number == "国务院令第706号"
    assert len(item.content_hash) == 64


def test_existing_column_is_reused_and_issued_here_flag(import_corpus, write_jsonl, record):
    home = Page.objects.get(depth=2)
    column = ColumnPage(title="本机关规范性文件", slug="gfxwj")
    home.add_child(instance=column)
    column.save_revision().publish()

    out, err = import_corpus(
        write_jsonl([record(STATE_COUNCIL_ORDER)]), "--column", "gfxwj", "--issued-here"
    )

    assert err == ""
    assert not ColumnPage.objects.filter(slug="laws").exists()
    item = page(STATE_COUNCIL_ORDER)
    assert item.get_parent().pk == column.pk
    assert item.issued_here is True


def test_limit_is_exact_in_records(import_corpus, write_jsonl, record):
    # Issue #11 finding 6: --limit 500 imported 511 (it counted version chains).
    path = write_jsonl(
        [record(ANTIMONOPOLY_2007), record(ANTIMONOPOLY_2022), record(STATE_COUNCIL_ORDER)]
    )
    out, _ = import_corpus(path, "--limit", "2")
    assert summary(out)["created"] == 2
    assert set(NormativeDocumentPage.objects.values_list("corpus_id", flat=True)) == {
        ANTIMONOPOLY_2007,
        ANTIMONOPOLY_2022,
    }
    NormativeDocumentPage.objects.all().delete()
    # A chain is never split: with room for one record, the two-version chain is not taken.
    out, _ = import_corpus(path, "--limit", "1")
    assert summary(out)["created"] == 0


def test_imported_pages_are_searchable_right_after_the_command(import_corpus, sample_file):
    import_corpus(sample_file)

    found = NormativeDocumentPage.objects.live().search("中华人民共和国反垄断法")
    assert {p.corpus_id for p in found} == {ANTIMONOPOLY_2007, ANTIMONOPOLY_2022}
    found = NormativeDocumentPage.objects.live().search("专利代理条例")
    assert [p.corpus_id for p in found] == [STATE_COUNCIL_ORDER]


def test_search_finds_a_word_inside_a_chinese_title(import_corpus, sample_file):
    import_corpus(sample_file)
    found = NormativeDocumentPage.objects.live().search("反垄断")
    assert {p.corpus_id for p in found} == {ANTIMONOPOLY_2007, ANTIMONOPOLY_2022}


def test_imported_page_is_editable(import_corpus, sample_file):
    import_corpus(sample_file)
    item = page(STATE_COUNCIL_ORDER)
    index_number = item.index_number
    revisions = item.revisions.count()

    draft = item.get_latest_revision_as_object()
    draft.keywords = "专利代理"
    draft.summary = "规范专利代理行为。"
    publish_revision(draft.save_revision())

    item.refresh_from_db()
    assert item.keywords == "专利代理"
    assert item.summary == "规范专利代理行为。"
    assert item.live
    assert item.index_number == index_number
    assert item.revisions.count() == revisions + 1


# 2. Versions.


def test_versions_of_one_title_are_chained(import_corpus, sample_file):
    import_corpus(sample_file)
    old, new = page(ANTIMONOPOLY_2007), page(ANTIMONOPOLY_2022)

    assert new.supersedes_id == old.pk
    assert old.supersedes_id is None
    assert old.versions() == [old, new]
    assert new.versions() == [old, new]
    assert old.current_version() == new
    assert new.current_version() == new
    assert old.validity == Validity.AMENDED
    assert old.get_validity_display() == "已修改"
    assert new.validity == Validity.IN_FORCE
    assert str(old.version_date) == "2007-08-30"
    assert str(new.version_date) == "2022-06-24"


def test_each_version_has_its_own_url_and_renders(client, import_corpus, sample_file):
    import_corpus(sample_file)
    old, new = page(ANTIMONOPOLY_2007), page(ANTIMONOPOLY_2022)
    assert old.url != new.url

    old_html = client.get(old.url)
    new_html = client.get(new.url)
    assert old_html.status_code == new_html.status_code == 200
    old_html, new_html = old_html.content.decode(), new_html.content.decode()

    assert "此为历史版本（2007-08-30）" in old_html
    assert f'<a href="{new.url}">查看现行版本</a>' in old_html
    assert "此为历史版本" not in new_html
    for html in (old_html, new_html):
        assert "版本沿革" in html
        assert "现行版本" in html
    assert f'<a href="{old.url}">2007-08-30</a>' in new_html
    assert "中华人民共和国反垄断法" in new_html


def test_civil_code_parts_stay_separate_documents(client, import_corpus, sample_file):
    import_corpus(sample_file)
    parts = NormativeDocumentPage.objects.filter(corpus_id__in=CIVIL_CODE_PARTS)
    assert parts.count() == len(CIVIL_CODE_PARTS)
    assert {p.title for p in parts} == {"中华人民共和国民法典"}
    assert len({p.url for p in parts}) == len(CIVIL_CODE_PARTS)
    for part in parts:
        assert part.supersedes_id is None
        assert not part.superseded_by.exists()
        assert part.versions() == [part]
        assert part.validity == Validity.IN_FORCE
        response = client.get(part.url)
        assert response.status_code == 200
        assert "版本沿革" not in response.content.decode()


def test_versions_are_chained_whatever_the_order_in_the_file(import_corpus, write_jsonl, record):
    import_corpus(write_jsonl([record(ANTIMONOPOLY_2022), record(ANTIMONOPOLY_2007)]))
    assert page(ANTIMONOPOLY_2022).supersedes == page(ANTIMONOPOLY_2007)
    assert page(ANTIMONOPOLY_2007).validity == Validity.AMENDED


def test_a_newer_version_in_a_later_import_amends_the_older(import_corpus, write_jsonl, record):
    import_corpus(write_jsonl([record(ANTIMONOPOLY_2007)], name="first.jsonl"))
    assert page(ANTIMONOPOLY_2007).validity == Validity.IN_FORCE

    out, _ = import_corpus(
        write_jsonl([record(ANTIMONOPOLY_2007), record(ANTIMONOPOLY_2022)], name="second.jsonl")
    )

    assert summary(out)["created"] == 1
    assert summary(out)["updated"] == 1
    old = page(ANTIMONOPOLY_2007)
    assert old.validity == Validity.AMENDED
    assert old.current_version() == page(ANTIMONOPOLY_2022)


# 3. Idempotence.


def test_second_run_changes_nothing(import_corpus, sample_file):
    import_corpus(sample_file)
    before = {
        p.corpus_id: (p.pk, p.index_number, p.revisions.count(), p.latest_revision_id)
        for p in NormativeDocumentPage.objects.all()
    }

    out, err = import_corpus(sample_file)

    assert err == ""
    assert summary(out) == {
        "created": 0,
        "updated": 0,
        "unchanged": len(SAMPLE_IDS),
        "errors": 0,
        "total": len(SAMPLE_IDS),
    }
    after = {
        p.corpus_id: (p.pk, p.index_number, p.revisions.count(), p.latest_revision_id)
        for p in NormativeDocumentPage.objects.all()
    }
    assert after == before
    assert ColumnPage.objects.filter(slug="laws").count() == 1


def test_changed_record_updates_its_page(import_corpus, write_jsonl, record):
    records = [record(corpus_id) for corpus_id in SAMPLE_IDS]
    path = write_jsonl(records)
    import_corpus(path)
    old = page(ANTIMONOPOLY_2007)
    numbers = {p.corpus_id: p.index_number for p in NormativeDocumentPage.objects.all()}
    revisions = old.revisions.count()

    changed = next(r for r in records if r["id"] == ANTIMONOPOLY_2007)
    changed["text"] += "\n\n（本文本经校对更新。）"
    write_jsonl(records)
    out, err = import_corpus(path)

    assert err == ""
    assert summary(out) == {
        "created": 0,
        "updated": 1,
        "unchanged": len(SAMPLE_IDS) - 1,
        "errors": 0,
        "total": len(SAMPLE_IDS),
    }
    updated = page(ANTIMONOPOLY_2007)
    assert updated.pk == old.pk
    assert updated.body.endswith("（本文本经校对更新。）")
    assert updated.revisions.count() == revisions + 1
    assert updated.live_revision_id == updated.latest_revision_id != old.live_revision_id
    assert not updated.has_unpublished_changes
    assert updated.content_hash != old.content_hash
    assert updated.validity == Validity.AMENDED
    assert page(ANTIMONOPOLY_2022).supersedes_id == updated.pk
    assert NormativeDocumentPage.objects.filter(title="中华人民共和国反垄断法").count() == 2
    assert {p.corpus_id: p.index_number for p in NormativeDocumentPage.objects.all()} == numbers


def test_hand_set_repeal_survives_reimport(import_corpus, sample_file):
    import_corpus(sample_file)
    draft = page(STATE_COUNCIL_ORDER).get_latest_revision_as_object()
    draft.validity = Validity.REPEALED
    publish_revision(draft.save_revision())
    revisions = page(STATE_COUNCIL_ORDER).revisions.count()

    for _ in range(2):
        out, _err = import_corpus(sample_file)
        assert summary(out)["unchanged"] == len(SAMPLE_IDS)

    item = page(STATE_COUNCIL_ORDER)
    assert item.validity == Validity.REPEALED
    assert item.revisions.count() == revisions


# 4. Bad records.


def test_bad_records_are_reported_and_the_rest_imported(import_corpus, write_jsonl, record):
    no_title = record(CIVIL_CODE_PARTS[0]) | {"id": "0000notitle0", "title": ""}
    bad_date = record(CIVIL_CODE_PARTS[1]) | {"id": "0000baddate0", "effective": "2021-13-45"}
    not_an_object = "[1, 2, 3]"
    path = write_jsonl(
        [
            record(ANTIMONOPOLY_2007),
            '{"id": "0000broken00", "title": "未写完的记录"',  # line 2: not JSON
            no_title,  # line 3
            record(STATE_COUNCIL_ORDER),
            bad_date,  # line 5
            not_an_object,  # line 6
            record(ANTIMONOPOLY_2022),
        ]
    )

    out, err = import_corpus(path)

    assert summary(out) == {"created": 3, "updated": 0, "unchanged": 0, "errors": 4, "total": 3}
    lines = err.splitlines()
    assert len(lines) == 4
    assert lines[0].startswith("跳过 第 2 行：JSON 格式错误")
    assert lines[1] == "跳过 第 3 行：缺少字段：title"
    assert lines[2] == "跳过 第 5 行：日期格式错误：'2021-13-45'"
    assert lines[3] == "跳过 第 6 行：记录不是 JSON 对象"
    assert set(NormativeDocumentPage.objects.values_list("corpus_id", flat=True)) == {
        ANTIMONOPOLY_2007,
        ANTIMONOPOLY_2022,
        STATE_COUNCIL_ORDER,
    }
    assert not Page.objects.filter(slug__startswith="0000").exists()
    assert page(ANTIMONOPOLY_2022).supersedes == page(ANTIMONOPOLY_2007)


def test_record_refused_at_publication_leaves_nothing_behind(import_corpus, write_jsonl, record):
    """A record that parses but cannot be published (成文日期 in the future) is rolled back
    whole: no page, no revision, no index number, and the import goes on."""
    from wagtail.models import Revision

    from disclosure.publishing.models import IndexNumberSequence

    future = record(CIVIL_CODE_PARTS[2]) | {"id": "0000future00", "issued": "2999-01-01"}
    path = write_jsonl([future, record(CIVIL_CODE_PARTS[0]), record(CIVIL_CODE_PARTS[1])])

    out, err = import_corpus(path, "--issued-here")

    assert summary(out) == {"created": 2, "updated": 0, "unchanged": 0, "errors": 1, "total": 2}
    assert err.strip() == "跳过 0000future00：成文日期：成文日期 2999-01-01 晚于今天，不能发布。"
    assert not Page.objects.filter(slug="0000future00").exists()
    assert (
        NormativeDocumentPage.objects.count()
        == Revision.objects.filter(content_type__model="normativedocumentpage").count()
    )
    assert IndexNumberSequence.objects.get().last_serial == 2
    column = ColumnPage.objects.get(slug="laws")
    assert column.get_children().count() == column.numchild == 2


def test_missing_file_is_a_command_error(import_corpus, tmp_path):
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="无法读取语料文件"):
        import_corpus(tmp_path / "missing.jsonl")


def test_without_credit_code_the_bureaus_own_documents_are_refused_once(db, write_jsonl, record):
    """No 统一社会信用代码, no 索引号: checked once before anything is read — one Chinese
    message, a non-zero exit, no rate, nothing left (issue #12 item 15)."""
    import io

    from django.core.management import CommandError, call_command

    out, err = io.StringIO(), io.StringIO()
    path = write_jsonl([record(STATE_COUNCIL_ORDER), record(CIVIL_CODE_PARTS[0])])
    with pytest.raises(CommandError) as error:
        call_command(
            "import_corpus", str(path), "--issued-here", "--no-progress", stdout=out, stderr=err
        )
    assert str(error.value) == "请先在“机构设置”中填写本机关的统一社会信用代码，才能生成索引号。"
    assert out.getvalue() == "" and err.getvalue() == ""
    assert not NormativeDocumentPage.objects.exists()


def test_reference_laws_need_no_credit_code(db, write_jsonl, record):
    import io

    from django.core.management import call_command

    out = io.StringIO()
    path = write_jsonl([record(STATE_COUNCIL_ORDER)])
    call_command("import_corpus", str(path), "--no-progress", stdout=out, stderr=io.StringIO())
    assert summary(out.getvalue())["created"] == 1


def test_a_file_that_is_not_xz_or_not_utf8_is_one_chinese_error(import_corpus, tmp_path, record):
    from django.core.management import CommandError

    fake = tmp_path / "laws.jsonl.xz"
    fake.write_bytes(b"not xz at all")
    with pytest.raises(CommandError, match="不是有效的 xz 压缩文件"):
        import_corpus(fake)
    gb = tmp_path / "laws.jsonl"
    gb.write_bytes(json.dumps(record(STATE_COUNCIL_ORDER), ensure_ascii=False).encode("gb18030"))
    with pytest.raises(CommandError, match="不是 UTF-8 编码"):
        import_corpus(gb)
    assert not NormativeDocumentPage.objects.exists()


def test_a_duplicate_id_is_reported_and_the_first_record_kept(import_corpus, write_jsonl, record):
    first = record(STATE_COUNCIL_ORDER)
    later = first | {"title": first["title"] + "（重复）"}
    out, err = import_corpus(write_jsonl([first, later]))
    assert summary(out)["created"] == 1 and summary(out)["errors"] == 1
    assert f"id {STATE_COUNCIL_ORDER} 与第 1 行重复" in err
    assert NormativeDocumentPage.objects.get().title == first["title"]


def test_nothing_imported_is_a_failure_without_a_rate(import_corpus, write_jsonl):
    from django.core.management import CommandError

    path = write_jsonl([{"id": "x"}])
    with pytest.raises(CommandError, match="没有导入任何文件"):
        import_corpus(path)
