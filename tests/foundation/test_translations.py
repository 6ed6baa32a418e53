"""The Bokmål catalogs: every string translated, the committed .mo compiled from the .po,
and every translation the one Django actually shows (no other catalog shadows it)."""

import gettext
import subprocess

import pytest
from django.utils import translation

from .processes import BASE_DIR

# The project catalog and every app's.
CATALOGS = ["locale"] + sorted(
    str(path.relative_to(BASE_DIR)) for path in BASE_DIR.glob("*/locale") if path.is_dir()
)


def po_path(catalog):
    return BASE_DIR / catalog / "nb" / "LC_MESSAGES" / "django.po"


def read_mo(path) -> dict:
    with open(path, "rb") as mo:
        return {k: v for k, v in gettext.GNUTranslations(mo)._catalog.items() if k}


@pytest.mark.parametrize("catalog", CATALOGS)
def test_it_translates_every_string(catalog):
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(po_path(catalog))],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "translated messages." in result.stderr
    assert "untranslated" not in result.stderr and "fuzzy" not in result.stderr


@pytest.mark.parametrize("catalog", CATALOGS)
def test_it_commits_the_mo_compiled_from_the_po(catalog, tmp_path):
    fresh = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "-o", str(fresh), str(po_path(catalog))], check=True)
    assert read_mo(po_path(catalog).with_suffix(".mo")) == read_mo(fresh)


@pytest.mark.parametrize("catalog", CATALOGS)
def test_it_shows_our_translation_and_not_another_catalogs(catalog):
    shadowed = []
    with translation.override("nb"):
        for key, ours in read_mo(po_path(catalog).with_suffix(".mo")).items():
            if isinstance(key, tuple):  # a plural form
                msgid, n = key
                shown = translation.ngettext(msgid, msgid, 1 if n == 0 else 2)
            elif "\x04" in key:
                context, msgid = key.split("\x04")
                shown = translation.pgettext(context, msgid)
            else:
                shown = translation.gettext(key)
            if shown != ours:
                shadowed.append((key, ours, shown))
    assert not shadowed


def test_it_numbers_a_session_the_norwegian_way(db):
    from tests import factories

    programme = factories.ProgrammeFactory()
    for number in range(1, 9):
        factories.SessionFactory(programme=programme, number=number)
    third = programme.sessions.get(number=3)
    with translation.override("nb"):
        assert third.numbered_title == "Opplæringsdag 3 av 8"
