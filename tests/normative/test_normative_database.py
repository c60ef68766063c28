"""The normative-document database on the portal: derived validity with its history, the
version chain on the document page, the filterable list, review reminders and the cleanup
list of the bureau's own documents."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from disclosure.normative import validity
from disclosure.normative.models import (
    CleanupDecision,
    CleanupListPage,
    NormativeDatabasePage,
    NormativeDocumentPage,
    NormativeSettings,
    ValidityChange,
)
from disclosure.outbox.models import ChangeEvent
from disclosure.policies.models import InterpretationPage, PolicyCitation, PolicyDocumentPage
from disclosure.publishing.choices import Validity
from tests.factories import column, organisation, publish

TODAY = timezone.localdate()


@pytest.fixture
def laws(db):
    organisation()
    return column(title="规范性文件", slug="gfxwj")


def document(parent, title, **fields):
    fields.setdefault("publisher", "示范市市场监督管理局")
    page = NormativeDocumentPage(
        title=title, slug=f"doc{NormativeDocumentPage.objects.count() + 1}", live=False, **fields
    )
    parent.add_child(instance=page)
    return publish(page)


def test_a_document_not_yet_in_force_is_marked_and_comes_into_force(laws):
    effective = TODAY + dt.timedelta(days=30)
    doc = document(laws, "示范市食品小作坊管理办法", effective_on=effective, issued_here=True)
    assert doc.validity == Validity.NOT_YET_IN_FORCE
    assert doc.validity_changes().get().get_new_validity_display() == "尚未生效"

    assert validity.refresh(today=effective) == 1
    doc.refresh_from_db()
    assert doc.validity == Validity.IN_FORCE
    assert doc.validity_changes().first().reason == "已到施行日期"
    # Partners following the change feed learn of it.
    event = ChangeEvent.objects.filter(object_id=doc.pk).order_by("-pk").first()
    assert event.kind == "update" and "有效" in event.reason


def test_a_newer_version_makes_the_older_amended(laws):
    old = document(laws, "示范市网络交易监督管理办法", version_date=dt.date(2020, 1, 1))
    new = document(
        laws, "示范市网络交易监督管理办法", version_date=dt.date(2024, 1, 1), supersedes=old
    )
    old.refresh_from_db()
    assert old.validity == Validity.AMENDED
    assert new.validity == Validity.IN_FORCE
    assert [v.pk for v in new.versions()] == [old.pk, new.pk]
    change = ValidityChange.objects.get(document=old)
    assert (change.old_validity, change.new_validity, change.source) == (
        Validity.IN_FORCE,
        Validity.AMENDED,
        ValidityChange.Source.DERIVED,
    )


def test_the_newest_version_knows_from_its_chain_that_nothing_supersedes_it(
    laws, django_assert_num_queries
):
    old = document(laws, "示范市广告监督管理办法", version_date=dt.date(2020, 1, 1))
    new = document(laws, "示范市广告监督管理办法", version_date=dt.date(2024, 1, 1), supersedes=old)
    old.refresh_from_db()
    chain = new.versions()
    with django_assert_num_queries(0):
        assert new.newer_version(chain) is None
        assert old.newer_version(chain) == new
    alone = document(laws, "示范市商品条码管理办法")
    chain = alone.versions()
    with django_assert_num_queries(0):
        assert alone.newer_version(chain) is None


def test_a_draft_of_a_newer_version_replaces_nothing_until_it_is_published(laws, client):
    """A newer version amends the older one when it goes live, not while it is a draft, and
    no longer once it is taken off the portal again."""
    old = document(
        laws, "示范市计量监督管理办法", version_date=dt.date(2020, 1, 1), issued_here=True
    )
    database = NormativeDatabasePage(title="数据库", slug="db", live=False)
    laws.add_child(instance=database)
    database = publish(database)
    draft = NormativeDocumentPage(
        title="示范市计量监督管理办法（修订草稿）",
        slug="draft-version",
        version_date=dt.date(2025, 1, 1),
        supersedes=old,
        live=False,
        publisher="示范市市场监督管理局",
    )
    laws.add_child(instance=draft)
    draft.save_revision()

    assert validity.refresh() == 0  # the daily refresh leaves the live version alone
    old.refresh_from_db()
    assert old.validity == Validity.IN_FORCE
    assert old.current_version() == old and old.newer_version() is None
    assert old.live_versions() == [old]
    html = client.get(old.url).content.decode()
    assert "此为历史版本" not in html and "修订草稿" not in html
    assert "示范市计量监督管理办法" in client.get(database.url).content.decode()
    # The live version is still the one a cleanup decides on.
    decision = CleanupDecision(
        document=old, cleanup_year=TODAY.year, outcome="continue", decided_on=TODAY
    )
    decision.full_clean()

    new = publish(draft)
    old.refresh_from_db()
    assert old.validity == Validity.AMENDED
    assert old.current_version() == new
    assert "修订草稿" in client.get(old.url).content.decode()

    new.unpublish()
    old.refresh_from_db()
    assert old.validity == Validity.IN_FORCE
    assert old.current_version() == old
    assert "示范市计量监督管理办法" in client.get(database.url).content.decode()


def test_hand_set_validity_is_not_overridden_by_dates(laws):
    doc = document(laws, "已废止的办法", validity=Validity.REPEALED)
    assert validity.refresh() == 0
    doc.refresh_from_db()
    assert doc.validity == Validity.REPEALED


def test_document_page_shows_versions_current_and_relations(laws, client):
    old = document(laws, "示范市广告管理规定", version_date=dt.date(2019, 5, 1))
    new = document(laws, "示范市广告管理规定", version_date=dt.date(2023, 5, 1), supersedes=old)
    policy = PolicyDocumentPage(title="关于贯彻广告管理规定的通知", slug="tz", live=False)
    policy.citations.add(PolicyCitation(document=new))
    laws.add_child(instance=policy)
    policy = publish(policy)
    assert policy.cited_documents() == [new]
    assert client.get(policy.url).content.decode().count("示范市广告管理规定") >= 1
    reading = InterpretationPage(
        title="《示范市广告管理规定》解读", slug="jd", kind="text", policy=new, live=False
    )
    laws.add_child(instance=reading)
    publish(reading)

    old_html = client.get(old.url).content.decode()
    assert "此为历史版本" in old_html and new.url in old_html
    assert "已修改" in old_html
    new_html = client.get(new.url).content.decode()
    assert "现行版本" in new_html
    assert old.url in new_html  # each version at its own URL
    assert "《示范市广告管理规定》解读" in new_html
    assert "关于贯彻广告管理规定的通知" in new_html


# --- the list ------------------------------------------------------------------------------


@pytest.fixture
def database(laws):
    page = NormativeDatabasePage(title="规章和规范性文件库", slug="db", live=False)
    laws.add_child(instance=page)
    page = publish(page)
    document(
        laws,
        "示范市市场监督管理局行政处罚裁量基准",
        issued_here=True,
        legal_category="规范性文件",
        document_number="示市监规〔2024〕1号",
        written_on=dt.date(2024, 3, 1),
    )
    document(
        laws,
        "中华人民共和国产品质量法",
        legal_category="法律",
        publisher="全国人民代表大会常务委员会",
        written_on=dt.date(2018, 12, 29),
    )
    return page


@pytest.mark.parametrize(
    ("params", "expected", "absent"),
    [
        ({}, "行政处罚裁量基准", None),
        ({"scope": "here"}, "行政处罚裁量基准", "产品质量法"),
        ({"scope": "reference"}, "产品质量法", "行政处罚裁量基准"),
        ({"category": "法律"}, "产品质量法", "行政处罚裁量基准"),
        ({"year": "2024"}, "行政处罚裁量基准", "产品质量法"),
        ({"publisher": "全国人民代表大会常务委员会"}, "产品质量法", "行政处罚裁量基准"),
        ({"validity": "repealed"}, "没有符合条件的文件", "产品质量法"),
        ({"q": "裁量基准"}, "行政处罚裁量基准", "产品质量法"),
        ({"q": "示市监规〔2024〕1号"}, "行政处罚裁量基准", "产品质量法"),
    ],
)
def test_the_list_filters(database, client, params, expected, absent):
    html = client.get(database.url, params).content.decode()
    assert expected in html
    if absent:
        assert absent not in html.split("</form>", 1)[1]


def titles_in_order(html, titles):
    listing = html.split("</form>", 1)[1]
    return sorted(titles, key=listing.index)


def test_the_list_is_newest_first_with_a_sort_control(database, client, laws):
    # Issue #12 item 14: no default order and no sort control. A document without a 成文日期
    # comes last, on every database.
    document(laws, "示范市某某办法（无成文日期）", legal_category="规范性文件")
    titles = ["行政处罚裁量基准", "产品质量法", "无成文日期"]
    html = client.get(database.url).content.decode()
    assert titles_in_order(html, titles) == titles
    assert 'name="sort"' in html and "成文日期（旧→新）" in html
    html = client.get(database.url, {"sort": "oldest"}).content.decode()
    assert titles_in_order(html, titles) == ["产品质量法", "行政处罚裁量基准", "无成文日期"]


def test_with_a_keyword_relevance_or_newest_first(database, client, laws):
    document(laws, "示范市产品质量监督抽查办法", written_on=dt.date(2025, 1, 1))
    html = client.get(database.url, {"q": "产品质量", "sort": "newest"}).content.decode()
    titles = ["产品质量监督抽查办法", "产品质量法"]
    assert titles_in_order(html, titles) == titles
    assert "相关度" in html


def test_the_list_refuses_bad_search_input_with_a_message(database, client):
    response = client.get(database.url, {"q": "+++"})
    assert response.status_code == 200
    assert "检索词不能只包含符号" in response.content.decode()


# --- review and cleanup --------------------------------------------------------------------


def test_review_reminder_before_the_term_ends(laws):
    settings = NormativeSettings.load()
    settings.review_term_years, settings.reminder_days = 5, 90
    settings.save()
    due_soon = document(
        laws, "将到期的文件", issued_here=True, effective_on=TODAY - dt.timedelta(days=5 * 365 - 30)
    )
    document(laws, "新文件", issued_here=True, effective_on=TODAY - dt.timedelta(days=365))
    document(laws, "其他机关的法规", effective_on=dt.date(2001, 1, 1))  # reference: not counted
    due = validity.due_for_review()
    assert [d.pk for d, _due_on in due] == [due_soon.pk]

    CleanupDecision.objects.create(
        document=due_soon, cleanup_year=TODAY.year, outcome="continue", decided_on=TODAY
    )
    assert validity.due_for_review() == []  # a new term runs from the decision


def test_cleanup_decision_refuses_a_law_of_another_body(laws):
    law = document(laws, "中华人民共和国食品安全法")
    decision = CleanupDecision(
        document=law, cleanup_year=TODAY.year, outcome="repeal", decided_on=TODAY
    )
    with pytest.raises(ValidationError) as error:
        decision.full_clean()
    assert "不属于本机关规范性文件清理范围" in error.value.message_dict["document"][0]


def test_cleanup_decision_once_per_document_and_year(laws):
    doc = document(laws, "某办法", issued_here=True)
    CleanupDecision.objects.create(
        document=doc, cleanup_year=TODAY.year, outcome="continue", decided_on=TODAY
    )
    again = CleanupDecision(
        document=doc, cleanup_year=TODAY.year, outcome="repeal", decided_on=TODAY
    )
    with pytest.raises(ValidationError) as error:
        again.full_clean()
    assert "本清理年度已有清理结果" in str(error.value)


def test_cleanup_list_counts_only_the_bureaus_documents(laws, client):
    kept = document(laws, "继续有效的办法", issued_here=True)
    repealed = document(laws, "废止的办法", issued_here=True)
    expired = document(laws, "失效的通知", issued_here=True)
    for doc, outcome in ((kept, "continue"), (repealed, "repeal"), (expired, "expire")):
        CleanupDecision.objects.create(
            document=doc, cleanup_year=TODAY.year, outcome=outcome, decided_on=TODAY, reason="清理"
        )
    repealed.refresh_from_db()
    expired.refresh_from_db()
    assert repealed.validity == Validity.REPEALED
    assert expired.validity == Validity.EXPIRED
    assert ValidityChange.objects.filter(
        document=repealed, source=ValidityChange.Source.CLEANUP
    ).exists()

    page = CleanupListPage(title="规范性文件清理结果", slug="cleanup", live=False)
    laws.add_child(instance=page)
    page = publish(page)
    html = client.get(page.url).content.decode()
    assert "共 3 件" in html
    assert "继续有效（1 件）" in html and "废止（1 件）" in html and "失效（1 件）" in html
    assert "继续有效的办法" in html


def test_an_editor_setting_the_validity_by_hand_is_logged(laws):
    from tests.factories import publish_revision, superuser

    editor = superuser("office")
    doc = document(laws, "示范市某实施细则", issued_here=True)
    doc.validity = Validity.EXPIRED
    publish_revision(doc.save_revision(user=editor), user=editor)
    change = ValidityChange.objects.get(document=doc)
    assert (change.old_validity, change.new_validity) == (Validity.IN_FORCE, Validity.EXPIRED)
    assert change.source == ValidityChange.Source.HAND and change.changed_by == editor
    assert validity.refresh() == 0  # a hand-set 失效 is not overridden


def test_an_edit_after_a_cleanup_decision_starts_from_the_decided_validity(laws):
    from tests.factories import publish_revision, superuser

    editor = superuser("office")
    doc = document(laws, "示范市某清理办法", issued_here=True)
    CleanupDecision.objects.create(
        document=doc, cleanup_year=TODAY.year, outcome="repeal", decided_on=TODAY
    )
    draft = NormativeDocumentPage.objects.get(pk=doc.pk).get_latest_revision_as_object()
    assert draft.validity == Validity.REPEALED  # the form shows the decision, not the revision
    draft.summary = "补充内容概述"
    publish_revision(draft.save_revision(user=editor), user=editor)
    assert NormativeDocumentPage.objects.get(pk=doc.pk).validity == Validity.REPEALED
