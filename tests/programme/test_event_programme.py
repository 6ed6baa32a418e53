"""An event's programme of talks: its rules, the event page grouped by day with the
speakers, and the talks in the event's .ics."""

import datetime as dt
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from icalendar import Calendar

from programme.talks import Speaker, Talk
from tests import factories
from tests.fixtures.events import at

# The smallest GIF there is: one transparent pixel.
PIXEL_GIF = (
    b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00"
    b"\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
)


def text_of(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode())).strip()


def event_page(client, session):
    return client.get(reverse("programme:session", kwargs={"pk": session.pk}))


def ics_description(response) -> str:
    (event,) = Calendar.from_ical(response.content).walk("VEVENT")
    return str(event["description"])


# --- rules ---------------------------------------------------------------------------


def test_it_asks_for_alt_text_when_a_speaker_has_a_photo(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    speaker = Speaker(name="Hilde Hem", photo=SimpleUploadedFile("hilde.gif", PIXEL_GIF))
    with pytest.raises(ValidationError) as error:
        speaker.full_clean()
    assert error.value.message_dict["photo_alt"] == [
        "Beskriv hva bildet viser, for dem som ikke ser det."
    ]


def test_it_takes_a_speaker_without_photo_and_without_alt_text(db):
    Speaker(name="Hilde Hem").full_clean()


def test_the_database_refuses_a_photo_without_alt_text(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        Speaker.objects.create(name="Hilde Hem", photo="speakers/x.gif", photo_alt="")


def test_it_stores_a_photo_under_a_random_name(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    speaker = Speaker(
        name="Hilde Hem",
        photo=SimpleUploadedFile("Hilde Hem privat.gif", PIXEL_GIF),
        photo_alt="Hilde Hem smiler",
    )
    speaker.full_clean()
    speaker.save()
    assert re.fullmatch(r"speakers/[0-9a-f]{32}\.gif", speaker.photo.name)


def test_it_refuses_a_talk_outside_its_sessions_hours(open_conference):
    talk = Talk(session=open_conference, title="For tidlig", starts_at=at(15, 8), ends_at=at(15, 9))
    with pytest.raises(ValidationError) as error:
        talk.full_clean()
    assert error.value.message_dict["starts_at"] == [
        "Innlegget må ligge innenfor tidsrommet for samlingen."
    ]


def test_it_refuses_a_talk_that_ends_before_it_starts(open_conference):
    talk = Talk(session=open_conference, title="Baklengs", starts_at=at(15, 11), ends_at=at(15, 10))
    with pytest.raises(ValidationError) as error:
        talk.full_clean()
    assert error.value.message_dict["ends_at"] == ["Innlegget må slutte etter at det begynner."]


# --- the event page ------------------------------------------------------------------


def test_it_shows_the_talks_grouped_by_day(client, conference_talks, open_conference):
    text = text_of(event_page(client, open_conference))
    order = [
        "Program Mandag 15. november 2027",
        "09.30 – 10.00 , Storsalen Åpning og velkommen",
        "10.00 – 11.00 , Sal 2 Vi lever sammenvevde liv",
        "Tirsdag 16. november 2027",
        "13.45 – 14.45 , Storsalen Barn som pårørende",
    ]
    positions = [text.index(part) for part in order]
    assert positions == sorted(positions)


def test_it_names_each_talks_speakers(client, conference_talks, open_conference):
    text = text_of(event_page(client, open_conference))
    hilde = "Hilde Hem, Daglig leder, Nasjonalt senter for erfaringskompetanse innen psykisk helse"
    assert f"Vi lever sammenvevde liv {hilde} Tirsdag" in text
    assert f"Åpning og velkommen {hilde}; Kari Eksempel, Spesialrådgiver, Pårørendesenteret" in text


def test_it_presents_each_speaker_once_with_the_bio(client, conference_talks, open_conference):
    html = event_page(client, open_conference).content.decode()
    assert html.count('<h3 class="h6 mb-0">Hilde Hem</h3>') == 1
    assert "Formidler essensen fra Toppmøtet 2017." in html


def test_it_shows_a_speakers_photo_with_its_alt_text(client, open_conference):
    speaker = factories.SpeakerFactory(photo="speakers/abc.jpg", photo_alt="Hilde Hem i sola")
    factories.TalkFactory(session=open_conference, speakers=[speaker])
    html = event_page(client, open_conference).content.decode()
    assert '<img class="speaker-photo" src="/media/speakers/abc.jpg" alt="Hilde Hem i sola"' in html


def test_it_shows_no_programme_for_a_session_without_talks(client, open_conference):
    html = event_page(client, open_conference).content.decode()
    assert 'id="talks-heading"' not in html and 'id="speakers-heading"' not in html


def test_it_shows_no_talk_of_another_event(client, conference_talks, db):
    other = factories.EventFactory(title="Et annet arrangement")
    assert "Vi lever sammenvevde liv" not in text_of(event_page(client, other))


@pytest.mark.parametrize("talks", [1, 10])
def test_it_reads_the_event_page_in_the_same_queries_for_1_and_10_talks(
    client, open_conference, assert_queries, talks
):
    speakers = factories.SpeakerFactory.create_batch(3)
    for n in range(talks):
        factories.TalkFactory(
            session=open_conference,
            starts_at=open_conference.starts_at + dt.timedelta(hours=n * 3),
            speakers=speakers[: 1 + n % 3],
        )
    # 1 the session with programme, venue and seat counts, 2 themes, 3 materials,
    # 4 news about it, 5 its talks, 6 their speakers (the kind total: none, one-off)
    with assert_queries(6):
        response = event_page(client, open_conference)
    assert text_of(response).count("Innlegg ") == talks


# --- .ics -----------------------------------------------------------------------------


def test_it_lists_each_talk_in_the_events_ics(client, conference_talks, open_conference):
    response = client.get(reverse("programme:session_ics", kwargs={"pk": open_conference.pk}))
    description = ics_description(response)
    assert (
        "Program\n\nMandag 15. november 2027\n"
        "09.30–10.00 Åpning og velkommen – Hilde Hem og Kari Eksempel (Storsalen)\n"
        "10.00–11.00 Vi lever sammenvevde liv – Hilde Hem (Sal 2)\n\n"
        "Tirsdag 16. november 2027\n"
        "13.45–14.45 Barn som pårørende – Kari Eksempel (Storsalen)"
    ) in description


def test_it_reads_the_events_ics_in_a_fixed_number_of_queries(
    client, conference_talks, open_conference, assert_queries
):
    factories.TalkFactory.create_batch(5, session=open_conference)
    url = reverse("programme:session_ics", kwargs={"pk": open_conference.pk})
    # 1 the session with programme and venue, 2 its talks, 3 their speakers
    with assert_queries(3):
        assert "Innlegg" in ics_description(client.get(url))


def test_it_lists_the_talks_in_the_programmes_feed_too(client, conference_talks, open_conference):
    url = reverse("programme:calendar", kwargs={"slug": open_conference.programme.slug})
    response = client.get(url)
    assert "10.00–11.00 Vi lever sammenvevde liv – Hilde Hem (Sal 2)" in ics_description(response)


def test_it_writes_no_programme_into_the_ics_of_a_session_without_talks(client, open_conference):
    response = client.get(reverse("programme:session_ics", kwargs={"pk": open_conference.pk}))
    assert "Program" not in ics_description(response)


# --- admin ----------------------------------------------------------------------------


def test_coordinators_add_talks_in_the_sessions_admin(coordinator_client, conference_talks):
    session = conference_talks[0].session
    url = reverse("admin:programme_session_change", args=[session.pk])
    html = coordinator_client.get(url).content.decode()
    assert 'id="talks-group"' in html
    assert "Vi lever sammenvevde liv" in html


def test_the_speaker_admin_asks_for_alt_text_with_a_photo(coordinator_client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    response = coordinator_client.post(
        reverse("admin:programme_speaker_add"),
        {"name": "Hilde Hem", "photo": SimpleUploadedFile("h.gif", PIXEL_GIF), "photo_alt": " "},
    )
    assert response.status_code == 200
    assert "Beskriv hva bildet viser" in response.content.decode()
    assert not Speaker.objects.exists()
