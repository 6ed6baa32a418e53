from django.urls import path

from . import views

app_name = "progress"

urlpatterns = [
    path("jobber/<uuid:pk>/", views.JobView.as_view(), name="job"),
    path("jobber/<uuid:pk>/status/", views.JobStatusView.as_view(), name="status"),
    path("jobber/<uuid:pk>/fil/", views.JobFileView.as_view(), name="file"),
]
