"""django-treebeard's private API (written against django-treebeard 5.3.1).

The bulk importer (:mod:`disclosure.normative.bulk`) places hundreds of new pages under one
column per batch. Treebeard's public ``add_child`` locks and reads the parent and looks up its
last child once per page; these helpers compute the same materialised paths from the last
child's path, once per batch (speed). Pinned by ``tests/upstream/test_treebeard.py``.
"""


def next_child_path(node_class, parent):
    """The path the next ``parent.add_child`` would give (``MP_Node._get_path`` for a first
    child, ``MP_Node._inc_path`` after the last one): one query. ``node_class`` is the tree's
    base model (Wagtail's ``Page``), so that children of every type are seen."""
    last = (
        node_class.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
        .order_by("-path")
        .values_list("path", flat=True)
        .first()
    )
    if last is None:
        return node_class._get_path(parent.path, parent.depth + 1, 1)
    return node_class(path=last)._inc_path()


def next_sibling_path(node):
    """The path after ``node``'s at its depth (``MP_Node._inc_path``), without a query."""
    return node._inc_path()


def set_known_parent(node, parent):
    """Let ``node.get_parent()`` answer ``parent`` without a query (treebeard's
    ``_cached_parent_obj``, which ``MP_Node.get_parent`` reads), for a node not saved yet."""
    node._cached_parent_obj = parent
