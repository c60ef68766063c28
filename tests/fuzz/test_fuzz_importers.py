"""Fuzzing every importer: the import framework (disclosure.importing — CSV in UTF-8 with or
without a byte-order mark and in GB18030/GBK, xlsx, the header row found below a title) and the
importers built on it, the standard catalogue (disclosure.catalogue.io) and the sampling
results (disclosure.inspections.io). For any file an import returns a result or raises
:class:`~disclosure.importing.FileError` with a Chinese message; every error it reports is in
Chinese; and a result with errors wrote nothing (all-or-nothing)."""

import csv
import datetime as dt
import functools
import io

import pytest
from django.db import transaction
from fuzz_profiles import chinese, fuzz
from hypothesis import event, example, given
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from disclosure.catalogue import io as catalogue_io
from disclosure.catalogue.models import CatalogueItem
from disclosure.departments.models import Department
from disclosure.importing import FileError, cells
from disclosure.importing.files import read_rows
from disclosure.inspections import io as sampling_io
from disclosure.inspections.models import SamplingResult
from disclosure.organisation.credit_code import credit_code_check_character

# --------------------------------------------------------------------------- files


def csv_bytes(rows, encoding):
    text = io.StringIO(newline="")
    csv.writer(text).writerows(rows)
    return text.getvalue().encode(encoding, errors="replace")


def xlsx_bytes(rows):
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        # openpyxl cannot write control characters at all (CSV files carry them).
        sheet.append([ILLEGAL_CHARACTERS_RE.sub("", c) if isinstance(c, str) else c for c in row])
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "gbk"])


@st.composite
def files(draw, rows):
    """``(bytes, name)`` of ``rows`` as a CSV in some encoding, or as an xlsx workbook."""
    rows = draw(rows)
    if draw(st.booleans()):
        return csv_bytes(
            [[cells.cell_text(c) for c in row] for row in rows], draw(ENCODINGS)
        ), "导入.csv"
    return xlsx_bytes(rows), "导入.xlsx"


CELLS = st.one_of(
    st.none(),
    st.text(max_size=12),
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=False, allow_infinity=False),
    st.dates(min_value=dt.date(1900, 1, 1)),
)


@st.composite
def tables(draw, header, values, good):
    """A header row (its labels shuffled, perhaps some dropped, spelled with half-width
    brackets or spaces), perhaps below a title and blank lines; rows that are ``good(n)`` (a
    valid row as a dict by label) with some cells replaced by likely and unlikely values."""
    labels = draw(st.permutations(header))
    if draw(st.integers(0, 4)) == 0:
        labels = labels[: draw(st.integers(max(0, len(labels) - 2), len(labels)))]
    spelled = [
        draw(st.sampled_from([label, label.replace("（", "(").replace("）", ")"), f" {label} "]))
        for label in labels
    ]
    above = draw(
        st.lists(st.lists(st.one_of(st.none(), st.text(max_size=8)), max_size=3), max_size=2)
    )
    rows = []
    for n in range(1, draw(st.integers(0, 4)) + 1):
        row = [good(n)[label] for label in labels]
        for _ in range(draw(st.integers(0, 3))):
            if row:
                index = draw(st.integers(0, len(row) - 1))
                row[index] = draw(st.one_of(values, CELLS))
        rows.append(row)
    return [*above, spelled, *rows]


def in_rollback(test):
    """Run ``test`` in a transaction rolled back after each example."""

    @functools.wraps(test)
    def run(*args, **kwargs):
        with transaction.atomic():
            try:
                test(*args, **kwargs)
            finally:
                transaction.set_rollback(True)

    return run


def check_result(result, before, after):
    """Every reported error in Chinese; with errors, nothing written."""
    for error in result.errors:
        assert chinese(error.message), error
    event("errors reported" if result.errors else "imported")
    if result.errors:
        assert after == before
    elif not result.dry_run:
        assert result.created + result.updated + result.unchanged == result.checked


# --------------------------------------------------------------------------- the framework


@fuzz()
@given(st.binary(max_size=300), st.sampled_from(["x.csv", "x.xlsx", "x.CSV", "x.txt", "x"]))
@example(b"\xff\xfe\x00a", "x.csv")
@example(b"PK\x03\x04garbage", "x.xlsx")
def test_read_rows_reads_any_bytes_or_refuses_in_chinese(data, name):
    try:
        rows = read_rows(io.BytesIO(data), name)
    except FileError as error:
        assert chinese(error)
        return
    assert all(isinstance(row, list) for row in rows)


@fuzz()
@given(st.lists(st.lists(st.text(max_size=10), max_size=5), max_size=5), ENCODINGS)
def test_csv_in_any_encoding_reads_back(rows, encoding):
    data = csv_bytes(rows, encoding)
    try:
        read = read_rows(io.BytesIO(data), "x.csv")
    except FileError as error:  # e.g. GBK text that is not what was written
        assert chinese(error)
        return
    assert isinstance(read, list)
    if encoding.startswith("utf-8"):  # written in UTF-8, read back cell for cell
        assert [cell for row in read for cell in row] == [
            cell
            for row in csv.reader(io.StringIO(csv_bytes(rows, "utf-8").decode(), newline=""))
            for cell in row
        ]


