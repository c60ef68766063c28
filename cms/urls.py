from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cms.api import api_router
from cms.openapi import openapi_view
from cms.views import favicon
from home.views import site_map
from search.views import api_search, api_suggest

urlpatterns = [
    path("favicon.ico", favicon, name="favicon"),
    # Before the admin's own URLs: single sign-on answers anonymous browsers (404 when off).
    path("admin/sso/", include("disclosure.accounts.sso.urls")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/", api_router.urls),
    path("api/openapi.json", openapi_view, name="api_openapi"),
    path("api/search/", api_search, name="api_search"),
    path("api/search/suggest/", api_suggest, name="api_search_suggest"),
    path("api/", include("disclosure.syndication.urls")),
    path("search/", include("search.urls")),
    path("yisqgk/", include("disclosure.applications.urls")),
    path("hudong/", include("disclosure.participation.urls")),
    path("wzdt/", site_map, name="site_map"),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
