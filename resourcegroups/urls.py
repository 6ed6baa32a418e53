from django.urls import path

from . import views

app_name = "resourcegroups"

unit = "enhet/<int:enrolment>/"

urlpatterns = [
    path("enhet/", views.MyUnitView.as_view(), name="mine"),
    path("veiledning/<int:pk>/", views.SupervisionGroupView.as_view(), name="supervision_group"),
    path(
        "veiledning/<int:pk>/samlinger/<int:session>/oppmote/",
        views.SupervisionAttendanceView.as_view(),
        name="supervision_attendance",
    ),
    path("enhet/oversikt/", views.OverviewView.as_view(), name="overview"),
    path(
        "enhet/oversikt/eksport.csv",
        views.OverviewExportView.as_view(format="csv"),
        name="overview_csv",
    ),
    path(
        "enhet/oversikt/eksport.xlsx",
        views.OverviewExportView.as_view(format="xlsx"),
        name="overview_xlsx",
    ),
    path(unit, views.OrganisationView.as_view(), name="organisation"),
    path(unit + "ansatte.csv", views.StaffMatrixExportView.as_view(format="csv"), name="staff_csv"),
    path(
        unit + "ansatte.xlsx",
        views.StaffMatrixExportView.as_view(format="xlsx"),
        name="staff_xlsx",
    ),
    path(unit + "ressursgruppe/", views.GroupView.as_view(), name="group"),
    path(unit + "ressursgruppe/medlem/", views.AddMemberView.as_view(), name="add_member"),
    path(
        unit + "ressursgruppe/medlem/<int:participant>/fjern/",
        views.RemoveMemberView.as_view(),
        name="remove_member",
    ),
    path(unit + "ressursgruppe/kontaktperson/", views.ContactView.as_view(), name="contact"),
    path(unit + "ressursgruppe/mote/", views.AddMeetingView.as_view(), name="add_meeting"),
    path(unit + "ressursgruppe/mote/<int:pk>/", views.MeetingView.as_view(), name="meeting"),
    path(unit + "rutiner-og-tilbud/", views.WorkListView.as_view(), name="work"),
    path(unit + "rutiner/ny/", views.WorkCreateView.as_view(kind="routine"), name="routine_new"),
    path(unit + "rutiner/<int:pk>/", views.WorkDetailView.as_view(kind="routine"), name="routine"),
    path(
        unit + "rutiner/<int:pk>/endre/",
        views.WorkUpdateView.as_view(kind="routine"),
        name="routine_edit",
    ),
    path(
        unit + "rutiner/<int:pk>/status/",
        views.WorkStatusView.as_view(kind="routine"),
        name="routine_status",
    ),
    path(unit + "tilbud/ny/", views.WorkCreateView.as_view(kind="offer"), name="offer_new"),
    path(unit + "tilbud/<int:pk>/", views.WorkDetailView.as_view(kind="offer"), name="offer"),
    path(
        unit + "tilbud/<int:pk>/endre/",
        views.WorkUpdateView.as_view(kind="offer"),
        name="offer_edit",
    ),
    path(
        unit + "tilbud/<int:pk>/status/",
        views.WorkStatusView.as_view(kind="offer"),
        name="offer_status",
    ),
    path(unit + "samarbeidspartnere/", views.AddPartnerView.as_view(), name="add_partner"),
    path(
        unit + "samarbeidspartnere/<int:pk>/fjern/",
        views.RemovePartnerView.as_view(),
        name="remove_partner",
    ),
    path(unit + "rapporter/", views.ReportListView.as_view(), name="reports"),
    path(unit + "rapporter/<int:gathering>/", views.ReportView.as_view(), name="report"),
    path(
        unit + "rapporter/<int:gathering>/gjenapne/",
        views.ReopenReportView.as_view(),
        name="reopen_report",
    ),
    path(unit + "framdrift/", views.ProgressView.as_view(), name="progress"),
]
