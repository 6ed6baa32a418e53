"""Every free-text field people fill in carries the standing warning: nothing about
patients or relatives. The test walks every Form and ModelForm of the project, builds
each one (with what it needs, below) and reads each field's help text in English.

A free-text field is a text field with a Textarea, or a one-line text input longer than
200 characters (a sentence or more: Partner.description, the status notes). Shorter
one-line fields are names, titles, phone numbers and searches. A form that needs
arguments the test does not know fails the test until it is added to BUILDERS: a new
form is never skipped silently.
"""

import importlib
from pathlib import Path

import pytest
from django import forms
from django.apps import apps
from django.conf import settings
from django.utils import translation

from evaluations.models import Question
from participants.models import Participant
from tests import factories

WARNING = "patients or relatives"

# Free-text fields without the warning, and why.
ALLOWED = {
    # The base of MessageForm and ProgrammeMessageForm, never shown itself: each child
    # sets the body's help text, warning included (both are walked).
    ("coordination.forms", "BaseMessageForm", "body"),
    # The accessibility feedback's page address (a URL, not prose) and its honeypot (a
    # hidden field that people never see or fill); its description carries the warning.
    ("statements.forms", "FeedbackForm", "page"),
    ("statements.forms", "FeedbackForm", "website"),
}


def build_session():
    return {"session": factories.SessionFactory()}


BUILDERS = {
    "coordination.forms.AddParticipantForm": build_session,
    "coordination.attendance_forms.WalkInForm": build_session,
    "coordination.supervision_forms.SupervisionGroupForm": lambda: {
        "programme": factories.ProgrammeFactory()
    },
    "coordination.forms.OverviewFilterForm": lambda: {"regions": [], "gatherings": []},
    "evaluations.forms.EvaluationForm": lambda: {
        "questions": [
            Question.objects.create(
                programme=factories.ProgrammeFactory(), kind=Question.Kind.TEXT, text="Hva nå?"
            )
        ]
    },
    "implementation.forms.KeeperForm": lambda: {"enrolment": factories.EnrolmentFactory()},
    "implementation.forms.MarkForm": lambda: {"enrolment": factories.EnrolmentFactory()},
    "privacy.forms.DeleteAccountForm": lambda: {"user": factories.UserFactory()},
    "registrations.forms.AttendanceForm": lambda: {"registrations": []},
    "registrations.forms.StaffRegistrationForm": lambda: {
        "sessions": factories.SessionFactory._meta.model.objects.none()
    },
    "resourcegroups.forms.ContactForm": lambda: {"staff": Participant.objects.none()},
    "resourcegroups.forms.MemberForm": lambda: {"staff": Participant.objects.none()},
    "resourcegroups.forms.RoutineForm": lambda: {"programme": factories.ProgrammeFactory()},
    "resourcegroups.forms.OfferForm": lambda: {"programme": factories.ProgrammeFactory()},
    # The per-goal comments are made in __init__, one per goal of the programme.
    "resourcegroups.forms.ReportForm": lambda: {"goals": [factories.GoalFactory()]},
}


def project_apps() -> set[str]:
    root = Path(settings.BASE_DIR).resolve()
    return {config.name for config in apps.get_app_configs() if Path(config.path).parent == root}


def import_every_module() -> None:
    root = Path(settings.BASE_DIR).resolve()
    for name in project_apps():
        for path in (root / name).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            parts = path.relative_to(root).with_suffix("").parts
            if parts[-1] == "__init__":
                parts = parts[:-1]
            importlib.import_module(".".join(parts))


def subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from subclasses(sub)


def project_forms() -> list[type[forms.BaseForm]]:
    import_every_module()
    names = project_apps()
    found = {
        cls
        for cls in subclasses(forms.BaseForm)
        if cls.__module__.split(".")[0] in names
        # A base class without a model (WorkForm) is only ever used through its children.
        and not (issubclass(cls, forms.BaseModelForm) and cls._meta.model is None)
    }
    return sorted(found, key=lambda cls: (cls.__module__, cls.__name__))


def is_free_text(field: forms.Field) -> bool:
    if not isinstance(field, forms.CharField) or isinstance(field.widget, forms.HiddenInput):
        return False
    if isinstance(field.widget, forms.Textarea):
        return True
    return isinstance(field.widget, forms.TextInput) and (field.max_length or 10_000) > 200


def build(cls):
    label = f"{cls.__module__}.{cls.__name__}"
    if label in BUILDERS:
        return cls(**BUILDERS[label]())
    try:
        return cls()
    except TypeError as exc:
        pytest.fail(f"{label} needs arguments ({exc}): add it to BUILDERS")


def free_text_without_warning(form_classes) -> list[tuple[str, str, str]]:
    missing = []
    with translation.override("en"):
        for cls in form_classes:
            form = build(cls)
            for name, field in form.fields.items():
                key = (cls.__module__, cls.__name__, name)
                if (
                    is_free_text(field)
                    and key not in ALLOWED
                    and WARNING not in str(field.help_text)
                ):
                    missing.append(key)
    return missing


@pytest.mark.django_db
def test_every_free_text_field_carries_the_warning():
    assert free_text_without_warning(project_forms()) == []


@pytest.mark.django_db
def test_it_walks_the_forms_that_must_carry_it():
    walked = {f"{cls.__module__}.{cls.__name__}" for cls in project_forms()}

    assert {
        "resourcegroups.forms.PartnerForm",
        "resourcegroups.forms.ReportForm",
        "resourcegroups.forms.MeetingForm",
        "coordination.forms.MessageForm",
        "evaluations.forms.EvaluationForm",
        "implementation.forms.MarkForm",
    } <= walked


@pytest.mark.django_db
def test_it_finds_a_free_text_field_without_the_warning():
    class Careless(forms.Form):
        story = forms.CharField(widget=forms.Textarea)
        long_line = forms.CharField(max_length=500)
        name = forms.CharField(max_length=200)
        careful = forms.CharField(widget=forms.Textarea, help_text="No patients or relatives.")

    assert free_text_without_warning([Careless]) == [
        (__name__, "Careless", "story"),
        (__name__, "Careless", "long_line"),
    ]


@pytest.mark.django_db
def test_the_allow_list_names_only_fields_that_exist():
    fields = {
        (cls.__module__, cls.__name__, name)
        for cls in project_forms()
        for name in build(cls).fields
    }
    assert ALLOWED <= fields
