"""The entries a citizen expects of a disclosure portal (compare gov.cn-style sites): the home
page's quick links to 指南, 制度, 目录, 年报, 依申请公开 and 政民互动, and the site map of the
public column tree. Each link is found from what the site holds; one that has no page yet is left
out rather than shown broken."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _

from disclosure.annual_report.models import AnnualReportPage
from disclosure.catalogue.models import CataloguePage
from disclosure.columns.models import ColumnPage
from disclosure.publishing.visibility import visible_pages

#: Words of the column that holds the bureau's disclosure rules (政府信息公开制度).
RULES_COLUMN_WORDS = ("政府信息公开制度", "公开制度")


@dataclass
class Link:
    label: str
    url: str


def _first(pages):
    page = visible_pages(pages).order_by("path").first()
    return page.specific if page is not None else None


def _rules_column(root):
    columns = ColumnPage.objects.descendant_of(root)
    for words in RULES_COLUMN_WORDS:
        found = _first(columns.filter(title__contains=words))
        if found is not None:
            return found
    return None


def quick_links(root, guide_model, request=None):
    """The home page's quick links below ``root`` (the site's home page); ``guide_model`` is the
    disclosure guide's page type (defined beside the home page, which calls this)."""
    below = {
        _("政府信息公开指南"): _first(guide_model.objects.descendant_of(root)),
        _("政府信息公开制度"): _rules_column(root),
        _("政府信息公开目录"): _first(CataloguePage.objects.descendant_of(root)),
        _("政府信息公开年报"): _annual_reports_column(root),
    }
    links = [Link(label, page.get_url(request)) for label, page in below.items() if page]
    links.append(Link(_("依申请公开"), reverse("applications:apply")))
    links.append(Link(_("政民互动"), reverse("participation:list")))
    return links


def _annual_reports_column(root):
    report = _first(AnnualReportPage.objects.descendant_of(root))
    if report is None:
        return None
    return ColumnPage.objects.ancestor_of(report).order_by("-depth").first()


@dataclass
class Node:
    page: ColumnPage
    children: list


def column_tree(root):
    """The public columns below ``root`` as a tree (in menu order), for the site map."""
    columns = list(visible_pages(ColumnPage.objects.descendant_of(root)).order_by("path"))
    nodes, top = {}, []
    for column in columns:
        node = Node(column, [])
        nodes[column.path] = node
        parent = nodes.get(column.path[: -ColumnPage.steplen])
        (parent.children if parent else top).append(node)
    return top
