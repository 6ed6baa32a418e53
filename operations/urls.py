from django.urls import path

from . import views

app_name = "operations"

urlpatterns = [
    path("helse/klar/", views.ready, name="ready"),
]
