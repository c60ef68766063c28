"""The report as DOCX (opened with python-docx, every official label of the 2021 format present,
header cells merged as in the format) and as PDF (rendered to PNG, its text extracted), from the
page and from ``manage.py annual_report``."""

import io

import docx
import pypdfium2
import pytest
from django.core.management import CommandError, call_command

from disclosure.annual_report.models import AnnualReportPage
from tests.factories import publish
from tests.printing.fonts import needs_cjk_font

pytestmark = pytest.mark.django_db

#: The labels of the format (国办公开办函〔2021〕30号), sections and tables 二–四.
OFFICIAL_LABELS = [
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
    "第二十条第（一）项",
    "信息内容",
    "本年制发件数",
    "本年废止件数",
    "现行有效件数",
    "规章",
    "行政规范性文件",
    "第二十条第（五）项",
    "本年处理决定数量",
    "行政许可",
    "第二十条第（六）项",
    "行政处罚",
    "行政强制",
    "第二十条第（八）项",
    "本年收费金额（单位：万元）",
    "行政事业性收费",
    "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
    "申请人情况",
    "自然人",
    "法人或其他组织",
    "商业企业",
    "科研机构",
    "社会公益组织",
    "法律服务机构",
    "其他",
    "总计",
    "一、本年新收政府信息公开申请数量",
    "二、上年结转政府信息公开申请数量",
    "三、本年度办理结果",
    "（一）予以公开",
    "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "（三）不予公开",
    "1.属于国家秘密",
    "2.其他法律行政法规禁止公开",
    "3.危及“三安全一稳定”",
    "4.保护第三方合法权益",
    "5.属于三类内部事务信息",
    "6.属于四类过程性信息",
    "7.属于行政执法案卷",
    "8.属于行政查询事项",
    "（四）无法提供",
    "1.本机关不掌握相关政府信息",
    "2.没有现成信息需要另行制作",
    "3.补正后申请内容仍不明确",
    "（五）不予处理",
    "1.信访举报投诉类申请",
    "2.重复申请",
    "3.要求提供公开出版物",
    "4.无正当理由大量反复申请",
    "5.要求行政机关确认或重新出具已获取信息",
    "（六）其他处理",
    "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    "3.其他",
    "（七）总计",
    "四、结转下年度继续办理",
    "行政复议",
    "行政诉讼",
    "结果维持",
    "结果纠正",
    "其他结果",
    "尚未审结",
    "未经复议直接起诉",
    "复议后起诉",
]


@pytest.fixture
def published(year_of_records, report_column):
    page = AnnualReportPage(
        title="示范市市场监督管理局2026年政府信息公开工作年度报告",
        slug="nb2026",
        year=2026,
        live=False,
        overview="<p>本年度主动公开政府信息 1,234 条。</p><p>第二段。</p>",
    )
    report_column.add_child(instance=page)
    return publish(page)


def docx_texts(content):
    document = docx.Document(io.BytesIO(content))
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            texts += [cell.text for cell in row.cells]
    return document, texts


def test_the_docx_holds_every_official_label_and_merged_headers(client, published):
    response = client.get(published.url + "docx/")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="annual-report-2026.docx"'
    document, texts = docx_texts(response.content)
    missing = [label for label in OFFICIAL_LABELS if label not in texts]
    assert missing == []
    assert "示范市市场监督管理局2026年政府信息公开工作年度报告" in texts
    assert "本年度主动公开政府信息 1,234 条。" in texts and "1.7346" in texts
    two, three, four = document.tables
    assert len(three.columns) == 10 and len(three.rows) == 3 + 25
    assert len(four.columns) == 15 and len(four.rows) == 4
    # The note spans 3 columns and 3 rows; 三、本年度办理结果 spans its 22 rows.
    assert three.cell(0, 0)._tc is three.cell(2, 2)._tc
    assert three.cell(5, 0)._tc is three.cell(26, 0)._tc
    assert four.cell(0, 0)._tc is four.cell(0, 4)._tc  # 行政复议 over five columns
    assert four.cell(1, 0)._tc is four.cell(2, 0)._tc  # 结果维持 over two rows
    assert [c.text for c in four.rows[3].cells][:5] == ["0", "0", "0", "1", "1"]


@needs_cjk_font
def test_the_pdf_renders_to_png_and_its_text_extracts(client, published, tmp_path):
    response = client.get(published.url + "pdf/")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    pdf = pypdfium2.PdfDocument(response.content)
    text = ""
    for index in range(len(pdf)):
        page = pdf[index]
        image = page.render(scale=1).to_pil()
        image.save(tmp_path / f"page-{index + 1}.png")
        assert image.size[0] > 500 and image.getextrema() != ((255, 255), (255, 255), (255, 255))
        text += page.get_textpage().get_text_range()
    flat = text.replace("\r", "").replace("\n", "").replace(" ", "")
    for label in (
        "2026年政府信息公开工作年度报告",
        "一、总体情况",
        "本年制发件数",
        "申请人情况",
        "三、本年度办理结果",
        "四、结转下年度继续办理",
        "未经复议直接起诉",
        "六、其他需要报告的事项",
    ):
        assert label in flat, label
    assert (tmp_path / "page-1.png").stat().st_size > 1000


@needs_cjk_font
def test_the_command_writes_docx_and_pdf(published, tmp_path):
    out = io.StringIO()
    call_command(
        "annual_report",
        "2026",
        "--docx",
        tmp_path / "r.docx",
        "--pdf",
        tmp_path / "r.pdf",
        stdout=out,
    )
    assert "使用已发布的 2026 年度报告" in out.getvalue() and "勾稽关系检查通过" in out.getvalue()
    _document, texts = docx_texts((tmp_path / "r.docx").read_bytes())
    assert "本年度主动公开政府信息 1,234 条。" in texts
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF")


def test_the_command_without_a_published_report_counts_the_records(year_of_records, tmp_path):
    out = io.StringIO()
    call_command("annual_report", "2026", "--docx", tmp_path / "draft.docx", stdout=out)
    assert "2026 年度报告尚未发布：按现有记录统计数据" in out.getvalue()
    _document, texts = docx_texts((tmp_path / "draft.docx").read_bytes())
    assert "1.7346" in texts and "无。" in texts
    with pytest.raises(CommandError, match="请至少指定 --docx 或 --pdf"):
        call_command("annual_report", "2026")
