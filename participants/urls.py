from django.urls import path

from . import registration_views, views

app_name = "participants"

urlpatterns = [
    path("profil/", views.profile, name="profile"),
    path("min-side/", views.dashboard, name="dashboard"),
    # Registration (issue 3)
    path(
        "samlinger/<int:pk>/meld-pa/",
        registration_views.register_for_session,
        name="register",
    ),
    path(
        "samlinger/<int:pk>/kalender.ics",
        registration_views.session_ics,
        name="session_ics",
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
]
