"""Helpers for the standard-catalogue tests (files in the national catalogue format)."""

import io

from disclosure.catalogue.io import HEADER
from disclosure.catalogue.models import CatalogueItem
from disclosure.columns.models import ColumnPage


def csv_bytes(rows, header=HEADER, encoding="utf-8"):
    """A CSV file (bytes) with ``header`` and ``rows`` (lists of cells)."""
    import csv

    text = io.StringIO(newline="")
    writer = csv.writer(text)
    writer.writerow(header)
    writer.writerows(rows)
    return text.getvalue().encode(encoding)


def good_row(number, **overrides):
    """One valid row of the national format; ``overrides`` by header label."""
    values = {
        "序号": str(number),
        "一级事项": "行政许可",
        "二级事项": f"测试事项{number}",
        "公开内容（要素）": "许可证编号、有效期限",
        "公开依据": "《行政许可法》第三十条",
        "公开时限": "信息形成之日起20个工作日内",
        "公开主体": "登记注册科",
        "公开渠道和载体": "政府网站",
        "公开对象": "全社会",
        "公开方式": "主动",
        "公开层级": "市级",
        "建议栏目": "行政许可公示",
    }
    values.update(overrides)
    return [values[label] for label in HEADER]


def add_column(title, slug, numbers=(), live=True):
    """A column below the home page linking the catalogue items with these numbers."""
    from home.models import HomePage

    home = HomePage.objects.first()
    column = home.add_child(instance=ColumnPage(title=title, slug=slug, live=live))
    column.catalogue_items.set(CatalogueItem.objects.filter(number__in=numbers))
    revision = column.save_revision()
    if live:
        revision.publish()
    else:
        column.save()
    return column
