"""The API router of Wagtail's API v2 (pages, images, documents). The headless API proper —
catalogue, change feed, exports — is ``disclosure.syndication`` under ``/api/``; both are in
the OpenAPI document (``cms/openapi.py``)."""

from django.utils.translation import gettext as _
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

MAX_OFFSET = 2**31 - 1


class BoundedOffsetMixin:
    """Wagtail passes ``offset`` to the database unchecked: beyond a 64-bit integer SQLite
    fails (a 500). Refuse it as the bad request it is."""

    def listing_view(self, request):
        offset = request.GET.get("offset", "")
        if offset.isascii() and offset.isdigit() and int(offset) > MAX_OFFSET:
            raise BadRequestError(_("offset 不能大于 %(max)s") % {"max": MAX_OFFSET})
        return super().listing_view(request)


def public_paths_regex():
    """The fields a public page shows (``attachments``, the types' public fields, Wagtail's
    own): a file referenced only from another field (an original kept for the record) is not
    public."""
    import re

    from disclosure.columns.models import item_models
    from disclosure.syndication.documents import public_field_names

    names = {"attachments", "body", "search_image"}
    for model in item_models():
        names.update(public_field_names(model))
    return r"^(" + "|".join(re.escape(name) for name in sorted(names)) + r")(\.|$)"


class PublicMediaMixin:
    """Only files used by a public page: the media library also holds files of drafts and of
    items that were never made public (an unmasked original, a withheld item's attachment)."""

    def get_queryset(self):
        from django.contrib.contenttypes.models import ContentType
        from django.db.models import CharField
        from django.db.models.functions import Cast
        from wagtail.models import Page, ReferenceIndex

        model = self.model
        used = ReferenceIndex.objects.filter(
            base_content_type=ContentType.objects.get_for_model(Page),
            to_content_type=ContentType.objects.get_for_model(model),
            # ReferenceIndex keeps ids as text: compare text with text (PostgreSQL insists).
            object_id__in=Page.objects.live()
            .public()
            .annotate(pk_text=Cast("pk", output_field=CharField()))
            .values("pk_text"),
            model_path__regex=public_paths_regex(),
        ).values_list("to_object_id", flat=True)
        ids = {int(pk) for pk in used if str(pk).isdigit()}
        return super().get_queryset().filter(pk__in=ids)


class PagesEndpoint(BoundedOffsetMixin, PagesAPIViewSet):
    pass


class ImagesEndpoint(BoundedOffsetMixin, PublicMediaMixin, ImagesAPIViewSet):
    pass


class DocumentsEndpoint(BoundedOffsetMixin, PublicMediaMixin, DocumentsAPIViewSet):
    pass


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesEndpoint)
api_router.register_endpoint("images", ImagesEndpoint)
api_router.register_endpoint("documents", DocumentsEndpoint)
