"""Validators of the family file, with the French messages families read."""

from __future__ import annotations

import re
import unicodedata
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


def _past_date(value: date | None, *, what: str, code: str) -> None:
    """A date that has happened: not in the future, not before 1900 (a typo)."""
    if value and value > timezone.localdate():
        raise ValidationError(
            f"La date {what} ne peut pas être dans le futur.", code=f"{code}_future"
        )
    if value and value.year < 1900:
        raise ValidationError(f"Date {what} invalide.", code=f"{code}_invalid")


def validate_birth_date(value: date | None) -> None:
    _past_date(value, what="de naissance", code="birth_date")


def validate_vaccination_date(value: date | None) -> None:
    _past_date(value, what="de vaccination", code="vaccination_date")


# Cc (controls), Cf (format: bidi embeddings, overrides and isolates, marks, zero-width
# spaces and joiners, soft hyphen, BOM…) and Cs (lone surrogates, which PostgreSQL refuses).
# Invisible, they let a name display reversed or differ from its look-alike in searches.
_INVISIBLE_CATEGORIES = {"Cc", "Cf", "Cs"}
_KEPT_IN_MULTILINE = {"\n", "\t"}


def clean_text(value: str, *, multiline: bool = False) -> str:
    """Text a family or staff typed, as stored: NFC, without control and format characters.

    One-line fields (names, addresses, labels) also get their line breaks and runs of spaces
    turned into one space; multi-line ones (notes) keep line breaks and tabs.
    """
    value = unicodedata.normalize("NFC", value)
    if multiline:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    kept = []
    for char in value:
        category = unicodedata.category(char)
        if multiline and char in _KEPT_IN_MULTILINE:
            kept.append(char)
        elif char.isspace():
            # \t, \x0b, \x1c… are controls, yet separate words: a space, not nothing.
            kept.append(" " if category == "Cc" or not multiline else char)
        elif category not in _INVISIBLE_CATEGORIES:
            kept.append(char)
    value = "".join(kept)
    if not multiline:
        value = " ".join(value.split())
    return value.strip()


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
