"""Strict validation of what becomes a schema name or a host name."""

from __future__ import annotations

import re
import zoneinfo

from django.core.exceptions import ValidationError

from core.tenancy.constants import RESERVED_SLUGS

SLUG_RE = re.compile(r"^[a-z](?:[a-z0-9]|-(?=[a-z0-9])){1,38}[a-z0-9]$")
COLOR_RE = re.compile(r"^#[0-9a-fA-F]{6}$")
HOSTNAME_RE = re.compile(
    r"^(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$"
)


def validate_slug(value: str) -> None:
    """3–40 characters: lower-case letters, digits and single hyphens, starting with a letter."""
    if not isinstance(value, str) or not SLUG_RE.match(value):
        raise ValidationError(
            "Identifiant invalide : 3 à 40 caractères, lettres minuscules sans accent, chiffres "
            "et tirets simples, commençant par une lettre et ne finissant pas par un tiret.",
            code="invalid_slug",
        )
    if value in RESERVED_SLUGS:
        raise ValidationError(f"L'identifiant « {value} » est réservé.", code="reserved_slug")


def schema_name_for(slug: str) -> str:
    """The PostgreSQL schema of a structure: derived from a validated slug, never raw input."""
    validate_slug(slug)
    return "t_" + slug.replace("-", "_")


def validate_color(value: str) -> None:
    if not COLOR_RE.match(value or ""):
        raise ValidationError("Couleur invalide : format attendu #RRVVBB.", code="invalid_color")


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(f"Fuseau horaire inconnu : {value}.", code="invalid_time_zone")


def validate_hostname(value: str) -> None:
    if not HOSTNAME_RE.match(value or ""):
        raise ValidationError(f"Nom de domaine invalide : {value}.", code="invalid_domain")


def validate_module_ids(value: list[str]) -> None:
    from core.modules import registry

    unknown = sorted(set(value) - set(registry.ids()))
    if unknown:
        raise ValidationError(
            f"Module(s) inconnu(s) : {', '.join(unknown)}.", code="unknown_module"
        )
    if len(set(value)) != len(value):
        raise ValidationError("Un module est présent deux fois.", code="duplicate_module")


def validate_custom_domain(value: str) -> None:
    """A structure's own domain: a valid host name, outside the platform's domain (whose
    sub-domains are the structures' slugs) and, in production, not a loopback name."""
    from django.conf import settings

    value = (value or "").strip().lower()
    platform = settings.PLATFORM_DOMAIN
    is_local = value == "localhost" or value.endswith(".localhost")
    if is_local and not settings.DEMO_MODE:
        raise ValidationError(f"Nom de domaine invalide : {value}.", code="invalid_domain")
    if not is_local:
        validate_hostname(value)
    if value == platform or value.endswith("." + platform):
        raise ValidationError(
            f"{value} appartient au domaine de la plateforme : choisissez un domaine propre "
            "à la structure.",
            code="platform_domain",
        )
