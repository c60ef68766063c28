"""网站地图: the public column tree of the site, generated (nothing to keep in step by hand)."""

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET
from wagtail.models import Site

from . import entries


@require_GET
def site_map(request):
    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    return render(
        request,
        "home/site_map.html",
        {"tree": entries.column_tree(site.root_page), "home": site.root_page},
    )
