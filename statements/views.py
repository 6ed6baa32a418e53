"""The privacy statement, the accessibility statement with its feedback form, and the
thank-you page. Public: a visitor reads both before signing up."""

from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from . import facts, feedback
from .forms import FeedbackForm


def privacy_statement(request):
    context = {"operator": facts.operator(), "retention": facts.retention()}
    return render(request, "statements/privacy.html", context)


@require_http_methods(["GET", "POST"])
def accessibility_statement(request):
    form = FeedbackForm(request.POST or None)
    limited = False
    if request.method == "POST" and form.is_valid():
        if form.is_robot():  # the honeypot: thank the robot, send nothing
            return redirect("statements:thanks")
        limited = not feedback.may_send(request)
        if not limited:
            feedback.send_feedback(
                name=form.cleaned_data["name"],
                email=form.cleaned_data["email"],
                page=form.cleaned_data["page"],
                description=form.cleaned_data["description"],
            )
            return redirect("statements:thanks")
    context = {
        "form": form,
        "limited": limited,
        "operator": facts.operator(),
        "tested_on": facts.accessibility_tested_on(),
        "site_url": facts.site_url(),
    }
    return render(request, "statements/accessibility.html", context, status=429 if limited else 200)


def feedback_thanks(request):
    return render(request, "statements/thanks.html")
