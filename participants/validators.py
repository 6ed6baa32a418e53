"""Validators for Norwegian municipality and organisation numbers."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .municipalities import lookup

ORGANISATION_NUMBER_WEIGHTS = (3, 2, 7, 6, 5, 4, 3, 2)


def organisation_number_check_digit(first_eight: str) -> int | None:
    """The MOD11 check digit of a Norwegian organisation number, or None if none exists."""
    total = sum(int(d) * w for d, w in zip(first_eight, ORGANISATION_NUMBER_WEIGHTS, strict=True))
    remainder = 11 - total % 11
    if remainder == 11:
        return 0
    if remainder == 10:
        return None
    return remainder


def validate_organisation_number(value: str) -> None:
    if not (len(value) == 9 and value.isdigit()):
        raise ValidationError(
            _("An organisation number has exactly nine digits, e.g. 983971709."),
            code="organisation_number_format",
        )
    if organisation_number_check_digit(value[:8]) != int(value[8]):
        raise ValidationError(
            _("%(value)s is not a valid organisation number: the check digit is wrong."),
            code="organisation_number_checksum",
            params={"value": value},
        )


def validate_municipality_number(value: str) -> None:
    if not (len(value) == 4 and value.isdigit()):
        raise ValidationError(
            _("A municipality number has exactly four digits, e.g. 3407."),
            code="municipality_number_format",
        )
    if int(value[:2]) == 0 or int(value[2:]) == 0:
        raise ValidationError(
            _("%(value)s is not a valid municipality number."),
            code="municipality_number_invalid",
            params={"value": value},
        )
    if lookup(value) is None:
        raise ValidationError(
            _(
                "%(value)s is not a municipality number in Statistics Norway's list of "
                "municipalities (KLASS), neither today's nor an earlier one."
            ),
            code="municipality_number_unknown",
            params={"value": value},
        )
