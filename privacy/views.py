"""«Mine opplysninger» (with its JSON download) and «Slett kontoen min»."""

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from participants.rules import is_coordinator

from . import export, selectors, services
from .forms import DeleteAccountForm
from .retention import retention_periods


@login_required
def my_data(request):
    """«Mine opplysninger»: everything the portal stores about the signed-in person."""
    data = selectors.personal_data(request.user)
    return render(request, "privacy/my_data.html", {"data": data, **retention_periods()})


@login_required
def my_data_download(request):
    """The same as «Mine opplysninger», as a JSON file."""
    body = json.dumps(
        export.as_json(selectors.personal_data(request.user)), ensure_ascii=False, indent=2
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
    context = {"form": form, "refused": refused, **retention_periods()}
    return render(request, "privacy/delete_account.html", context)
