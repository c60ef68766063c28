"""Who may download a document (``/documents/<id>/<name>``): issue #11, finding 2.

A document is public only while a publicly visible page (:mod:`.visibility`: live, 主动公开,
under no view restriction) uses it. The pages that use a document are those Wagtail's reference
index records: it is kept from each page's own row, which holds the live content of a live page
(and the content of a page never published), and covers the attachments StreamField, document
links in rich text and document foreign keys (the gazette's PDF). An attachment that only a draft
revision of a live page adds is therefore not public until that revision is published.

Otherwise the file answers 404, or 410 when every page that used it was withdrawn (撤回,
总局令第45号 第11条), as the page itself does. Staff keep access for the admin's preview and review
screens: a user with admin access who may choose or change the document, or who may edit a page
that uses it (Wagtail's page permissions, including the reviewer of the workflow step it is in).
"""

from django.contrib.contenttypes.models import ContentType
from django.http import Http404, HttpResponseGone
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model
from wagtail.models import Page, ReferenceIndex
from wagtail.permissions import policy_registry

from .visibility import is_publicly_visible, restricted_paths

ADMIN_ACCESS = "wagtailadmin.access_admin"
DOCUMENT_ACTIONS = ["choose", "change"]


def pages_using(document):
    """The pages (specific) whose stored content uses ``document``, from the reference index."""
    page_type = ContentType.objects.get_for_model(Page)
    ids = (
        ReferenceIndex.get_references_to(document)
        .filter(base_content_type=page_type)
        .values_list("object_id", flat=True)
    )
    return list(Page.objects.filter(pk__in={int(pk) for pk in ids}).specific())


def is_public(document, pages=None):
    """Whether a publicly visible page uses ``document``."""
    pages = pages_using(document) if pages is None else pages
    paths = restricted_paths()
    return any(is_publicly_visible(page, paths) for page in pages)


def staff_may_see(document, user, pages=None):
    """An admin user who may choose or change the document, or edit a page that uses it."""
    if not (user.is_authenticated and user.is_active and user.has_perm(ADMIN_ACCESS)):
        return False
    # The roles hold the document permissions as group permissions
    # (disclosure.departments.roles); Wagtail's policy also knows per-collection ones.
    opts = type(document)._meta
    if any(user.has_perm(f"{opts.app_label}.{a}_{opts.model_name}") for a in DOCUMENT_ACTIONS):
        return True
    policy = policy_registry.get_by_type(get_document_model())
    if policy.user_has_any_permission_for_instance(user, DOCUMENT_ACTIONS, document):
        return True
    pages = pages_using(document) if pages is None else pages
    return any(page.permissions_for_user(user).can_edit() for page in pages)


def only_withdrawn(pages):
    """Every page that used the document was withdrawn and is still off the portal."""
    return bool(pages) and all(not page.live and page.withdrawals.exists() for page in pages)


def check_document_access(document, request):
    """The ``before_serve_document`` hook: ``None`` lets Wagtail serve the file; otherwise 404,
    or 410 for the file of withdrawn items."""
    pages = pages_using(document)
    if is_public(document, pages) or staff_may_see(document, request.user, pages):
        return None
    if only_withdrawn(pages):
        return HttpResponseGone(
            _("该文件所属的信息已撤回。"), content_type="text/plain; charset=utf-8"
        )
    raise Http404(_("文件不存在或未公开。"))
