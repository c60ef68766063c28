"""Coverage of the standard catalogue by live columns (disclosure.catalogue.coverage)."""

import io

import pytest
from catalogue_testutils import add_column
from django.core.management import call_command
from django.core.management.base import CommandError

from disclosure.catalogue.coverage import coverage_report
from disclosure.catalogue.models import CatalogueItem


@pytest.fixture
def columns(imported):
    return {
        "licences": add_column("行政许可公示", "xzxkgs", [13, 14, 15]),
        "random": add_column("双随机一公开", "ssjygk", [16]),
        "news": add_column("工作动态", "gzdt"),
        "draft": add_column("机构概况", "jggk", [1], live=False),
    }


@pytest.mark.django_db
def test_report_lists_uncovered_items_and_empty_columns(columns):
    report = coverage_report()
    uncovered = [item.number for item in report.uncovered_items]
    assert uncovered == [n for n in range(1, 37) if n not in (13, 14, 15, 16)]
    assert 1 in uncovered  # linked only by a draft column
    assert report.empty_columns == [columns["news"]]
    assert (report.item_count, report.covered_item_count, report.column_count) == (36, 4, 3)
    assert not report.complete

    # Items whose 建议栏目 names an existing column point to it.
    suggestions = {
        CatalogueItem.objects.get(pk=pk).number: column.pk
        for pk, column in report.suggestions.items()
    }
    assert suggestions == {17: columns["random"].pk, 18: columns["random"].pk}


@pytest.mark.django_db
def test_unpublished_column_no_longer_covers(columns):
    columns["licences"].unpublish()
    report = coverage_report()
    assert 13 in [item.number for item in report.uncovered_items]
    assert columns["licences"] not in report.empty_columns


@pytest.mark.django_db
def test_complete_coverage(columns):
    add_column("全部事项", "all", range(1, 37))
    report = coverage_report()
    assert report.uncovered_items == []
    assert report.complete
    assert report.empty_columns == [columns["news"]]


@pytest.mark.django_db
def test_empty_site():
    report = coverage_report()
    assert (report.uncovered_items, report.empty_columns) == ([], [])
    assert report.complete


@pytest.mark.django_db
def test_coverage_command_output(columns):
    out = io.StringIO()
    call_command("catalogue_coverage", stdout=out)
    output = out.getvalue()
    assert "标准目录覆盖检查：共 36 个事项，其中 4 个已有栏目；共 3 个已发布栏目。" in output
    assert "未对应栏目的标准目录事项（32 个）：" in output
    assert "  1. 机构信息 / 机构职能（牵头科室：办公室）" in output
    assert (
        "  17. 监督检查 / 检查对象名录和抽查计划（牵头科室：信用监管科），建议关联栏目“双随机一公开”"
        in output
    )
    assert "13. 行政许可" not in output
    assert "未关联标准目录事项的栏目（1 个）：" in output
    assert "  工作动态（/home/gzdt/）" in output


@pytest.mark.django_db
def test_coverage_command_fail_option(columns):
    with pytest.raises(CommandError, match="有 32 个标准目录事项未对应已发布栏目") as raised:
        call_command("catalogue_coverage", "--fail", stdout=io.StringIO())
    assert raised.value.returncode == 1

    add_column("全部事项", "all", range(1, 37))
    out = io.StringIO()
    call_command("catalogue_coverage", "--fail", stdout=out)  # empty columns do not fail
    assert "所有标准目录事项均已对应栏目。" in out.getvalue()
