from django.urls import path

from . import views

app_name = "certificates"

urlpatterns = [
    path("kursbevis/", views.MyCertificatesView.as_view(), name="mine"),
    path(
        "kursbevis/<slug:slug>/deltaker/<int:participant_pk>/",
        views.AttendanceView.as_view(),
        name="attendance",
    ),
    path(
        "kursbevis/<slug:slug>/deltaker/<int:participant_pk>/utsted/",
        views.IssueView.as_view(),
        name="issue",
    ),
    path(
        "kursbevis/<slug:slug>/deltaker/<int:participant_pk>/skriv-ut/",
        views.CertificateView.as_view(),
        name="certificate",
    ),
    # Public verification; keep it last so it never shadows the paths above.
    path("kursbevis/<str:code>/", views.VerifyView.as_view(), name="verify"),
]
