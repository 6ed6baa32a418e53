from django.urls import path

from .views import own, staff

app_name = "registrations"

urlpatterns = [
    path("samlinger/<int:pk>/meld-pa/", own.register_for_session, name="register"),
    path(
        "program/<slug:slug>/meld-pa-alle-opplaeringsdager/",
        own.register_for_training_days,
        name="register_training_days",
    ),
    path("mine-pameldinger/", own.my_registrations, name="mine"),
    path("mine-pameldinger/<int:pk>/avmeld/", own.cancel_registration, name="cancel"),
    path(
        "mine-pameldinger/kalender/forny/",
        own.renew_calendar_token,
        name="renew_calendar_token",
    ),
    path("kalender/<str:token>.ics", own.calendar_feed, name="calendar_feed"),
    path("mine-ansatte/", staff.staff_registrations, name="staff"),
    path("mine-ansatte/<int:pk>/meld-pa/", staff.register_staff_member, name="register_staff"),
    path(
        "mine-ansatte/pameldinger/<int:pk>/avmeld/",
        staff.cancel_staff_registration,
        name="cancel_staff",
    ),
]
