from django.urls import path

from . import views

app_name = "statements"

urlpatterns = [
    path("personvern/", views.privacy_statement, name="privacy"),
    path("tilgjengelighet/", views.accessibility_statement, name="accessibility"),
    path("tilgjengelighet/takk/", views.feedback_thanks, name="thanks"),
]
