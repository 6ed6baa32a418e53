from django.urls import path

from . import coordinator_views, views

app_name = "participants"

urlpatterns = [
    path("profil/", views.profile, name="profile"),
    path("min-side/", views.dashboard, name="dashboard"),
]

# The coordinator area (Koordinator).
urlpatterns += [
    path("koordinator/", coordinator_views.OverviewView.as_view(), name="coordinator"),
    path(
        "koordinator/samlinger/<int:pk>/",
        coordinator_views.SessionListView.as_view(),
        name="coordinator_session",
    ),
    path(
        "koordinator/samlinger/<int:pk>/legg-til/",
        coordinator_views.AddParticipantView.as_view(),
        name="coordinator_add",
    ),
    path(
        "koordinator/samlinger/<int:pk>/pameldinger/<int:registration_pk>/meld-av/",
        coordinator_views.RemoveView.as_view(),
        name="coordinator_remove",
    ),
    path(
        "koordinator/samlinger/<int:pk>/plasser/",
        coordinator_views.CapacityView.as_view(),
        name="coordinator_capacity",
    ),
    path(
        "koordinator/samlinger/<int:pk>/oppmote/",
        coordinator_views.AttendanceView.as_view(),
        name="coordinator_attendance",
    ),
    path(
        "koordinator/samlinger/<int:pk>/deltakerliste.csv",
        coordinator_views.ExportView.as_view(extension="csv"),
        name="coordinator_export_csv",
    ),
    path(
        "koordinator/samlinger/<int:pk>/deltakerliste.xlsx",
        coordinator_views.ExportView.as_view(extension="xlsx"),
        name="coordinator_export_xlsx",
    ),
]
