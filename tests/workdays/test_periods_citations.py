"""The 20 working days of licence decisions and inspection results come from 政府信息公开条例
第26条, not from 企业信息公示暂行条例 第6条 (which lists what the 工商 department itself produces:
登记备案, 抵押, 出质, 行政处罚): the code, the admin text and the shipped catalogue say so."""

import csv
from pathlib import Path

import disclosure.catalogue
from disclosure.inspections import rules as inspection_rules
from disclosure.licensing import rules as licensing_rules
from disclosure.workdays import periods

CATALOGUE = Path(disclosure.catalogue.__file__).parent / "data" / "catalogue.csv"


def test_the_period_and_its_users_cite_article_26():
    assert periods.PROACTIVE_DISCLOSURE_WORKDAYS == 20
    for function in (licensing_rules.publication_due_on, inspection_rules.result_due_on):
        assert "政府信息公开条例 第26条" in function.__doc__
        assert "第6条" not in function.__doc__


def test_the_shipped_catalogue_cites_article_26_for_licences_and_inspection_results():
    with CATALOGUE.open(encoding="utf-8") as file:
        rows = {row[2]: row for row in csv.reader(file)}
    for name in ("行政许可决定", "抽查检查结果"):
        basis = rows[name][4]
        assert "《政府信息公开条例》第二十六条" in basis, name
        assert "《企业信息公示暂行条例》第六条" not in basis, name
