import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from certificates.services import progress_of
from programme.models import Programme
from resourcegroups.selectors import supervision_groups_of

from . import privacy, selectors, services
from .forms import DeleteAccountForm, ProfileForm
from .models import Participant
from .rules import is_coordinator


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


@login_required
def my_data(request):
    """«Mine opplysninger»: everything the portal stores about the signed-in person."""
    data = privacy.personal_data(request.user)
    return render(request, "participants/my_data.html", {"data": data})


@login_required
def my_data_download(request):
    """The same as «Mine opplysninger», as a JSON file."""
    body = json.dumps(
        privacy.as_json(privacy.personal_data(request.user)), ensure_ascii=False, indent=2
    )
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    filename = f"mine-opplysninger-{timezone.localdate().isoformat()}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def delete_account(request):
    """«Slett kontoen min»: explain what happens, then delete on the person's password."""
    refused = is_coordinator(request.user)
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and not refused and form.is_valid():
        try:
            services.delete_account(user=request.user)
        except services.AccountDeletionError as exc:
            form.add_error(None, exc)
        else:
            logout(request)
            messages.success(request, _("Your account is deleted."))
            return redirect("programme:home")
    return render(request, "participants/delete_account.html", {"form": form, "refused": refused})
