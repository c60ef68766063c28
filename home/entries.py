"""The entries a citizen expects of a disclosure portal (compare gov.cn-style sites): the home
page's quick links to 指南, 制度, 目录, 年报, 依申请公开 and 政民互动, and the site map of the
public column tree. Each link is found from what the site holds; one that has no page yet is left
out rather than shown broken."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.models import Page

from disclosure.annual_report.models import AnnualReportPage
from disclosure.catalogue.models import CataloguePage
from disclosure.columns.models import ColumnPage
from disclosure.publishing.links import page_url
from disclosure.publishing.listing import LINK_COLUMNS, link_page
from disclosure.publishing.visibility import restricted_paths, restricted_q, visible_pages
from disclosure.statements import fetch_rows, kept_statement, stand_in, tree_key

#: Words of the column that holds the bureau's disclosure rules (政府信息公开制度).
RULES_COLUMN_WORDS = ("政府信息公开制度", "公开制度")

_PATH, _TITLE = LINK_COLUMNS.index("path"), LINK_COLUMNS.index("title")


@dataclass
class Link:
    label: str
    url: str


@kept_statement
def candidates_statement(root_key, restricted, type_ids, database):
    """The live pages of the types ``type_ids`` below the root of ``root_key``
    (:func:`~disclosure.statements.tree_key`) and under none of the view restrictions
    ``restricted``, in tree order, as link rows and their content type."""
    # Rows, not pages: a page object costs more to make than its row to read, and all but the
    # few linked are left.
    return (
        Page.objects.using(database)
        .live()
        .descendant_of(stand_in(root_key))
        .exclude(restricted_q(paths=list(restricted)))
        .filter(content_type__in=type_ids)
        .order_by("path")
        .values_list(*LINK_COLUMNS, "content_type")
    )


def quick_links(root, guide_model, request=None):
    """The home page's quick links below ``root`` (the site's home page); ``guide_model`` is the
    disclosure guide's page type (defined beside the home page, which calls this). Every
    candidate is read in one query (the home page renders them on every uncached visit): the
    guide, the catalogue, the annual reports and the columns, among which the one that holds
    the rules and the one that holds the first annual report (linked when it is public).
    Filtering the columns in Python costs less than composing the statement that would."""
    types = {
        model: ContentType.objects.get_for_model(model)
        for model in (guide_model, CataloguePage, AnnualReportPage, ColumnPage)
    }
    database = Page.objects.db
    type_ids = tuple(sorted(kind.pk for kind in types.values()))
    statement = candidates_statement(tree_key(root), tuple(restricted_paths()), type_ids, database)
    first, columns = {}, {}
    for *link, kind in fetch_rows(database, statement):
        if kind == types[ColumnPage].pk:
            columns[link[_PATH]] = link
            ranks = [i for i, words in enumerate(RULES_COLUMN_WORDS) if words in link[_TITLE]]
            if ranks and first.get(kind, (len(RULES_COLUMN_WORDS), None))[0] > ranks[0]:
                first[kind] = (ranks[0], link)
        else:
            first.setdefault(kind, (0, link))

    def found(model):
        return first.get(types[model].pk, (0, None))[1]

    report = found(AnnualReportPage)
    report_column = columns.get(report[_PATH][: -Page.steplen]) if report is not None else None
    below = {
        _("政府信息公开指南"): found(guide_model),
        _("政府信息公开制度"): found(ColumnPage),
        _("政府信息公开目录"): found(CataloguePage),
        _("政府信息公开年报"): report_column,
    }
    pages = {label: link_page(database, link) for label, link in below.items() if link}
    links = [Link(label, page_url(page, request)) for label, page in pages.items()]
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
