"""Every form the portal shows, fuzzed with hostile input as the persona who uses it:
no 500, no markup echoed unescaped (the raw «<script>» never appears, also not on the
page an accepted form leads to), and an edit form's saved object unchanged after a
refused POST. Which forms there are comes from two walks: the project's Form classes
(each in targets.TARGETS or targets.SKIPPED) and the forms on the pages of every URL
pattern (each sends to a target or to one of targets.OTHER_FORMS)."""

from __future__ import annotations

import datetime as dt
import importlib
import inspect
from dataclasses import replace
from types import SimpleNamespace

import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpResponse
from django.urls import Resolver404, resolve, reverse
from hypothesis import find, given
from hypothesis import strategies as st
from hypothesis.extra.django import from_field

from tests.fixtures.materials import DOCX, EXE, HTML, PDF
from tests.house import floor_plan
from tests.permissions.table import TABLE
from tests.permissions.walking import rolled_back

from .hostile import SCRIPT, field_strategy, hostile_text, post_data, value_strategy
from .html_forms import form_for, forms_of
from .targets import OTHER_FORMS, SKIPPED, TARGETS

pytestmark = pytest.mark.django_db

MARKUP = SCRIPT.encode()[:8]  # b"<script>"


def project_form_classes() -> set[type]:
    found = set()
    for path in floor_plan.app_sources():
        module = importlib.import_module(
            ".".join(path.relative_to(floor_plan.ROOT).with_suffix("").parts)
        )
        for value in vars(module).values():
            if (
                inspect.isclass(value)
                and issubclass(value, forms.BaseForm)
                and value.__module__ == module.__name__
            ):
                found.add(value)
    return found


def test_every_form_class_of_the_project_is_fuzzed_or_skipped_with_a_reason():
    fuzzed = {t.form for t in TARGETS}
    missing = sorted(
        f"{c.__module__}.{c.__name__}" for c in project_form_classes() - fuzzed - set(SKIPPED)
    )
    assert not missing, (
        f"Form classes nobody fuzzes: {missing}. Add a Target for each to "
        "tests/fuzz/targets.py (the URL it posts to, the persona, `saved` for an edit "
        "form), or a reasoned line in SKIPPED there."
    )


def test_every_form_on_a_page_sends_to_a_fuzzed_url(walk_world, persona_clients):
    """Each URL pattern of the walker's table, GET as a persona who may see it: every
    form on it sends to a target's URL or to one of OTHER_FORMS."""
    fuzzed = {t.action for t in TARGETS}
    unknown = set()
    for name, entry in TABLE.items():
        persona = next((p for p, o in entry.get.items() if o == 200), None)
        if persona is None:
            continue
        url = reverse(name, kwargs=entry.kwargs(walk_world))
        with rolled_back(persona_clients[persona]):
            response = persona_clients[persona].get(url)
        if "html" not in response.get("Content-Type", ""):
            continue
        for form in forms_of(response.content.decode(), url):
            try:
                match = resolve(form.action)
            except Resolver404:
                unknown.add(f"{form.action} (on {name})")
                continue
            if match.view_name not in fuzzed | set(OTHER_FORMS):
                unknown.add(f"{match.view_name} (a {form.method} form on {name})")
    assert not unknown, (
        f"Forms that send to URLs no fuzz target covers: {sorted(unknown)}. Add a Target "
        "to tests/fuzz/targets.py, or a reasoned line in OTHER_FORMS there."
    )


def as_posted(value) -> str:
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    if isinstance(value, bool):
        return "on" if value else ""
    return str(value)


SIMPLE_FIELDS = (
    forms.CharField,
    forms.IntegerField,
    forms.DateField,
    forms.DateTimeField,
    forms.BooleanField,
)


def plausible(form_class, name: str):
    """hypothesis.extra.django's values for the Form class's own field, where it fits
    (its declared fields; the page's options cover the choices)."""
    field = getattr(form_class, "base_fields", {}).get(name)
    if isinstance(field, SIMPLE_FIELDS) and not isinstance(field, forms.ModelChoiceField):
        return from_field(field).map(as_posted)
    return None


uploads = st.builds(
    SimpleUploadedFile,
    name=st.one_of(
        st.sampled_from(["lysark.pdf", "program.exe", "side.html", ".pdf", "a" * 300 + ".pdf"]),
        hostile_text.map(lambda t: (t or "x")[:200] + ".pdf"),
    ),
    content=st.sampled_from([PDF, DOCX, EXE, HTML, b"", b"\x00" * 64]),
)


def strategies_for(target, form) -> dict:
    fields = {}
    for name, field in form.fields.items():
        if name == "csrfmiddlewaretoken":
            continue
        if field.kind == "file":
            fields[name] = st.one_of(uploads, hostile_text)
            continue
        values = value_strategy(field.values, plausible(target.form, name))
        fields[name] = field_strategy(values, field.multiple)
    return fields


def check_answer(client, target, response, before, world) -> None:
    assert response.status_code < 500, response.content[-3000:]
    assert MARKUP not in response.content, "unescaped markup in the answer"
    if response.status_code in (301, 302, 303):
        following = client.get(response["Location"])
        assert following.status_code < 500
        assert MARKUP not in following.content, f"unescaped markup on {response['Location']}"
    elif target.saved is not None:
        assert list(target.saved(world).values()) == before, "a refused POST changed it"


@pytest.mark.parametrize("target", TARGETS, ids=lambda t: t.id)
def test_it_answers_hostile_input_without_a_500_or_unescaped_markup(
    target, walk_world, persona_clients
):
    client = persona_clients[target.persona]
    url = reverse(target.action, kwargs=target.kwargs(walk_world))
    page_url = url
    if target.page:
        page_url = reverse(target.page, kwargs=(target.page_kwargs or target.kwargs)(walk_world))
    page = client.get(page_url)
    assert page.status_code == 200, f"{target.persona} does not see the form on {page_url}"
    form = form_for(page.content.decode(), page_url, url, target.method)
    before = list(target.saved(walk_world).values()) if target.saved else None

    # Each example runs in a savepoint rolled back afterwards: every example starts from
    # the same world, which the test built once (no function-scoped fixture inside @given).
    @given(data=post_data(strategies_for(target, form)))
    def send(data):
        with rolled_back(client):
            response = getattr(client, target.method)(url, data)
            check_answer(client, target, response, before, walk_world)

    send()


# Negative controls: the checks and the strategies can fail.


def test_the_checks_refuse_a_500_unescaped_markup_and_a_changed_object():
    target = TARGETS[0]
    for answer in (HttpResponse(status=500), HttpResponse(b"<p><script>alert(1)</script></p>")):
        with pytest.raises(AssertionError):
            check_answer(None, target, answer, None, None)
    edit = replace(target, saved=lambda world: SimpleNamespace(values=lambda: ["changed"]))
    with pytest.raises(AssertionError, match="changed it"):
        check_answer(None, edit, HttpResponse(status=400), ["as it was"], None)


@pytest.mark.filterwarnings("ignore:Generating overly large repr")
@pytest.mark.parametrize(
    "hostile",
    [
        lambda s: "\x00" in s,
        lambda s: len(s) == 20_000,
        lambda s: "\u202e" in s,
        lambda s: SCRIPT in s,
        lambda s: s.startswith("-9223372036854775809"),
        lambda s: s == "2026-02-30",
    ],
    ids=["NUL", "20000 characters", "right-to-left override", "script", "below bigint", "Feb 30"],
)
def test_the_hostile_strategy_draws_each_kind_of_attack(hostile):
    assert find(hostile_text, hostile)
