"""The coordinator's overview of every organisation in a programme: its staff, their
training-day registrations and attendance, the resource group, what is established,
and the progress reports, with filters; read in two queries."""

from dataclasses import dataclass

from django.db.models import Exists, F, IntegerField, OuterRef, Subquery

from participants.models import Enrolment, Participant, Registration
from participants.selectors import STAFF_ROLES
from programme.models import Programme, Session
from resourcegroups.models import Membership, Offer, ProgressReport, Routine, WorkStatus


class SubqueryCount(Subquery):
    """COUNT(*) of a subquery's rows, as an integer annotation (0 when none)."""

    template = "(SELECT COUNT(*) FROM (%(subquery)s) _count)"
    output_field = IntegerField()

    def __init__(self, queryset, **extra):
        # No ORDER BY: a model's default ordering would widen a SELECT DISTINCT.
        super().__init__(queryset.order_by(), **extra)


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
    ordered = list(enrolments.order_by(*OVERVIEW_SORTS.get(sort, OVERVIEW_SORTS["name"])))
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
        for enrolment in ordered
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
