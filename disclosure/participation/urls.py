from django.urls import path

from . import views

app_name = "participation"

urlpatterns = [
    path("", views.message_list, name="list"),
    path("<int:pk>/", views.message_detail, name="detail"),
    path("write/", views.write, name="write"),
    path("lookup/", views.lookup, name="lookup"),
]
