from django.urls import path

from . import coordinator_views, views

app_name = "certificates"

person = "kursbevis/<slug:slug>/deltaker/<int:participant_pk>/"
everyone = "kursbevis/<slug:slug>/alle/"

urlpatterns = [
    path("kursbevis/", views.MyCertificatesView.as_view(), name="mine"),
    path(person, views.AttendanceView.as_view(), name="attendance"),
    path(person + "utsted/", views.IssueView.as_view(), name="issue"),
    path(person + "skriv-ut/", views.CertificateView.as_view(), name="certificate"),
    path(person + "kursbevis.pdf", views.CertificatePdfView.as_view(), name="pdf"),
    path(person + "trekk-tilbake/", coordinator_views.WithdrawView.as_view(), name="withdraw"),
    path(everyone, coordinator_views.RosterView.as_view(), name="roster"),
    path(everyone + "utsted/", coordinator_views.BulkIssueView.as_view(), name="bulk_issue"),
    path(everyone + "kursbevis.zip", coordinator_views.ZipView.as_view(), name="zip"),
    # The public check: the form, then the address in the QR code. Keep these last so
    # the code never shadows the paths above.
    path("kursbevis/kontroll/", views.VerifyView.as_view(), name="check"),
    path("kursbevis/<str:code>/", views.VerifyView.as_view(), name="verify"),
]
