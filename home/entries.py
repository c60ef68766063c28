"""The entries a citizen expects of a disclosure portal (compare gov.cn-style sites): the home
page's quick links to 指南, 制度, 目录, 年报, 依申请公开 and 政民互动, and the site map of the
public column tree. Each link is found from what the site holds; one that has no page yet is left
out rather than shown broken."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.models import Page

from disclosure.annual_report.models import AnnualReportPage
from disclosure.catalogue.models import CataloguePage
from disclosure.columns.models import ColumnPage
from disclosure.publishing.listing import LINK_FIELDS
from disclosure.publishing.visibility import restricted_q, visible_pages

#: Words of the column that holds the bureau's disclosure rules (政府信息公开制度).
RULES_COLUMN_WORDS = ("政府信息公开制度", "公开制度")


@dataclass
class Link:
    label: str
    url: str


def quick_links(root, guide_model, request=None):
    """The home page's quick links below ``root`` (the site's home page); ``guide_model`` is the
    disclosure guide's page type (defined beside the home page, which calls this). Every
    candidate is read in one query (the home page renders them on every uncached visit)."""
    types = {
        model: ContentType.objects.get_for_model(model)
        for model in (guide_model, CataloguePage, AnnualReportPage, ColumnPage)
    }
    rules_words = Q()
    for words in RULES_COLUMN_WORDS:
        rules_words |= Q(title__contains=words)
    candidates = (
        Page.objects.live()
        .descendant_of(root)
        .exclude(restricted_q())
        .filter(
            Q(content_type__in=[types[guide_model], types[CataloguePage], types[AnnualReportPage]])
            | (Q(content_type=types[ColumnPage]) & rules_words)
        )
        .order_by("path")
        .only(*LINK_FIELDS, "content_type")
    )
    first = {}
    for page in candidates:
        kind = page.content_type_id
        if kind == types[ColumnPage].pk:
            rank = next(i for i, words in enumerate(RULES_COLUMN_WORDS) if words in page.title)
            if first.get(kind, (len(RULES_COLUMN_WORDS), None))[0] > rank:
                first[kind] = (rank, page)
        else:
            first.setdefault(kind, (0, page))

    def found(model):
        return first.get(types[model].pk, (0, None))[1]

    report = found(AnnualReportPage)
    below = {
        _("政府信息公开指南"): found(guide_model),
        _("政府信息公开制度"): found(ColumnPage),
        _("政府信息公开目录"): found(CataloguePage),
        _("政府信息公开年报"): report.get_parent() if report is not None else None,
    }
    links = [Link(label, page.get_url(request)) for label, page in below.items() if page]
    links.append(Link(_("依申请公开"), reverse("applications:apply")))
    links.append(Link(_("政民互动"), reverse("participation:list")))
    return links


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
