"""Rules of policy documents and their interpretations, written once (seed plan 二(二)
"发布、解读、回应有序衔接"; 条例 第20条第（一）项 for the policy documents themselves).

- An interpretation (政策解读) explains a policy document that exists and is public: it goes live
  together with its policy or after it, never before it and never for a withdrawn one.
- A policy whose catalogue item calls for an interpretation is published with one attached:
  publishing it without one warns the editor, and the report of policies without
  interpretations lists it until one is published.

A catalogue item calls for an interpretation when it names one itself (its 二级事项 or 公开内容
mentions 解读) or when its 一级事项 has a 政策解读 item ("与政策文件同步发布").
"""

from django.utils.translation import gettext as _
from wagtail.models import Page

INTERPRETATION_WORD = "解读"
#: Page types an interpretation may explain.
INTERPRETED_TYPES = ("policies.policydocumentpage", "normative.normativedocumentpage")


def interpretation_errors(interpretation, require_live=True):
    """Why ``interpretation`` (the revision about to go live) may not be published, by field;
    with ``require_live=False`` only a missing or wrong policy (what a draft may not save)."""
    policy_id = interpretation.policy_id
    if not policy_id:
        return {"policy": _("请选择所解读的政策文件：政策解读必须关联一件政策文件。")}
    policy = Page.objects.filter(pk=policy_id).first()
    if policy is None:
        return {"policy": _("所解读的政策文件不存在（可能已被删除），请重新选择。")}
    if policy.specific_class is None or policy.specific_class._meta.label_lower not in (
        INTERPRETED_TYPES
    ):
        return {
            "policy": _("“%(title)s”不是政策文件，不能作为解读对象。") % {"title": policy.title}
        }
    if require_live and not policy.live:
        return {
            "policy": _(
                "所解读的政策文件“%(title)s”尚未发布或已撤回：政策解读不能先于政策文件发布。"
            )
            % {"title": policy.title}
        }
    return {}


def catalogue_items_of(page):
    """The catalogue items of the columns ``page`` is published in (its ancestors)."""
    from disclosure.catalogue.models import CatalogueItem
    from disclosure.columns.models import ColumnPage

    columns = ColumnPage.objects.ancestor_of(page, inclusive=False)
    return CatalogueItem.objects.filter(columns__in=columns).distinct()


def calls_for_interpretation(items):
    """Whether any of the catalogue ``items`` calls for an interpretation (see module doc)."""
    from disclosure.catalogue.models import CatalogueItem

    items = list(items)
    if any(INTERPRETATION_WORD in f"{i.item}{i.content_elements}" for i in items):
        return True
    categories = {i.category for i in items}
    return CatalogueItem.objects.filter(
        category__in=categories, item__contains=INTERPRETATION_WORD
    ).exists()


def missing_interpretation_warning(policy):
    """The warning shown when ``policy`` goes live without a live interpretation, or None."""
    if not policy.requires_interpretation() or policy.live_interpretations().exists():
        return None
    return _(
        "政策文件“%(title)s”所属的标准目录事项要求同步发布政策解读，但尚无已发布的解读。"
        "请尽快发布解读（发布、解读、回应有序衔接）。"
    ) % {"title": policy.title}


def live_interpretations_warning(policy):
    """When a policy is withdrawn while interpretations of it stay live, or None: they now
    explain a document the public cannot read."""
    from .models import InterpretationPage

    titles = list(
        InterpretationPage.objects.live()
        .filter(policy_id=policy.pk)
        .values_list("title", flat=True)
    )
    if policy.live or not titles:
        return None
    return _("政策文件“%(title)s”已撤下，但其政策解读仍在网站上：%(items)s。请一并处理。") % {
        "title": policy.title,
        "items": "、".join(titles),
    }


def policies_without_interpretations():
    """Live policy documents that call for an interpretation and have no live one, newest
    first. The catalogue is read once per column, not once per policy."""
    from .models import InterpretationPage, PolicyDocumentPage

    interpreted = InterpretationPage.objects.live().values_list("policy_id", flat=True)
    candidates = (
        PolicyDocumentPage.objects.live()
        .exclude(pk__in=interpreted)
        .order_by("-first_published_at", "-pk")
    )
    by_parent = {}
    result = []
    for policy in candidates:
        parent_path = policy.path[: -policy.steplen]
        if parent_path not in by_parent:
            by_parent[parent_path] = calls_for_interpretation(catalogue_items_of(policy))
        if by_parent[parent_path]:
            result.append(policy)
    return result
