"""The organisation settings and the emergency notices as every portal page reads them
(disclosure/organisation/models.py): the rows the ORM's filters give, by kept statements."""

import datetime as dt

import pytest
from django.utils import timezone
from wagtail.models import Site

from disclosure.organisation.models import (
    EmergencyNotice,
    OrganisationSettings,
    default_settings_statement,
    organisation_for,
    raised_notices,
)
from tests.factories import organisation

pytestmark = pytest.mark.django_db


def test_a_sites_settings_are_read_and_created_when_missing(django_assert_num_queries):
    site = Site.objects.get(is_default_site=True)
    stored = organisation(name="某市市场监督管理局")
    with django_assert_num_queries(1):
        found = OrganisationSettings.for_site(site)
    assert found.pk == stored.pk and found.name == "某市市场监督管理局"
    OrganisationSettings.objects.all().delete()
    created = OrganisationSettings.for_site(site)  # Wagtail's: created with the defaults
    assert created.pk and OrganisationSettings.objects.get().site_id == site.pk
    with pytest.raises(OrganisationSettings.DoesNotExist):
        OrganisationSettings.for_site(None)


def test_the_default_sites_settings_are_read_by_their_kept_statement(django_assert_num_queries):
    """Each search asks for the default site's settings (the bureau's regions): one statement,
    composed once; a change is read at the next call; created with the defaults when missing."""
    organisation(name="某市市场监督管理局", regions="某市")
    default_settings_statement.cache_clear()
    organisation_for()
    with django_assert_num_queries(1):
        found = organisation_for()
    assert found.name == "某市市场监督管理局" and found.regions == "某市"
    assert default_settings_statement.cache_info().misses == 1
    OrganisationSettings.objects.update(regions="某市 某县")
    assert organisation_for().regions == "某市 某县"
    OrganisationSettings.objects.all().delete()
    created = organisation_for()  # Wagtail's for_site: created with the defaults
    assert created.pk and created.site.is_default_site


def test_a_notice_shows_until_the_second_it_ends_newest_end_first():
    now = timezone.now().replace(second=30, microsecond=0)
    minute = dt.timedelta(minutes=1)

    def notice(text, ends_at, is_active=True):
        return EmergencyNotice.objects.create(text=text, ends_at=ends_at, is_active=is_active)

    notice("上一分钟已结束", now - minute)
    notice("本分钟内已结束", now - dt.timedelta(seconds=20))
    later_this_minute = notice("本分钟内稍后结束", now + dt.timedelta(seconds=20))
    tomorrow = notice("明日结束", now + dt.timedelta(days=1))
    notice("已停用", now + dt.timedelta(days=2), is_active=False)
    shown = raised_notices(now)
    assert shown == [tomorrow, later_this_minute]
    assert shown == list(EmergencyNotice.objects.filter(is_active=True, ends_at__gt=now))
    assert raised_notices(now + dt.timedelta(seconds=25)) == [tomorrow]  # the same minute
