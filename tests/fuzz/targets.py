"""Every form the portal shows, as the fuzzer posts it: which Form class, where it is
shown, where it posts, as whom, and for an edit form the saved object that a refused
POST must leave as it was. A Form class of the project that is neither here nor in
SKIPPED fails tests/fuzz/test_forms.py; so does a form on a page that no target posts to.

To add a form: a Target with its class, the URL name it posts to, the persona
(tests/fixtures/walk_world.py) and the URL's arguments from the world; `page` if the
form is shown on another page than the one it posts to; `saved` for an edit form.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from certificates.forms import CheckForm, WithdrawForm
from certificates.models import Certificate
from coordination.admin_forms import CopyProgrammeForm
from coordination.attendance_forms import WalkInForm
from coordination.audit_forms import AuditFilterForm
from coordination.forms import (
    AddParticipantForm,
    BaseMessageForm,
    CapacityForm,
    ConfirmLeaderForm,
    ConfirmMemberForm,
    ImplementationFilterForm,
    MessageForm,
    NetworkInvitationForm,
    OverviewFilterForm,
    ParticipantSearchForm,
    ProgrammeMessageForm,
    RemoveForm,
    TurnDownLeaderForm,
)
from coordination.material_forms import MaterialForm
from coordination.supervision_forms import MeetingForm as SupervisionMeetingForm
from coordination.supervision_forms import SupervisionGroupForm
from evaluations.forms import EvaluationForm
from implementation.forms import KeeperForm, MarkForm
from participants.forms import ProfileForm
from participants.models import Participant, Registration
from privacy.forms import DeleteAccountForm
from programme.models import Material, Session
from registrations.forms import AttendanceForm, StaffRegistrationForm
from resourcegroups.forms import (
    ContactForm,
    MeetingForm,
    MemberForm,
    OfferForm,
    PartnerForm,
    ReportForm,
    RoutineForm,
    StatusForm,
    WorkForm,
)
from resourcegroups.models import (
    Meeting,
    Offer,
    ProgressReport,
    ResourceGroup,
    Routine,
    SupervisionGroup,
)
from statements.forms import FeedbackForm
from supervision.forms import MeetingNoteForm
from supervision.models import MeetingNote

World = Any


def no_kwargs(w: World) -> dict[str, Any]:
    return {}


@dataclass(frozen=True)
class Target:
    form: type | str  # the Form class, or a name for a form of a third-party app
    action: str  # the URL name the form sends to
    persona: str
    kwargs: Callable[[World], dict[str, Any]] = no_kwargs
    page: str | None = None  # the URL name of the page that shows it, if not `action`
    page_kwargs: Callable[[World], dict[str, Any]] | None = None
    method: str = "post"
    saved: Callable[[World], QuerySet] | None = None  # unchanged after a refused POST

    @property
    def id(self) -> str:
        name = self.form if isinstance(self.form, str) else self.form.__name__
        return f"{name}@{self.action}"


def session(w):
    return {"pk": w.session.pk}


def enrolment(w):
    return {"enrolment": w.own.enrolment.pk}


def routine(w):
    return {**enrolment(w), "pk": w.own.routine.pk}


def offer(w):
    return {**enrolment(w), "pk": w.own.offer.pk}


def certificate(w):
    return {"slug": w.programme.slug, "participant_pk": w.own.worker.pk}


def supervision_group(w):
    return {"pk": w.supervision.pk}


def worker(w):
    return Participant.objects.filter(pk=w.own.worker.pk)


TARGETS = [
    # Sign-up, log-in, profile and registration are also fuzzed on SQLite
    # (tests/foundation/test_embedded_fuzz.py).
    Target("allauth SignupForm", "account_signup", "anonymous"),
    Target("allauth LoginForm", "account_login", "anonymous"),
    Target("allauth ResetPasswordForm", "account_reset_password", "anonymous"),
    Target("allauth ChangePasswordForm", "account_change_password", "worker_a"),
    Target("allauth AddEmailForm", "account_email", "worker_a"),
    Target("allauth ReauthenticateForm", "account_reauthenticate", "worker_a"),
    Target(ProfileForm, "participants:profile", "worker_a", saved=worker),
    Target(
        "registration for a session",
        "registrations:register",
        "worker_a",
        kwargs=lambda w: {"pk": w.open_session.pk},
        page="programme:session",
    ),
    Target(
        DeleteAccountForm,
        "privacy:delete_account",
        "worker_a",
        saved=lambda w: get_user_model().objects.filter(pk=w.own.worker.user_id),
    ),
    Target(
        StaffRegistrationForm,
        "registrations:register_staff",
        "leader_a",
        kwargs=lambda w: {"pk": w.own.worker.pk},
    ),
    Target(
        AttendanceForm,
        "coordination:attendance",
        "coordinator",
        kwargs=lambda w: {"pk": w.evaluated.pk},
        saved=lambda w: Registration.objects.filter(session=w.evaluated),
    ),
    Target(
        AttendanceForm,
        "supervision:attendance",
        "supervisor",
        kwargs=lambda w: {"pk": w.supervision.pk, "session": w.supervision_meeting.pk},
        saved=lambda w: Registration.objects.filter(session=w.supervision_meeting),
    ),
    Target(ParticipantSearchForm, "coordination:add", "coordinator", kwargs=session, method="get"),
    Target(AddParticipantForm, "coordination:add", "coordinator", kwargs=session),
    Target(
        CapacityForm,
        "coordination:capacity",
        "coordinator",
        kwargs=session,
        saved=lambda w: Session.objects.filter(pk=w.session.pk),
    ),
    Target(MessageForm, "coordination:message", "coordinator", kwargs=session),
    Target(
        ProgrammeMessageForm,
        "coordination:programme_message",
        "coordinator",
        kwargs=lambda w: {"slug": w.programme.slug},
    ),
    Target(
        RemoveForm,
        "coordination:remove",
        "coordinator",
        kwargs=lambda w: {"pk": w.session.pk, "registration_pk": w.registration.pk},
    ),
    Target(
        RemoveForm,
        "coordination:remove_material",
        "coordinator",
        kwargs=lambda w: {"pk": w.session.pk, "material_pk": w.material.pk},
    ),
    Target(
        MaterialForm,
        "coordination:materials",
        "coordinator",
        kwargs=session,
        saved=lambda w: Material.objects.filter(session=w.session),
    ),
    Target(OverviewFilterForm, "coordination:organisations", "coordinator", method="get"),
    Target(ImplementationFilterForm, "coordination:implementation", "coordinator", method="get"),
    Target(AuditFilterForm, "coordination:audit_log", "coordinator", method="get"),
    Target(
        "the session list's export options",
        "coordination:export_csv",
        "coordinator",
        kwargs=session,
        page="coordination:session",
        method="get",
    ),
    Target(
        ParticipantSearchForm, "coordination:walk_in", "coordinator", kwargs=session, method="get"
    ),
    Target(
        ParticipantSearchForm, "coordination:session", "coordinator", kwargs=session, method="get"
    ),
    Target(WalkInForm, "coordination:walk_in", "coordinator", kwargs=session),
    Target(
        NetworkInvitationForm,
        "coordination:invite",
        "coordinator",
        kwargs=lambda w: {"pk": w.network_meeting.pk},
    ),
    Target(
        "the choice of programme",
        "coordination:supervision_groups",
        "coordinator",
        method="get",
    ),
    Target(
        SupervisionGroupForm,
        "coordination:new_supervision_group",
        "coordinator",
        kwargs=lambda w: {"slug": w.programme.slug},
    ),
    Target(
        SupervisionGroupForm,
        "coordination:supervision_group",
        "coordinator",
        kwargs=supervision_group,
        saved=lambda w: SupervisionGroup.objects.filter(pk=w.supervision.pk),
    ),
    Target(
        SupervisionMeetingForm,
        "coordination:schedule_supervision",
        "coordinator",
        kwargs=supervision_group,
    ),
    Target(
        MeetingNoteForm,
        "supervision:note",
        "supervisor",
        kwargs=lambda w: {"pk": w.supervision.pk, "session": w.supervision_meeting.pk},
        saved=lambda w: MeetingNote.objects.filter(pk=w.supervision_note.pk),
    ),
    Target(CheckForm, "certificates:check", "anonymous", method="get"),
    Target(
        WithdrawForm,
        "certificates:withdraw",
        "coordinator",
        kwargs=certificate,
        saved=lambda w: Certificate.objects.filter(pk=w.certificate.pk),
    ),
    Target(FeedbackForm, "statements:accessibility", "anonymous"),
    # The dashboard's programme chooser has no Form class: an unknown slug goes to the newest.
    Target(
        "the programme dashboard's programme chooser",
        "coordination:dashboard_home",
        "coordinator",
        page="coordination:dashboard",
        page_kwargs=lambda w: {"slug": w.programme.slug},
        method="get",
    ),
    Target(
        ConfirmLeaderForm,
        "coordination:confirm_leader",
        "coordinator",
        kwargs=lambda w: {"pk": w.waiting_leader.pk},
    ),
    Target(
        TurnDownLeaderForm,
        "coordination:turn_down_leader",
        "coordinator",
        kwargs=lambda w: {"pk": w.waiting_leader.pk},
    ),
    Target(
        ConfirmMemberForm,
        "coordination:confirm_member",
        "coordinator",
        kwargs=lambda w: {"pk": w.unconfirmed.pk},
    ),
    Target(
        CopyProgrammeForm,
        "admin:programme_programme_copy",
        "coordinator",
        kwargs=lambda w: {"pk": w.programme.pk},
    ),
    Target(
        EvaluationForm, "evaluations:answer", "worker_a", kwargs=lambda w: {"pk": w.evaluated.pk}
    ),
    Target(
        MarkForm,
        "implementation:mark",
        "leader_a",
        kwargs=lambda w: {**enrolment(w), "pk": w.milestone.pk},
        page="implementation:milestone",
    ),
    Target(
        KeeperForm,
        "implementation:add_keeper",
        "leader_a",
        kwargs=enrolment,
        page="implementation:plan",
    ),
    Target(
        MemberForm,
        "resourcegroups:add_member",
        "leader_a",
        kwargs=enrolment,
        page="resourcegroups:group",
    ),
    Target(
        ContactForm,
        "resourcegroups:contact",
        "leader_a",
        kwargs=enrolment,
        page="resourcegroups:group",
        saved=lambda w: ResourceGroup.objects.filter(pk=w.own.group.pk),
    ),
    Target(
        MeetingForm,
        "resourcegroups:add_meeting",
        "leader_a",
        kwargs=enrolment,
        page="resourcegroups:group",
    ),
    Target(
        MeetingForm,
        "resourcegroups:meeting",
        "leader_a",
        kwargs=lambda w: {**enrolment(w), "pk": w.own.meeting.pk},
        saved=lambda w: Meeting.objects.filter(pk=w.own.meeting.pk),
    ),
    Target(RoutineForm, "resourcegroups:routine_new", "leader_a", kwargs=enrolment),
    Target(
        RoutineForm,
        "resourcegroups:routine_edit",
        "leader_a",
        kwargs=routine,
        saved=lambda w: Routine.objects.filter(pk=w.own.routine.pk),
    ),
    Target(OfferForm, "resourcegroups:offer_new", "leader_a", kwargs=enrolment),
    Target(
        OfferForm,
        "resourcegroups:offer_edit",
        "leader_a",
        kwargs=offer,
        saved=lambda w: Offer.objects.filter(pk=w.own.offer.pk),
    ),
    Target(
        StatusForm,
        "resourcegroups:routine_status",
        "leader_a",
        kwargs=routine,
        page="resourcegroups:routine",
        saved=lambda w: Routine.objects.filter(pk=w.own.routine.pk),
    ),
    Target(
        StatusForm,
        "resourcegroups:offer_status",
        "leader_a",
        kwargs=offer,
        page="resourcegroups:offer",
        saved=lambda w: Offer.objects.filter(pk=w.own.offer.pk),
    ),
    Target(
        PartnerForm,
        "resourcegroups:add_partner",
        "leader_a",
        kwargs=enrolment,
        page="resourcegroups:work",
    ),
    Target(
        ReportForm,
        "resourcegroups:report",
        "leader_a",
        kwargs=lambda w: {**enrolment(w), "gathering": w.gathering.pk},
        saved=lambda w: ProgressReport.objects.filter(pk=w.own.report.pk),
    ),
]

# Form classes of the project that are not fuzzed themselves, each with its reason.
SKIPPED = {
    BaseMessageForm: "the base of MessageForm and ProgrammeMessageForm, shown only as those",
    WorkForm: "the base of RoutineForm and OfferForm, shown only as those",
}

# Forms on the portal's pages that send to these URL names are not fuzzed here, with why.
OTHER_FORMS = {
    "account_logout": "the log-out button in every page's header: a CSRF token, no field",
    "set_language": "Django's language switch in every page's header (i18n/ is skipped by "
    "the walker too): a choice of two languages, checked by Django",
    "registrations:register_training_days": "a button with a CSRF token and no field",
    "registrations:renew_calendar_token": "a button with a CSRF token and no field",
    "registrations:cancel": "a confirmation step with a CSRF token and no field",
    "registrations:cancel_staff": "a confirmation step with a CSRF token and no field",
    "resourcegroups:remove_member": "a button with a CSRF token and no field",
    "resourcegroups:remove_partner": "a button with a CSRF token and no field",
    "resourcegroups:confirm_member": "a confirmation step with a CSRF token and no field",
    "resourcegroups:reopen_report": "a button with a CSRF token and no field",
    "implementation:remove_keeper": "a button with a CSRF token and no field",
    "certificates:issue": "a button with a CSRF token and no field",
    "certificates:bulk_issue": "a button with a CSRF token and no field",
    "certificates:zip": "a button with a CSRF token and no field (starts the ZIP job)",
    "privacy:retention_run": "a button with a CSRF token and no field (starts the job)",
}
