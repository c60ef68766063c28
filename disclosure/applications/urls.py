from django.urls import path

from . import views

app_name = "applications"

urlpatterns = [
    path("apply/", views.apply, name="apply"),
    path("apply/form.docx", views.application_form_docx, name="application_form_docx"),
    path("track/", views.track, name="track"),
]
