"""Reads for the leader's and the coordinator's pages, each in a fixed number of queries."""

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import (
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from participants.models import Enrolment, Participant, Registration
from participants.selectors import STAFF_ROLES, staff_of
from participants.services import attendance_too_early
from programme.models import Programme, Session
from programme.selectors import set_kind_totals

from .models import (
    GoalAssessment,
    Membership,
    Offer,
    ProgressReport,
    ResourceGroup,
    Routine,
    StatusChange,
    SupervisionGroup,
    WorkStatus,
    report_due_at,
)
from .services import REMINDER_DAYS_BEFORE_DUE


class SubqueryCount(Subquery):
    """COUNT(*) of a subquery's rows, as an integer annotation (0 when none)."""

    template = "(SELECT COUNT(*) FROM (%(subquery)s) _count)"
    output_field = IntegerField()

    def __init__(self, queryset, **extra):
        # No ORDER BY: a model's default ordering would widen a SELECT DISTINCT.
        super().__init__(queryset.order_by(), **extra)


def enrolment_for_page(pk) -> Enrolment:
    """The enrolment with its programme and organisation; DoesNotExist when missing."""
    return Enrolment.objects.select_related("programme", "organisation", "contact_leader").get(
        pk=pk
    )


def enrolment_for_participant(participant) -> Enrolment | None:
    """The organisation's enrolment in the newest programme it takes part in."""
    if participant is None or participant.organisation_id is None:
        return None
    return (
        Enrolment.objects.filter(organisation_id=participant.organisation_id)
        .order_by("-programme__starts_on", "-pk")
        .first()
    )


def group_for_page(enrolment: Enrolment) -> ResourceGroup | None:
    """The resource group with its contact person and members (two queries), or None.
    Its `enrolment` is the one given, so rules on the group and its meetings need no query."""
    group = (
        ResourceGroup.objects.select_related("contact_person")
        .prefetch_related(
            Prefetch("memberships", queryset=Membership.objects.select_related("participant"))
        )
        .filter(enrolment=enrolment)
        .first()
    )
    if group is not None:
        group.enrolment = enrolment
        group.member_ids = {m.participant_id for m in group.memberships.all()}
    return group


def staff_for_page(enrolment: Enrolment) -> QuerySet[Participant]:
    """The organisation's service workers and leaders, by name."""
    return staff_of(enrolment.organisation).order_by("full_name", "pk")


# --- The staff × training-day matrix -------------------------------------------------


@dataclass
class Cell:
    state: str
    label: str


CELL_LABELS = {
    "attended": _("Attended"),
    "absent": _("Did not attend"),
    "registered": _("Registered"),
    "waitlisted": _("Waiting list"),
    "cancelled": pgettext_lazy("registration", "Cancelled"),
    "none": _("Not registered"),
}


def _cell(registration: Registration | None) -> Cell:
    if registration is None:
        state = "none"
    elif registration.status == Registration.Status.CONFIRMED:
        state = {True: "attended", False: "absent", None: "registered"}[registration.attended]
    else:
        state = registration.status
    return Cell(state=state, label=CELL_LABELS[state])


@dataclass
class MatrixRow:
    participant: Participant
    cells: list[Cell]
    attended: int


@dataclass
class SessionTotal:
    session: Session
    registered: int = 0
    recorded: int = 0
    attended: int = 0

    @property
    def rate(self) -> float | None:
        """Share of registered staff with recorded attendance who came; None if none recorded."""
        if not self.recorded:
            return None
        return self.attended / self.recorded

    @property
    def percent(self) -> int | None:
        rate = self.rate
        return None if rate is None else round(rate * 100)


@dataclass
class Matrix:
    sessions: list[Session]
    rows: list[MatrixRow]
    totals: list[SessionTotal]

    @property
    def attended_total(self) -> int:
        return sum(total.attended for total in self.totals)

    @property
    def registered_total(self) -> int:
        return sum(total.registered for total in self.totals)


def _best(current: Registration | None, candidate: Registration) -> Registration:
    """A live registration wins over a cancelled one; among equals, the newest."""
    if current is None:
        return candidate
    current_live = current.status != Registration.Status.CANCELLED
    candidate_live = candidate.status != Registration.Status.CANCELLED
    if candidate_live != current_live:
        return candidate if candidate_live else current
    return (
        candidate
        if (candidate.created_at, candidate.pk) > (current.created_at, current.pk)
        else current
    )


def attendance_matrix(
    enrolment: Enrolment, *, staff: list[Participant], training_days: list[Session]
) -> Matrix:
    """Every staff member's registration for each training day, with totals (one query)."""
    registrations = Registration.objects.filter(
        participant__organisation_id=enrolment.organisation_id,
        session__in=[session.pk for session in training_days],
    ).only("pk", "participant_id", "session_id", "status", "attended", "created_at")
    best: dict[tuple[int, int], Registration] = {}
    for registration in registrations:
        key = (registration.participant_id, registration.session_id)
        best[key] = _best(best.get(key), registration)
    totals = [SessionTotal(session=session) for session in training_days]
    rows = []
    for person in staff:
        cells = []
        for total in totals:
            registration = best.get((person.pk, total.session.pk))
            cell = _cell(registration)
            cells.append(cell)
            if registration is not None and registration.status == Registration.Status.CONFIRMED:
                total.registered += 1
                if registration.attended is not None:
                    total.recorded += 1
                if registration.attended:
                    total.attended += 1
        rows.append(
            MatrixRow(
                participant=person,
                cells=cells,
                attended=sum(cell.state == "attended" for cell in cells),
            )
        )
    return Matrix(sessions=training_days, rows=rows, totals=totals)


# --- The organisation's page ---------------------------------------------------------


@dataclass
class ReportLine:
    gathering: Session
    report: ProgressReport | None

    @property
    def _report(self) -> ProgressReport:
        """The report, or an unsaved one for the gathering while none is begun."""
        return self.report or ProgressReport(gathering=self.gathering)

    @property
    def due_at(self) -> dt.datetime:
        return self._report.due_at

    @property
    def is_late(self) -> bool:
        return self._report.is_late


@dataclass
class OrganisationPage:
    enrolment: Enrolment
    staff: list[Participant]
    leaders: list[Participant]
    group: ResourceGroup | None
    matrix: Matrix
    work_counts: dict[str, dict[str, int]]
    reports: list[ReportLine]

    @property
    def routines_established(self) -> int:
        return self.work_counts["routines"][WorkStatus.ESTABLISHED]

    @property
    def routines_total(self) -> int:
        return sum(self.work_counts["routines"].values())

    @property
    def offers_established(self) -> int:
        return self.work_counts["offers"][WorkStatus.ESTABLISHED]

    @property
    def offers_total(self) -> int:
        return sum(self.work_counts["offers"].values())


def _numbered(sessions) -> list[Session]:
    """«n av N» for every session, counted over the list including cancelled sessions;
    the list without the cancelled ones."""
    sessions = list(sessions)
    set_kind_totals(sessions)
    return [session for session in sessions if not session.is_cancelled]


def leader_gatherings(programme: Programme) -> list[Session]:
    """The programme's leader gatherings that take place, with «n av N» (one query)."""
    return _numbered(
        Session.objects.filter(programme=programme, kind=Session.Kind.LEADER_GATHERING).order_by(
            "starts_at", "pk"
        )
    )


def training_days_and_gatherings(enrolment: Enrolment) -> tuple[list[Session], list[Session]]:
    """Training days and leader gatherings of the programme that take place, with
    «n av N» (one query)."""
    sessions = _numbered(
        Session.objects.filter(
            programme_id=enrolment.programme_id,
            kind__in=[Session.Kind.TRAINING_DAY, Session.Kind.LEADER_GATHERING],
        ).order_by("starts_at", "pk")
    )
    training_days = [s for s in sessions if s.kind == Session.Kind.TRAINING_DAY]
    gatherings = [s for s in sessions if s.kind == Session.Kind.LEADER_GATHERING]
    return training_days, gatherings


def report_lines(enrolment: Enrolment, gatherings: list[Session]) -> list[ReportLine]:
    reports = {
        report.gathering_id: report for report in ProgressReport.objects.filter(enrolment=enrolment)
    }
    lines = []
    for gathering in gatherings:
        report = reports.get(gathering.pk)
        if report is not None:
            report.gathering = gathering
        lines.append(ReportLine(gathering=gathering, report=report))
    return lines


def work_counts(enrolment: Enrolment) -> dict[str, dict[str, int]]:
    """Routines and offers by status: {"routines": {status: n}, "offers": {...}} (one query)."""
    counts = {"routines": Counter(), "offers": Counter()}
    routines = (
        Routine.objects.filter(enrolment=enrolment)
        .annotate(list_name=Value("routines"))
        .values_list("list_name", "status")
        .order_by()  # SQLite refuses ORDER BY inside a UNION's parts
    )
    offers = (
        Offer.objects.filter(enrolment=enrolment)
        .annotate(list_name=Value("offers"))
        .values_list("list_name", "status")
        .order_by()
    )
    for list_name, status in routines.union(offers, all=True):
        counts[list_name][status] += 1
    return counts


def organisation_page(enrolment: Enrolment) -> OrganisationPage:
    """Everything on the organisation's page in a fixed number of queries:
    staff, resource group (+ members), sessions, registrations, routines, offers, reports."""
    staff = list(staff_for_page(enrolment))
    training_days, gatherings = training_days_and_gatherings(enrolment)
    return OrganisationPage(
        enrolment=enrolment,
        staff=staff,
        leaders=[p for p in staff if p.is_confirmed_leader],
        group=group_for_page(enrolment),
        matrix=attendance_matrix(enrolment, staff=staff, training_days=training_days),
        work_counts=work_counts(enrolment),
        reports=report_lines(enrolment, gatherings),
    )


def staff_matrix(enrolment: Enrolment) -> Matrix:
    """The organisation page's staff × training-day matrix on its own (for its download):
    staff, training days, registrations; three queries."""
    training_days, _gatherings = training_days_and_gatherings(enrolment)
    staff = list(staff_for_page(enrolment))
    return attendance_matrix(enrolment, staff=staff, training_days=training_days)


# --- Routines, offers and their history ----------------------------------------------


def work_items(enrolment: Enrolment, model):
    return list(
        model.objects.filter(enrolment=enrolment)
        .select_related("created_by")
        .prefetch_related("goals")
        .order_by("title", "pk")
    )


def work_item_for_page(enrolment: Enrolment, model, pk) -> Routine | Offer:
    """The item if it belongs to the enrolment (DoesNotExist otherwise), with its history."""
    return (
        model.objects.select_related("created_by")
        .prefetch_related(
            "goals",
            Prefetch(
                "status_changes",
                queryset=StatusChange.objects.select_related("changed_by__participant").order_by(
                    "changed_at", "pk"
                ),
            ),
        )
        .get(enrolment=enrolment, pk=pk)
    )


# --- Charts --------------------------------------------------------------------------


@dataclass
class StatusPoint:
    label: str
    at: dt.datetime
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def _month_ends(first: dt.date, last: dt.date) -> list[dt.date]:
    months = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append(dt.date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def status_over_time(enrolment: Enrolment, *, now=None, max_points: int = 18) -> list[StatusPoint]:
    """Routines and offers by status at the end of each month, from the history (one query).

    The first point is the month of the first recorded change (or the programme's
    start, if earlier); the last is now. An item counts from its first status on.
    """
    from django.utils.formats import date_format

    now = now or timezone.now()
    changes = list(
        StatusChange.objects.filter(Q(routine__enrolment=enrolment) | Q(offer__enrolment=enrolment))
        .order_by("changed_at", "pk")
        .values_list("routine_id", "offer_id", "to_status", "changed_at")
    )
    today = timezone.localdate(now)
    first = min(
        [enrolment.programme.starts_on]
        + [timezone.localdate(changed_at) for *_rest, changed_at in changes]
    )
    if first > today:
        first = today
    tz = timezone.get_current_timezone()
    points = []
    for month in _month_ends(first, today)[-max_points:]:
        next_month = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        at = min(dt.datetime.combine(next_month, dt.time(), tzinfo=tz), now)
        points.append(StatusPoint(label=date_format(month, "M Y"), at=at))
    # One pass: the points run forward in time, so each carries on the statuses of the
    # one before and takes in the changes up to its own time.
    latest: dict[tuple, str] = {}
    position = 0
    for point in points:
        while position < len(changes) and changes[position][3] <= point.at:
            routine_id, offer_id, to_status, _changed_at = changes[position]
            latest[("r", routine_id) if routine_id else ("o", offer_id)] = to_status
            position += 1
        counts = Counter(latest.values())
        point.counts = {status: counts.get(status, 0) for status in WorkStatus.values}
    return points


# --- The coordinator's overview ------------------------------------------------------

OVERVIEW_SORTS = {
    "name": ("organisation__name",),
    "region": ("organisation__region", "organisation__name"),
    "staff": ("-staff_count", "organisation__name"),
    "registered": ("-registered_count", "organisation__name"),
    "attending": ("-attending_count", "organisation__name"),
    "group": ("-member_count", "organisation__name"),
    "established": ("-established_count", "organisation__name"),
}


@dataclass
class OverviewRow:
    enrolment: Enrolment
    reports: list[tuple[Session, ProgressReport | None]]

    def __getattr__(self, name):
        return getattr(self.enrolment, name)


@dataclass
class Overview:
    programme: Programme
    gatherings: list[Session]
    rows: list[OverviewRow]


def overview(
    programme: Programme,
    *,
    q: str = "",
    region: str = "",
    kind: str = "",
    has_group: str = "",
    missing_report: int | None = None,
    sort: str = "name",
    gatherings: list[Session],
) -> Overview:
    """Every enrolled organisation with its figures, and its reports for `gatherings`
    (from leader_gatherings) in two queries: enrolments with counts, reports."""
    staff = Participant.objects.filter(
        organisation_id=OuterRef("organisation_id"), role__in=STAFF_ROLES
    )
    # Staff who hold a confirmed registration for a training day of this programme
    # (and who came), driven from the organisation's staff, so each row reads only
    # its own people's registrations.
    training_registrations = Registration.objects.filter(
        participant_id=OuterRef("pk"),
        session__programme_id=programme.pk,
        session__kind=Session.Kind.TRAINING_DAY,
        status=Registration.Status.CONFIRMED,
    )
    enrolments = (
        Enrolment.objects.filter(programme=programme)
        .select_related("organisation", "programme")
        .annotate(
            staff_count=SubqueryCount(staff.values("pk")),
            registered_count=SubqueryCount(
                staff.filter(Exists(training_registrations)).values("pk")
            ),
            attending_count=SubqueryCount(
                staff.filter(Exists(training_registrations.filter(attended=True))).values("pk")
            ),
            member_count=SubqueryCount(
                Membership.objects.filter(group__enrolment=OuterRef("pk")).values("pk")
            ),
            routines_established=SubqueryCount(
                Routine.objects.filter(
                    enrolment=OuterRef("pk"), status=WorkStatus.ESTABLISHED
                ).values("pk")
            ),
            offers_established=SubqueryCount(
                Offer.objects.filter(
                    enrolment=OuterRef("pk"), status=WorkStatus.ESTABLISHED
                ).values("pk")
            ),
        )
    )
    enrolments = enrolments.annotate(
        established_count=F("routines_established") + F("offers_established")
    )
    if q:
        enrolments = enrolments.filter(organisation__name__icontains=q)
    if region:
        enrolments = enrolments.filter(organisation__region=region)
    if kind:
        enrolments = enrolments.filter(organisation__kind=kind)
    if has_group == "yes":
        enrolments = enrolments.filter(member_count__gt=0)
    elif has_group == "no":
        enrolments = enrolments.filter(member_count=0)
    if missing_report:
        enrolments = enrolments.filter(
            ~Exists(
                ProgressReport.objects.filter(
                    enrolment=OuterRef("pk"),
                    gathering_id=missing_report,
                    status=ProgressReport.Status.SUBMITTED,
                )
            )
        )
    enrolments = list(enrolments.order_by(*OVERVIEW_SORTS.get(sort, OVERVIEW_SORTS["name"])))
    reports = {
        (report.enrolment_id, report.gathering_id): report
        for report in ProgressReport.objects.filter(enrolment__programme=programme).only(
            "pk", "enrolment_id", "gathering_id", "status", "submitted_at"
        )
    }
    by_pk = {gathering.pk: gathering for gathering in gatherings}
    for report in reports.values():
        if report.gathering_id in by_pk:
            report.gathering = by_pk[report.gathering_id]
    rows = [
        OverviewRow(
            enrolment=enrolment,
            reports=[(g, reports.get((enrolment.pk, g.pk))) for g in gatherings],
        )
        for enrolment in enrolments
    ]
    return Overview(programme=programme, gatherings=gatherings, rows=rows)


def regions_in(programme: Programme) -> list[str]:
    return list(
        Enrolment.objects.filter(programme=programme)
        .exclude(organisation__region="")
        .values_list("organisation__region", flat=True)
        .distinct()
        .order_by("organisation__region")
    )


# --- Reports --------------------------------------------------------------------------


def report_for_page(enrolment: Enrolment, gathering: Session) -> ProgressReport | None:
    report = (
        ProgressReport.objects.select_related("submitted_by__participant")
        .prefetch_related(
            Prefetch("assessments", queryset=GoalAssessment.objects.select_related("goal"))
        )
        .filter(enrolment=enrolment, gathering=gathering)
        .first()
    )
    if report is not None:
        report.gathering = gathering
        report.enrolment = enrolment
    return report


@dataclass
class DueReport:
    enrolment: Enrolment
    gathering: Session
    leaders: list[Participant]
    has_draft: bool

    @property
    def report_path(self) -> str:
        return ProgressReport(enrolment=self.enrolment, gathering=self.gathering).get_absolute_url()


def reports_due_for_reminder(*, now: dt.datetime) -> list[DueReport]:
    """Reports whose reminder window is open and that are not submitted, with the
    organisation's confirmed, active leaders (four queries whatever the number).

    The window runs from REMINDER_DAYS_BEFORE_DUE days before the due time until
    the gathering starts; cancelled gatherings and unpublished programmes are left out.
    """
    from .models import report_due_days

    horizon = now + dt.timedelta(days=report_due_days() + REMINDER_DAYS_BEFORE_DUE + 1)
    gatherings = [
        gathering
        for gathering in Session.objects.filter(
            kind=Session.Kind.LEADER_GATHERING,
            is_cancelled=False,
            programme__is_published=True,
            starts_at__gt=now,
            starts_at__lte=horizon,
        ).order_by("starts_at", "pk")
        if report_due_at(gathering) - dt.timedelta(days=REMINDER_DAYS_BEFORE_DUE) <= now
    ]
    if not gatherings:
        return []
    programme_ids = {gathering.programme_id for gathering in gatherings}
    enrolments = list(
        Enrolment.objects.filter(programme_id__in=programme_ids)
        .select_related("organisation", "programme")
        .order_by("organisation__name", "pk")
    )
    reports = {
        (enrolment_id, gathering_id): status
        for enrolment_id, gathering_id, status in ProgressReport.objects.filter(
            gathering__in=gatherings
        ).values_list("enrolment_id", "gathering_id", "status")
    }
    leaders = defaultdict(list)
    for leader in (
        Participant.objects.filter(
            organisation_id__in={e.organisation_id for e in enrolments},
            role=Participant.Role.LEADER,
            leader_confirmed=True,
            user__is_active=True,
        )
        .select_related("user")
        .order_by("full_name", "pk")
    ):
        leaders[leader.organisation_id].append(leader)
    due = []
    for gathering in gatherings:
        for enrolment in enrolments:
            if enrolment.programme_id != gathering.programme_id:
                continue
            status = reports.get((enrolment.pk, gathering.pk))
            if status == ProgressReport.Status.SUBMITTED:
                continue
            if leaders[enrolment.organisation_id]:
                due.append(
                    DueReport(
                        enrolment=enrolment,
                        gathering=gathering,
                        leaders=leaders[enrolment.organisation_id],
                        has_draft=status == ProgressReport.Status.DRAFT,
                    )
                )
    return due


def supervision_groups_of(participant: Participant) -> list[SupervisionGroup]:
    """The groups in published programmes that the person belongs to or supervises, with
    their supervisor. One query."""
    return list(
        SupervisionGroup.objects.filter(
            Q(members=participant) | Q(supervisor=participant), programme__is_published=True
        )
        .select_related("supervisor", "programme")
        .distinct()
        .order_by("-programme__starts_on", "region", "name")
    )


def supervision_group_page(*, pk: int, participant: Participant | None, coordinator: bool):
    """The group with its supervisor, members (with their organisation) and meetings (with
    their venue and seat counts), if the person may see it: a member, its supervisor or a
    coordinator. SupervisionGroup.DoesNotExist otherwise. Three queries.

    `group.takes_attendance` says whether the person takes attendance at its meetings (its
    supervisor, a coordinator); then each supervision meeting not cancelled has
    `attendance_open` (it has started) or `too_early` (the note saying when it starts).
    """
    groups = SupervisionGroup.objects.all()
    if not coordinator:
        if participant is None:
            raise SupervisionGroup.DoesNotExist
        groups = groups.filter(
            Q(members=participant) | Q(supervisor=participant), programme__is_published=True
        ).distinct()
    group = (
        groups.select_related("supervisor", "programme")
        .prefetch_related(
            Prefetch(
                "members",
                queryset=Participant.objects.select_related("organisation").order_by(
                    "full_name", "pk"
                ),
            ),
            Prefetch(
                "meetings",
                queryset=Session.objects.select_related("venue")
                .with_seat_counts()
                .order_by("starts_at", "pk"),
            ),
        )
        .get(pk=pk)
    )
    group.takes_attendance = coordinator or (
        participant is not None and group.supervisor_id == participant.pk
    )
    if group.takes_attendance:
        now = timezone.now()
        for meeting in group.meetings.all():
            if meeting.kind != Session.Kind.SUPERVISION or meeting.is_cancelled:
                continue
            meeting.attendance_open = meeting.starts_at <= now
            if not meeting.attendance_open:
                meeting.too_early = attendance_too_early(meeting)
    return group


def supervision_meeting(
    *, group_pk: int, session_pk: int, participant: Participant | None, coordinator: bool
) -> tuple[SupervisionGroup, Session]:
    """One supervision meeting of the group, for the group's supervisor or a coordinator:
    the group, and the session with its programme and venue. Two queries. Raises
    SupervisionGroup.DoesNotExist for anyone else (and for a group of an unpublished
    programme, as on the group's page), Session.DoesNotExist for a session that is not
    one of this group's supervision meetings."""
    groups = SupervisionGroup.objects.all()
    if not coordinator:
        if participant is None:
            raise SupervisionGroup.DoesNotExist
        groups = groups.filter(supervisor=participant, programme__is_published=True)
    group = groups.get(pk=group_pk)
    session = (
        group.meetings.filter(kind=Session.Kind.SUPERVISION)
        .select_related("programme", "venue")
        .get(pk=session_pk)
    )
    return group, session
