from django.urls import path

from . import views

app_name = "applications"

urlpatterns = [
    path("apply/", views.apply, name="apply"),
    path("apply/form.docx", views.application_form_docx, name="application_form_docx"),
    path("track/", views.track, name="track"),
    path("track/files/<int:pk>/", views.released_file, name="file"),
    path("track/letter/", views.reply_letter, name="letter"),
    path("cases/", views.case_list, name="cases"),
    path("cases/<int:pk>/", views.case_detail, name="case"),
]
