"""Rendering billing documents: a Django template to HTML, then WeasyPrint to an A4 PDF.

Same approach as « Mes éditions » (``core.documents.editions``): the logo is embedded as a
``data:`` URI and the renderer may read nothing else, so a PDF never triggers a network or
file access. Rendered in French whatever the caller's language (decimal comma, month names).
"""

from __future__ import annotations

import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal

from django.template.loader import render_to_string
from django.utils import translation

from core.billing.models import BillingSettings
from core.documents.editions import html_to_pdf, logo_data_uri
from core.tenancy.context import current_structure, structure_today

CENT = Decimal("0.01")
_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")


def cents(value: Decimal) -> Decimal:
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def identity() -> dict:
    """What heads every billing document: the structure, its logo and its billing settings."""
    structure = current_structure()
    return {
        "structure": structure,
        "logo": logo_data_uri(structure),
        "settings": BillingSettings.current(),
        "today": structure_today(),
    }


def render_html(template: str, context: dict) -> str:
    with translation.override("fr"):
        return render_to_string(template, {**identity(), **context})


def render_pdf(template: str, context: dict) -> bytes:
    return html_to_pdf(render_html(template, context))


def filename(prefix: str, *parts: object) -> str:
    """``facture-F2026-000001.pdf``: numbers come from staff-set prefixes, keep them tame."""
    ascii_parts = (
        unicodedata.normalize("NFKD", str(part)).encode("ascii", "ignore").decode()
        for part in (prefix, *parts)
    )
    stem = "-".join(_UNSAFE.sub("_", part).strip("_") for part in ascii_parts)
    return f"{stem}.pdf"
