from django.urls import path

from .views import access, group, log, members, progress, reports, work

app_name = "resourcegroups"

unit = "enhet/<int:enrolment>/"

urlpatterns = [
    path("enhet/", access.MyUnitView.as_view(), name="mine"),
    path(unit, access.OrganisationView.as_view(), name="organisation"),
    path(
        unit + "ansatte.csv", access.StaffMatrixExportView.as_view(format="csv"), name="staff_csv"
    ),
    path(
        unit + "ansatte.xlsx",
        access.StaffMatrixExportView.as_view(format="xlsx"),
        name="staff_xlsx",
    ),
    path(
        unit + "ansatte/<int:participant>/bekreft/",
        members.ConfirmMemberView.as_view(),
        name="confirm_member",
    ),
    path(unit + "ressursgruppe/", group.GroupView.as_view(), name="group"),
    path(unit + "ressursgruppe/medlem/", group.AddMemberView.as_view(), name="add_member"),
    path(
        unit + "ressursgruppe/medlem/<int:participant>/fjern/",
        group.RemoveMemberView.as_view(),
        name="remove_member",
    ),
    path(unit + "ressursgruppe/kontaktperson/", group.ContactView.as_view(), name="contact"),
    path(unit + "ressursgruppe/mote/", group.AddMeetingView.as_view(), name="add_meeting"),
    path(unit + "ressursgruppe/mote/<int:pk>/", group.MeetingView.as_view(), name="meeting"),
    path(unit + "rutiner-og-tilbud/", work.WorkListView.as_view(), name="work"),
    path(unit + "rutiner/ny/", work.WorkCreateView.as_view(kind="routine"), name="routine_new"),
    path(unit + "rutiner/<int:pk>/", work.WorkDetailView.as_view(kind="routine"), name="routine"),
    path(
        unit + "rutiner/<int:pk>/endre/",
        work.WorkUpdateView.as_view(kind="routine"),
        name="routine_edit",
    ),
    path(
        unit + "rutiner/<int:pk>/status/",
        work.WorkStatusView.as_view(kind="routine"),
        name="routine_status",
    ),
    path(unit + "tilbud/ny/", work.WorkCreateView.as_view(kind="offer"), name="offer_new"),
    path(unit + "tilbud/<int:pk>/", work.WorkDetailView.as_view(kind="offer"), name="offer"),
    path(
        unit + "tilbud/<int:pk>/endre/",
        work.WorkUpdateView.as_view(kind="offer"),
        name="offer_edit",
    ),
    path(
        unit + "tilbud/<int:pk>/status/",
        work.WorkStatusView.as_view(kind="offer"),
        name="offer_status",
    ),
    path(unit + "samarbeidspartnere/", work.AddPartnerView.as_view(), name="add_partner"),
    path(
        unit + "samarbeidspartnere/<int:pk>/fjern/",
        work.RemovePartnerView.as_view(),
        name="remove_partner",
    ),
    path(unit + "rapporter/", reports.ReportListView.as_view(), name="reports"),
    path(unit + "rapporter/<int:gathering>/", reports.ReportView.as_view(), name="report"),
    path(
        unit + "rapporter/<int:gathering>/gjenapne/",
        reports.ReopenReportView.as_view(),
        name="reopen_report",
    ),
    path(unit + "framdrift/", progress.ProgressView.as_view(), name="progress"),
    path(unit + "logg/", log.AuditLogView.as_view(), name="audit_log"),
]
