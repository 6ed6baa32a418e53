"""The walk-in form of the coordinator's attendance page: someone who came without a
seat, chosen like «add a person», with the reason kept in the history."""

from django import forms
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from participants.models import Participant, Registration
from programme.models import Session

from .forms import AddParticipantForm


class WalkInForm(AddParticipantForm):
    reason = forms.CharField(
        label=_("Why they attend without a seat"),
        max_length=200,
        help_text=_(
            "For example «came instead of a colleague» or «was on the waiting list». "
            "Nothing about patients or relatives."
        ),
        error_messages={
            "required": _("Write why the person attends without a seat."),
            "max_length": _("Keep the reason to at most 200 characters."),
        },
    )

    def __init__(self, *args, session: Session, query: str = "", **kwargs):
        super().__init__(*args, session=session, query=query, **kwargs)
        field = self.participant_field()
        field.help_text = _(
            "People with a seat are not shown: mark them in the list. Someone on the "
            "waiting list gets a seat beyond the number of seats, since they are here."
        )
        seated = Registration.objects.filter(
            participant=OuterRef("pk"), session=session, status=Registration.Status.CONFIRMED
        )
        field.queryset = (
            Participant.objects.select_related("user", "organisation")
            .exclude(Exists(seated))
            .exclude(role=Participant.Role.COORDINATOR)
            .filter(anonymised_at__isnull=True)  # the stand-ins of deleted people
            .order_by("full_name", "pk")
        )

    def clean_reason(self):
        reason = self.cleaned_data["reason"].replace("\x00", "").strip()
        if not reason:
            raise forms.ValidationError(_("Write why the person attends without a seat."))
        return reason
