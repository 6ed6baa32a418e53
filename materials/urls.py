from django.urls import path

from . import views

app_name = "materials"

urlpatterns = [
    path(
        "samlinger/<int:session_pk>/materiell/<int:pk>/",
        views.MaterialFileView.as_view(),
        name="file",
    ),
]