@fuzz()
@given(CELLS)
def test_cells_never_crash(value):
    assert isinstance(cells.cell_text(value), str)
    assert isinstance(cells.normalise_label(value), str)
    assert cells.parse_int(value) is None or isinstance(cells.parse_int(value), int)
    assert cells.parse_date(value) is None or isinstance(cells.parse_date(value), dt.date)


@fuzz()
@given(st.text(alphabet="0123456789０１２３４５６７８９年月日-/.²١", max_size=12))
@example("99999999")
@example("0000-00-00")
@example("2026年2月30日")
def test_parse_date_of_date_like_text(text):
    assert cells.parse_date(text) is None or isinstance(cells.parse_date(text), dt.date)


# --------------------------------------------------------------------------- the catalogue

CATALOGUE_VALUES = st.sampled_from(
    [
        "1",
        "2",
        "36",
        "０３",
        "-1",
        "1.5",
        "行政许可",
        "测试事项",
        "许可证编号、有效期限",
        "《行政许可法》第三十条",
        "信息形成之日起20个工作日内",
        "登记注册科",
        "登记注册科；各起草科室",
        "政府网站",
        "政府网站、两微一端",
        "政府网站；未知渠道",
        "全社会",
        "特定对象",
        "主动",
        "依申请",
        "市级",
        "县级",
        "行政许可公示",
        "",
        "科" * 300,
    ]
)


def catalogue_row(n):
    return {
        "序号": str(n),
        "一级事项": "行政许可",
        "二级事项": f"测试事项{n}",
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


def catalogue_snapshot():
    return (
        catalogue_io.export_rows(),
        sorted(Department.objects.values_list("name", flat=True)),
        CatalogueItem.history.count(),
    )


@pytest.mark.django_db
@fuzz(0.4)
@given(files(tables(catalogue_io.HEADER, CATALOGUE_VALUES, catalogue_row)), st.booleans())
@in_rollback
def test_catalogue_import_any_file(file, dry_run):
    data, name = file
    before = catalogue_snapshot()
    importer = catalogue_io.CatalogueImporter(reason="模糊测试")
    try:
        result = importer.run(io.BytesIO(data), name, dry_run=dry_run)
    except FileError as error:
        assert chinese(error)
        assert catalogue_snapshot() == before
        return
    after = catalogue_snapshot()
    check_result(result, before, after)
    if dry_run:
        assert after == before


# --------------------------------------------------------------------------- sampling results

DEPARTMENT = "食品抽检科"


def credit_code(n):
    first17 = f"91520200MA{n:07d}"
    return first17 + credit_code_check_character(first17)


SAMPLING_VALUES = st.sampled_from(
    [
        "GZ2026-00001",
        "GZ2026-00002",
        "大米",
        "2026-02-01",
        "示范市粮油有限公司",
        "示范市便民超市",
        credit_code(1),
        credit_code(1).lower(),
        credit_code(2)[:-1] + "0",
        "2026-03-10",
        "2026年3月10日",
        "20260310",
        "2026-02-30",
        "5",
        "0",
        "99999999999",
        "GB 2762-2022",
        "示范市食品药品检验所",
        "合格",
        "不合格",
        "食品",
        "产品质量",
        "处置中",
        DEPARTMENT,
        "不存在的科室",
        "",
        "x" * 300,
    ]
)


def sampling_row(n):
    return dict.fromkeys(sampling_io.HEADER, "") | {
        "检验报告编号": f"GZ2026-{n:05d}",
        "抽检类别": "食品",
        "产品名称": "大米",
        "生产日期/批号": "2026-02-01",
        "标称生产企业名称": "示范市粮油有限公司",
        "被抽样单位名称": "示范市便民超市",
        "被抽样单位统一社会信用代码": credit_code(n),
        "抽样日期": "2026-03-10",
        "抽样数量": "5",
        "检验依据": "GB 2762-2022",
        "检验机构": "示范市食品药品检验所",
        "检验结论": "合格",
        "承办科室": DEPARTMENT,
    }


def sampling_snapshot():
    return (
        sorted(SamplingResult.objects.values_list("report_number", "product_name", "verdict")),
        SamplingResult.history.count(),
    )


@pytest.mark.django_db
@fuzz(0.4)
@given(
    files(tables(sampling_io.HEADER, SAMPLING_VALUES, sampling_row)),
    st.booleans(),
    st.booleans(),
)
@in_rollback
def test_sampling_import_any_file(file, with_default_department, restricted):
    data, name = file
    department = Department.objects.create(name=DEPARTMENT)
    before = sampling_snapshot()
    importer = sampling_io.SamplingImporter(
        department=department if with_default_department else None,
        allowed_departments={department.pk} if restricted else None,
        reason="模糊测试",
    )
    try:
        result = importer.run(io.BytesIO(data), name)
    except FileError as error:
        assert chinese(error)
        assert sampling_snapshot() == before
        return
    check_result(result, before, sampling_snapshot())
