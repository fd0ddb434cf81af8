"""Validators of the family file, with the French messages families read."""

from __future__ import annotations

import re
from datetime import date

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils import timezone
from schwifty import BIC, IBAN
from schwifty.exceptions import SchwiftyException

POSTAL_CODE_RE = re.compile(r"^(?:0[1-9]|[1-8]\d|9[0-8]|2[AB])\d{3}$")


def normalise_phone(value: str) -> str:
    """Return the number in E.164 (``+33612345678``); French numbers may omit the prefix."""
    value = (value or "").strip()
    if not value:
        return ""
    try:
        number = phonenumbers.parse(value, "FR")
    except phonenumbers.NumberParseException as exc:
        raise ValidationError(
            "Numéro de téléphone invalide (exemple : 06 12 34 56 78).", code="invalid_phone"
        ) from exc
    if not phonenumbers.is_valid_number(number):
        raise ValidationError(
            "Numéro de téléphone invalide (exemple : 06 12 34 56 78).", code="invalid_phone"
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def validate_phone(value: str) -> None:
    normalise_phone(value)


def validate_postal_code(value: str) -> None:
    # 5 digits (Corsica's 20xxx included, overseas 97x/98x); "2A"/"2B" are département codes
    # people sometimes type instead, accepted as such.
    if value and not POSTAL_CODE_RE.match(value.strip()):
        raise ValidationError(
            "Code postal invalide : 5 chiffres (exemple : 69001).", code="invalid_postal_code"
        )


def validate_birth_date(value: date | None) -> None:
    if value and value > timezone.localdate():
        raise ValidationError(
            "La date de naissance ne peut pas être dans le futur.", code="birth_date_future"
        )
    if value and value.year < 1900:
        raise ValidationError("Date de naissance invalide.", code="birth_date_invalid")


def normalise_iban(value: str) -> str:
    value = (value or "").strip()
    if not value:
        return ""
    try:
        return IBAN(value).compact
    except SchwiftyException as exc:
        raise ValidationError(
            "IBAN invalide : vérifiez les chiffres (exemple : FR76 3000 6000 0112 3456 7890 189).",
            code="invalid_iban",
        ) from exc


def validate_iban(value: str) -> None:
    normalise_iban(value)


def normalise_bic(value: str) -> str:
    value = (value or "").strip().replace(" ", "").upper()
    if not value:
        return ""
    try:
        return str(BIC(value))
    except SchwiftyException as exc:
        raise ValidationError(
            "BIC invalide : 8 ou 11 caractères (exemple : AGRIFRPP).", code="invalid_bic"
        ) from exc


def validate_bic(value: str) -> None:
    normalise_bic(value)
