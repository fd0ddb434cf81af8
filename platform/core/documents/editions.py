"""« Mes éditions »: documents the structure makes for a family, pre-filled from its file.

Today one edition: the *fiche sanitaire de liaison* of each child, to check, sign and send
back through « Mes documents » (a ``DocumentType`` with ``edition="health_form"`` offers it as
its template). Rendered with WeasyPrint from a Django template; the renderer may only read
``data:`` URIs (the logo is embedded), so a PDF never triggers a network or file access.
"""

from __future__ import annotations

import base64
from datetime import date

import filetype
from django.template.loader import render_to_string

from core.documents.models import DocumentType
from core.documents.uploads import normalise_filename
from core.families.models import AuthorisationQuestion, Child, Family
from core.module_hooks import EditionLink, module_editions
from core.tenancy.context import current_structure, structure_today

HEALTH_FORM = DocumentType.EDITION_HEALTH_FORM
_LOGO_TYPES = frozenset({"image/png", "image/jpeg", "image/gif", "image/webp"})
_LOGO_MAX_BYTES = 2 * 1024 * 1024


def health_form_url(child: Child) -> str:
    return f"/api/v1/editions/health-form/{child.pk}"


def available_editions(*, family: Family) -> list[EditionLink]:
    """What « Mes éditions » offers the family: one health form per child, then what the
    structure's modules pre-fill (``Module.editions``: a stay's contract, its convocation…)."""
    return [
        EditionLink(
            kind=HEALTH_FORM,
            label=f"Fiche sanitaire de liaison – {child.first_name} {child.last_name}",
            url=health_form_url(child),
            child_id=child.pk,
            child_first_name=child.first_name,
            child_last_name=child.last_name,
        )
        for child in family.children.all()
    ] + module_editions(family=family)


def generate_edition(*, kind: str, child: Child) -> tuple[bytes, str]:
    """The PDF of one edition and its download name. ``ValueError`` for an unknown kind."""
    if kind != HEALTH_FORM:
        raise ValueError(f"Unknown edition: {kind}")
    return render_health_form_pdf(child=child), health_form_filename(child=child)


def health_form_filename(*, child: Child) -> str:
    return normalise_filename(
        f"Fiche sanitaire - {child.first_name} {child.last_name}.pdf",
        content_type="application/pdf",
    )


def html_to_pdf(html: str) -> bytes:
    """An A4 PDF of ``html``; WeasyPrint may read nothing but ``data:`` URIs, so a document
    never triggers a network or file access (every PDF Marelle makes goes through here)."""
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    return HTML(string=html, url_fetcher=URLFetcher(allowed_protocols={"data"})).write_pdf()


def render_health_form_pdf(*, child: Child) -> bytes:
    return html_to_pdf(render_health_form_html(child=child))


def render_health_form_html(*, child: Child) -> str:
    return render_to_string("documents/health_form.html", health_form_context(child=child))


def health_form_context(*, child: Child) -> dict:
    """Everything the form shows, read in a fixed number of queries."""
    from core.families.fields import policies

    structure = current_structure()
    today = structure_today()
    family = child.family
    links = {link.guardian_id: link for link in child.guardian_links.all()}
    guardians = [
        {"guardian": g, "link": links.get(g.pk)}
        for g in family.guardians.all()
        if not links or g.pk in links  # a step-parent not linked to this child is left out
    ]
    answers = {a.question_id: a.value for a in child.authorisations.all()}
    rules = policies()
    return {
        "structure": structure,
        "logo": logo_data_uri(structure),
        "child": child,
        "age": _age(child.birth_date, today),
        "family": family,
        "guardians": guardians,
        "vaccinations": list(child.vaccinations.all()),
        "authorised_persons": list(child.authorised_persons.all()),
        "authorisations": [
            {"question": q, "answer": answers.get(q.pk)}
            for q in AuthorisationQuestion.objects.filter(active=True)
        ],
        "hidden": {key for key, rule in rules.items() if not rule.visible},
        "school_year": _school_year_label(today),
        "today": today,
    }


def logo_data_uri(structure) -> str | None:
    """The structure's logo as a ``data:`` URI, read from its storage (never over HTTP)."""
    if structure is None or not structure.logo:
        return None
    try:
        with structure.logo.open("rb") as logo:
            data = logo.read(_LOGO_MAX_BYTES + 1)
    except (OSError, ValueError):
        return None  # a missing file must not prevent the form
    kind = filetype.guess(data)
    if len(data) > _LOGO_MAX_BYTES or kind is None or kind.mime not in _LOGO_TYPES:
        return None
    return f"data:{kind.mime};base64,{base64.b64encode(data).decode('ascii')}"


def _age(birth: date, today: date) -> int:
    return today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))


def _school_year_label(today: date) -> str:
    start = today.year if today.month >= 9 else today.year - 1
    return f"{start}-{start + 1}"
