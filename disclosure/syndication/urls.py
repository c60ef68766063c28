from django.urls import path, re_path

from . import feeds, views

app_name = "syndication"

urlpatterns = [
    path("items/", views.item_list, name="item_list"),
    path("items/<str:page_id>/", views.item_detail, name="item_detail"),
    path("columns/", views.column_list, name="column_list"),
    path("columns/<str:column_id>/rss/", feeds.column_rss, name="column_rss"),
    path("columns/<str:column_id>/atom/", feeds.column_atom, name="column_atom"),
    path("feed/", views.feed, name="feed"),
    path("export/catalogue.json", views.export_json, name="export_json"),
    path("export/catalogue.csv", views.export_csv, name="export_csv"),
    # Anything else under /api/ is a JSON 404 in the one error shape, not the portal's page.
    re_path(r"^.*$", views.not_found, name="not_found"),
]
