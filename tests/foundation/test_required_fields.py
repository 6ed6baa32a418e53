"""Required fields read well: the «*» in a label is hidden from screen readers (the input
says `required` instead), and a form with required fields says what the «*» means."""

import re

from django.urls import reverse

from coordination.forms import CapacityForm, ParticipantSearchForm
from familiestotte.templatetags.portal import has_required_fields

NOTE = "Felt merket med * må fylles ut."


def label_for(html, field_id):
    match = re.search(rf'<label[^>]*for="{field_id}"[^>]*>(.*?)</label>', html, re.S)
    assert match, f"no label for {field_id}"
    return match.group(1).strip()


def test_it_hides_the_asterisk_of_a_required_label_from_screen_readers(client, db):
    html = client.get(reverse("account_login")).content.decode()
    assert label_for(html, "id_password") == (
        'Passord<span class="asteriskField" aria-hidden="true">*</span>'
    )
    assert re.search(r'<input[^>]*name="password"[^>]*required', html)


def test_it_says_what_the_asterisk_means_on_a_form_with_required_fields(client, db):
    html = client.get(reverse("account_login")).content.decode()
    assert html.count(NOTE) == 1
    assert html.index(NOTE) < html.index('for="id_password"')


def test_it_has_no_note_on_a_form_without_required_fields():
    assert has_required_fields(CapacityForm()) is True
    assert has_required_fields(ParticipantSearchForm()) is False
