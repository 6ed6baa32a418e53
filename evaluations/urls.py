from django.urls import path

from . import views

app_name = "evaluations"

urlpatterns = [
    path("evaluering/<int:pk>/", views.EvaluationView.as_view(), name="answer"),
    path("evaluering/resultater/", views.SessionListView.as_view(), name="sessions"),
    path("evaluering/resultater/<int:pk>/", views.ResultsView.as_view(), name="results"),
    path(
        "evaluering/resultater/<int:pk>/resultater.csv",
        views.ResultsCsvView.as_view(),
        name="results_csv",
    ),
]
