from django.urls import path

from . import views

app_name = "implementation"

# Under the unit's pages of resourcegroups (/enhet/<enrolment>/).
plan = "enhet/<int:enrolment>/implementering/"

urlpatterns = [
    path(plan, views.PlanView.as_view(), name="plan"),
    path(plan + "milepael/<int:pk>/", views.MilestoneView.as_view(), name="milestone"),
    path(plan + "milepael/<int:pk>/merk/", views.MarkMilestoneView.as_view(), name="mark"),
    path(plan + "merkere/", views.AddKeeperView.as_view(), name="add_keeper"),
    path(
        plan + "merkere/<int:participant>/fjern/",
        views.RemoveKeeperView.as_view(),
        name="remove_keeper",
    ),
]
