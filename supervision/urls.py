from django.urls import path

from . import views

app_name = "supervision"

urlpatterns = [
    path("veiledning/<int:pk>/", views.SupervisionGroupView.as_view(), name="group"),
    path(
        "veiledning/<int:pk>/samlinger/<int:session>/oppmote/",
        views.SupervisionAttendanceView.as_view(),
        name="attendance",
    ),
    path(
        "veiledning/<int:pk>/samlinger/<int:session>/notat/",
        views.MeetingNoteView.as_view(),
        name="note",
    ),
]
