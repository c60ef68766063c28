"""The API router of Wagtail's API v2 (pages, images, documents). The headless API proper —
catalogue, change feed, exports — is ``disclosure.syndication`` under ``/api/``; both are in
the OpenAPI document (``cms/openapi.py``)."""

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.serializers import PageSerializer
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from disclosure.publishing.api_fields import SecondsDateTimeField

MAX_OFFSET = 2**31 - 1


class CommonErrorMixin:
    """Wagtail answers its errors as ``{"message": …}`` in English; the API's common shape is
    ``{"error": {"code", "message"}}`` in Chinese (Wagtail's text kept after the colon)."""

    ERRORS = {
        400: ("bad_request", gettext_lazy("参数有误")),
        404: ("not_found", gettext_lazy("页面不存在或未公开")),
    }

    def handle_exception(self, exc):
        response = super().handle_exception(exc)
        data = getattr(response, "data", None)
        if response.status_code in self.ERRORS and isinstance(data, dict) and "message" in data:
            code, text = self.ERRORS[response.status_code]
            detail = str(data["message"])
            message = str(text) + (f"：{detail}" if response.status_code == 400 else "")
            response.data = {"error": {"code": code, "message": message}}
        return response


class SecondsPageSerializer(PageSerializer):
    """Wagtail's page serializer writing datetimes as every API of the portal does (seconds,
    ``+08:00``)."""

    serializer_field_mapping = {
        **PageSerializer.serializer_field_mapping,
        models.DateTimeField: SecondsDateTimeField,
    }


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


class PagesEndpoint(CommonErrorMixin, BoundedOffsetMixin, PagesAPIViewSet):
    base_serializer_class = SecondsPageSerializer


class ImagesEndpoint(CommonErrorMixin, BoundedOffsetMixin, PublicMediaMixin, ImagesAPIViewSet):
    pass


class DocumentsEndpoint(
    CommonErrorMixin, BoundedOffsetMixin, PublicMediaMixin, DocumentsAPIViewSet
):
    pass


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesEndpoint)
api_router.register_endpoint("images", ImagesEndpoint)
api_router.register_endpoint("documents", DocumentsEndpoint)
