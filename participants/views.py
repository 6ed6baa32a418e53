from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

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
        return redirect("mypage:dashboard")
    return render(request, "participants/profile.html", {"form": form, "is_new": is_new})
