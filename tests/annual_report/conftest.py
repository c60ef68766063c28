"""A fixture year (2026) of every record the annual report counts, with the figures counted by
hand in the tests."""

import datetime as dt
from decimal import Decimal

import pytest

from disclosure.annual_report.choices import CoerciveMeasure, DecisionKind
from disclosure.annual_report.records import DecisionRecord, FeeRecord
from disclosure.normative.models import NormativeDocumentPage, ValidityChange
from disclosure.publishing.choices import Validity
from tests.applications.test_statistics import records  # noqa: F401  (requests of 2025–2026)
from tests.enforcement.enforcement_testutils import penalty_list, penalty_notice
from tests.factories import column, department, organisation, publish
from tests.records import licence_decision, licensing_item

D = dt.date


def normative(parent, title, **fields):
    fields.setdefault("publisher", "示范市市场监督管理局")
    page = NormativeDocumentPage(
        title=title, slug=f"doc{NormativeDocumentPage.objects.count() + 1}", live=False, **fields
    )
    parent.add_child(instance=page)
    return publish(page)


@pytest.fixture
def report_column(db):
    organisation(name="示范市市场监督管理局")
    office = department("办公室")
    return column(title="政府信息公开年报", slug="nb", departments=[office])


@pytest.fixture
def year_of_records(records, report_column):  # noqa: F811
    laws = column(title="规范性文件", slug="gfxwj")
    own = {"issued_here": True}
    normative(laws, "示范市食品小作坊管理办法", promulgated_on=D(2026, 3, 1), **own)
    normative(laws, "示范市网络交易监督管理办法", promulgated_on=D(2026, 9, 1), **own)
    old = normative(laws, "示范市广告管理规定", promulgated_on=D(2024, 5, 1), **own)
    repealed = normative(laws, "示范市农贸市场管理办法", promulgated_on=D(2022, 1, 1), **own)
    normative(
        laws,
        "示范市标准化管理规章",
        legal_category="地方政府规章",
        promulgated_on=D(2026, 6, 1),
        **own,
    )
    normative(laws, "中华人民共和国食品安全法", promulgated_on=D(2026, 4, 29))  # not ours
    normative(
        laws, "示范市旧的规定", promulgated_on=D(2020, 1, 1), validity=Validity.REPEALED, **own
    )
    # Repealed in 2026 (counted as 本年废止, not 现行有效 at the end of 2026).
    NormativeDocumentPage.objects.filter(pk=repealed.pk).update(validity=Validity.REPEALED)
    ValidityChange.objects.create(
        document=repealed,
        old_validity=Validity.IN_FORCE,
        new_validity=Validity.REPEALED,
        source=ValidityChange.Source.CLEANUP,
        changed_at=dt.datetime(2026, 8, 1, 10, tzinfo=dt.UTC),
    )
    # Repealed in 2027: still in force on 31 December 2026.
    NormativeDocumentPage.objects.filter(pk=old.pk).update(validity=Validity.REPEALED)
    ValidityChange.objects.create(
        document=old,
        old_validity=Validity.IN_FORCE,
        new_validity=Validity.REPEALED,
        source=ValidityChange.Source.CLEANUP,
        changed_at=dt.datetime(2027, 1, 5, 10, tzinfo=dt.UTC),
    )

    item = licensing_item()
    licence_decision(item, decided_on=D(2026, 3, 2))
    licence_decision(item, decided_on=D(2026, 11, 20), published_on=D(2026, 11, 25))
    licence_decision(
        item, decided_on=D(2025, 12, 30), valid_from=D(2025, 12, 30), published_on=D(2026, 1, 4)
    )
    DecisionRecord.objects.create(
        kind=DecisionKind.LICENCE, decision_number="示市监许〔2026〕900号", decided_on=D(2026, 7, 1)
    )

    listing = penalty_list()
    notice = penalty_notice(
        listing, document_number="示市监处罚〔2026〕1号", decided_on=D(2026, 5, 8)
    )
    penalty_notice(
        listing,
        publish_page=False,
        document_number="示市监处罚〔2026〕2号",
        decided_on=D(2026, 6, 8),
    )
    penalty_notice(
        listing,
        document_number="示市监处罚〔2025〕9号",
        decided_on=D(2025, 5, 8),
        written_on=D(2025, 5, 8),
    )
    DecisionRecord.objects.create(
        kind=DecisionKind.PENALTY, decision_number="示市监简罚〔2026〕3号", decided_on=D(2026, 2, 3)
    )
    DecisionRecord.objects.create(  # the same decision as a notice: counted once
        kind=DecisionKind.PENALTY, decision_number=notice.document_number, decided_on=D(2026, 5, 8)
    )
    for n, day in enumerate((D(2026, 1, 9), D(2026, 12, 31), D(2027, 1, 1)), start=1):
        DecisionRecord.objects.create(
            kind=DecisionKind.COERCIVE,
            decision_number=f"示市监强〔2026〕{n}号",
            decided_on=day,
            measure=CoerciveMeasure.SEIZE,
        )
    FeeRecord.objects.create(
        item="检验检测费", amount=Decimal("12345.00"), collected_on=D(2026, 3, 31)
    )
    FeeRecord.objects.create(
        item="检验检测费", amount=Decimal("5000.50"), collected_on=D(2026, 12, 31)
    )
    FeeRecord.objects.create(
        item="检验检测费", amount=Decimal("999.00"), collected_on=D(2025, 12, 31)
    )
    return records
