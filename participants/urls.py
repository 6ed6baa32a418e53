from django.urls import path

from . import coordinator_views, registration_views, views

app_name = "participants"

urlpatterns = [
    path("profil/", views.profile, name="profile"),
    path("profil/opplysninger/", views.my_data, name="my_data"),
    path("profil/opplysninger/last-ned/", views.my_data_download, name="my_data_download"),
    path("profil/slett/", views.delete_account, name="delete_account"),
    path("min-side/", views.dashboard, name="dashboard"),
    # Registration (issue 3)
    path(
        "samlinger/<int:pk>/meld-pa/",
        registration_views.register_for_session,
        name="register",
    ),
    path(
        "program/<slug:slug>/meld-pa-alle-opplaeringsdager/",
        registration_views.register_for_training_days,
        name="register_training_days",
    ),
    path("mine-pameldinger/", registration_views.my_registrations, name="registrations"),
    path(
        "mine-pameldinger/<int:pk>/avmeld/",
        registration_views.cancel_registration,
        name="cancel",
    ),
    path(
        "mine-pameldinger/kalender/forny/",
        registration_views.renew_calendar_token,
        name="renew_calendar_token",
    ),
    path("kalender/<str:token>.ics", registration_views.calendar_feed, name="calendar_feed"),
    path("mine-ansatte/", registration_views.staff_registrations, name="staff"),
    path(
        "mine-ansatte/<int:pk>/meld-pa/",
        registration_views.register_staff_member,
        name="register_staff",
    ),
    path(
        "mine-ansatte/pameldinger/<int:pk>/avmeld/",
        registration_views.cancel_staff_registration,
        name="cancel_staff",
    ),
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
        "koordinator/samlinger/<int:pk>/melding/",
        coordinator_views.MessageView.as_view(),
        name="coordinator_message",
    ),
    path(
        "koordinator/program/<slug:slug>/melding/",
        coordinator_views.ProgrammeMessageView.as_view(),
        name="coordinator_programme_message",
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
