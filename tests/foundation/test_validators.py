"""Municipality numbers (four digits) and organisation numbers (nine digits, MOD11)."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from participants.models import Organisation
from participants.validators import (
    organisation_number_check_digit,
    validate_municipality_number,
    validate_organisation_number,
)


def message_of(validator, value) -> str:
    with translation.override("nb"), pytest.raises(ValidationError) as caught:
        validator(value)
    return " ".join(caught.value.messages)


@pytest.mark.parametrize("value", ["3407", "0301", "0501", "5501", "1101"])
def test_it_accepts_real_municipality_numbers(value):
    validate_municipality_number(value)


@pytest.mark.parametrize("value", ["340", "34070", "34O7", "", " 3407", "34 7"])
def test_it_rejects_a_municipality_number_that_is_not_four_digits(value):
    assert message_of(validate_municipality_number, value) == (
        "Et kommunenummer har nøyaktig fire sifre, f.eks. 3407."
    )


@pytest.mark.parametrize("value", ["0000", "0007", "3400"])
def test_it_rejects_a_municipality_number_with_a_zero_county_or_serial(value):
    assert message_of(validate_municipality_number, value) == (
        f"{value} er ikke et gyldig kommunenummer."
    )


@pytest.mark.parametrize("value", ["983971709", "974760673", "971526920"])
def test_it_accepts_organisation_numbers_with_a_right_check_digit(value):
    validate_organisation_number(value)


def test_it_computes_the_mod11_check_digit():
    # 9*3 + 8*2 + 3*7 + 9*6 + 7*5 + 1*4 + 7*3 + 0*2 = 178; 178 mod 11 = 2; 11 - 2 = 9
    assert organisation_number_check_digit("98397170") == 9
    assert organisation_number_check_digit("97476067") == 3


@pytest.mark.parametrize("value", ["983971708", "983971700", "974760674"])
def test_it_rejects_an_organisation_number_with_a_wrong_check_digit(value):
    assert message_of(validate_organisation_number, value) == (
        f"{value} er ikke et gyldig organisasjonsnummer: kontrollsifferet er feil."
    )


@pytest.mark.parametrize("last", list("0123456789"))
def test_it_rejects_every_number_whose_first_eight_digits_have_no_check_digit(last):
    # 12345670 gives remainder 10: no organisation number can start with it.
    assert organisation_number_check_digit("12345670") is None
    assert "kontrollsifferet er feil" in message_of(validate_organisation_number, "12345670" + last)


@pytest.mark.parametrize("value", ["98397170", "9839717090", "98397170X", "983 971 709", ""])
def test_it_rejects_an_organisation_number_that_is_not_nine_digits(value):
    assert message_of(validate_organisation_number, value) == (
        "Et organisasjonsnummer har nøyaktig ni sifre, f.eks. 983971709."
    )


@pytest.mark.django_db
def test_it_reports_a_bad_number_on_its_field_when_an_organisation_is_cleaned():
    organisation = Organisation(
        name="Testenhet", kind=Organisation.Kind.SPECIALIST_UNIT, organisation_number="983971708"
    )
    with translation.override("nb"), pytest.raises(ValidationError) as caught:
        organisation.full_clean()
    assert caught.value.message_dict == {
        "organisation_number": [
            "983971708 er ikke et gyldig organisasjonsnummer: kontrollsifferet er feil."
        ]
    }


@pytest.mark.django_db
def test_it_requires_a_municipality_number_for_a_municipality():
    organisation = Organisation(name="Nykommune", kind=Organisation.Kind.MUNICIPALITY)
    with translation.override("nb"), pytest.raises(ValidationError) as caught:
        organisation.full_clean()
    assert caught.value.message_dict == {
        "municipality_number": ["En kommune må ha sitt firesifrede kommunenummer."]
    }
