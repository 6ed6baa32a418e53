from django.urls import path

from .views import (
    audit,
    dashboard,
    implementation,
    invitations,
    materials,
    messages,
    organisations,
    sessions,
    supervision,
    workspace,
)

app_name = "coordination"

session = "koordinator/samlinger/<int:pk>/"

urlpatterns = [
    path("koordinator/", sessions.SessionOverviewView.as_view(), name="home"),
    path("koordinator/start/", workspace.StartView.as_view(), name="start"),
    path("koordinator/ledere/", workspace.LeadersView.as_view(), name="leaders"),
    path(
        "koordinator/ledere/<int:pk>/bekreft/",
        workspace.LeaderDecisionView.as_view(),
        name="confirm_leader",
    ),
    path(
        "koordinator/ledere/<int:pk>/avvis/",
        workspace.TurnDownLeaderView.as_view(),
        name="turn_down_leader",
    ),
    path("koordinator/ansatte/", workspace.StaffWaitingView.as_view(), name="members"),
    path("koordinator/logg/", audit.AuditLogView.as_view(), name="audit_log"),
    path(
        "koordinator/ansatte/<int:pk>/bekreft/",
        workspace.ConfirmMemberView.as_view(),
        name="confirm_member",
    ),
    path(session, sessions.SessionListView.as_view(), name="session"),
    path(session + "legg-til/", sessions.AddParticipantView.as_view(), name="add"),
    path(
        session + "pameldinger/<int:registration_pk>/meld-av/",
        sessions.RemoveView.as_view(),
        name="remove",
    ),
    path(session + "plasser/", sessions.CapacityView.as_view(), name="capacity"),
    path(session + "oppmote/", sessions.AttendanceView.as_view(), name="attendance"),
    path(session + "oppmote/uten-plass/", sessions.WalkInView.as_view(), name="walk_in"),
    path(
        session + "deltakerliste.csv",
        sessions.ExportView.as_view(extension="csv"),
        name="export_csv",
    ),
    path(
        session + "deltakerliste.xlsx",
        sessions.ExportView.as_view(extension="xlsx"),
        name="export_xlsx",
    ),
    path(session + "melding/", messages.MessageView.as_view(), name="message"),
    path(session + "inviter/", invitations.NetworkInvitationView.as_view(), name="invite"),
    path(session + "materiell/", materials.MaterialsView.as_view(), name="materials"),
    path(
        session + "materiell/<int:material_pk>/fjern/",
        materials.RemoveMaterialView.as_view(),
        name="remove_material",
    ),
    path(
        "koordinator/program/<slug:slug>/melding/",
        messages.ProgrammeMessageView.as_view(),
        name="programme_message",
    ),
    path("koordinator/tall/", dashboard.DashboardChooserView.as_view(), name="dashboard_home"),
    path(
        "koordinator/program/<slug:slug>/tall/",
        dashboard.DashboardView.as_view(),
        name="dashboard",
    ),
    path(
        "koordinator/program/<slug:slug>/tall/samlinger.csv",
        dashboard.DashboardExportView.as_view(format="csv"),
        name="dashboard_csv",
    ),
    path(
        "koordinator/program/<slug:slug>/tall/samlinger.xlsx",
        dashboard.DashboardExportView.as_view(format="xlsx"),
        name="dashboard_xlsx",
    ),
    path(
        "koordinator/veiledning/",
        supervision.SupervisionGroupsView.as_view(),
        name="supervision_groups",
    ),
    path(
        "koordinator/program/<slug:slug>/veiledning/ny/",
        supervision.SupervisionGroupFormView.as_view(),
        name="new_supervision_group",
    ),
    path(
        "koordinator/veiledning/<int:pk>/",
        supervision.SupervisionGroupFormView.as_view(),
        name="supervision_group",
    ),
    path(
        "koordinator/veiledning/<int:pk>/ny-samling/",
        supervision.ScheduleMeetingView.as_view(),
        name="schedule_supervision",
    ),
    path(
        "enhet/oversikt/",
        organisations.OrganisationOverviewView.as_view(),
        name="organisations",
    ),
    path(
        "enhet/oversikt/eksport.csv",
        organisations.OrganisationOverviewExportView.as_view(format="csv"),
        name="organisations_csv",
    ),
    path(
        "enhet/oversikt/eksport.xlsx",
        organisations.OrganisationOverviewExportView.as_view(format="xlsx"),
        name="organisations_xlsx",
    ),
    path(
        "enhet/oversikt/implementering/",
        implementation.ImplementationOverviewView.as_view(),
        name="implementation",
    ),
    path(
        "enhet/oversikt/implementering/eksport.csv",
        implementation.ImplementationExportView.as_view(format="csv"),
        name="implementation_csv",
    ),
    path(
        "enhet/oversikt/implementering/eksport.xlsx",
        implementation.ImplementationExportView.as_view(format="xlsx"),
        name="implementation_xlsx",
    ),
]
