"""The public fields of the disclosure items, one list for every API: Wagtail's API v2 reads
them from each item type's ``api_fields``; the headless API (``disclosure.syndication``) shows
the same names in ``/api/items/{id}/``. A field not listed never leaves the building (an
unmasked original, a note for reviewers).

And the one datetime style of the APIs: to the second, in the local time zone with its offset
(``2026-12-03T15:05:00+08:00``)."""

from django.utils import timezone
from rest_framework import serializers
from wagtail.api import APIField

#: The catalogue metadata every item carries (目录系统实施指引; 条例 第12条).
METADATA_FIELDS = (
    "index_number",
    "document_number",
    "publisher",
    "written_on",
    "published_at",
    "disclosure_attribute",
    "validity",
    "keywords",
    "summary",
)


def api_datetime(value):
    """``value`` as the APIs write a datetime: seconds, local time, ``+08:00``."""
    if value is None:
        return None
    return timezone.localtime(value).replace(microsecond=0).isoformat()


class SecondsDateTimeField(serializers.DateTimeField):
    """DRF's datetime field in :func:`api_datetime`'s style (DRF writes microseconds)."""

    def to_representation(self, value):
        return api_datetime(value) if value else None


class DepartmentSerializer(serializers.Serializer):
    """An item's 责任科室 in the APIs: ``{"id", "name"}``."""

    id = serializers.IntegerField()
    name = serializers.CharField()


def item_api_fields(*own):
    """``api_fields`` of an item type: the metadata, its 责任科室, the attachments, then the
    type's ``own`` public fields (names, or ``APIField`` for a computed value: Wagtail's API
    serves those; the headless API keeps to stored fields, :mod:`disclosure.syndication`)."""
    return [
        *(APIField(name) for name in METADATA_FIELDS),
        APIField("department", serializer=DepartmentSerializer()),
        *(
            field if isinstance(field, APIField) else APIField(field)
            for field in ("attachments", *own)
        ),
    ]
