from django.urls import path

from . import views
from .retention_views import RetentionRunView

app_name = "privacy"

urlpatterns = [
    path("profil/opplysninger/", views.my_data, name="my_data"),
    path("profil/opplysninger/last-ned/", views.my_data_download, name="my_data_download"),
    path("profil/slett/", views.delete_account, name="delete_account"),
    path("koordinator/opprydding/", RetentionRunView.as_view(), name="retention_run"),
]
