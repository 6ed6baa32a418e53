from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from certificates.services import progress_of
from programme.models import Programme
from resourcegroups.selectors import supervision_groups_of

from . import selectors
from .forms import ProfileForm
from .models import Participant


@login_required
def profile(request):
    """Complete the profile after the first log-in, or change it later."""
    instance = getattr(request.user, "participant", None) or Participant(user=request.user)
    is_new = instance.pk is None
    form = ProfileForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(
            request,
            _("Your profile is saved.") if not is_new else _("Welcome! Your profile is complete."),
        )
        next_url = request.GET.get("next", "")
        if url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
            return redirect(next_url)
        return redirect("participants:dashboard")
    return render(request, "participants/profile.html", {"form": form, "is_new": is_new})


@login_required
def dashboard(request):
    """Min side: the person's next sessions, their training days toward the certificate in
    the current programme, and the supervision groups they belong to or lead."""
    participant = request.user.participant
    programme = Programme.objects.current()
    attends_training = participant.role in selectors.STAFF_ROLES
    return render(
        request,
        "participants/dashboard.html",
        {
            "participant": participant,
            "next_registrations": selectors.next_registrations_of(participant, limit=3),
            "programme": programme,
            "progress": (
                progress_of(participant=participant, programme=programme)
                if programme and attends_training
                else None
            ),
            "supervision_groups": supervision_groups_of(participant),
        },
    )
