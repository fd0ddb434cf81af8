"""A stay's follow-up and the lists the team prints: participants with the completeness of
their file, the waiting list, and four lists as CSV (French Excel: ``;``, UTF-8 with BOM,
formula-safe through ``core.csv_safe``) or PDF (``html_to_pdf``): participants with ages,
health (allergies, PAI, diet — for the roles that may see health only), transport per city,
emergency contacts.

Queries: a fixed number for the stay's rows (places, contracts, guardians, authorised
persons), plus the core's ``document_requirements`` per child for the documents still
missing — a few queries per child, fine for a stay of 60 children, and the only place that
knows which documents a child needs.
"""

from __future__ import annotations

import io
from collections import defaultdict
from dataclasses import dataclass

from django.template.loader import render_to_string

from core import csv_safe
from core.documents.models import Document
from core.documents.services import document_requirements
from core.families.models import AuthorisedPerson, Guardian
from core.tenancy.context import current_structure, structure_localtime, structure_today
from modules.sejours.allocation import age_at
from modules.sejours.models import Stay, Wish

CONTRACT_KEY = "sejours.contrat_sejour"
KINDS = {
    "participants": "Liste des participants",
    "health": "Informations de santé",
    "transport": "Transport par ville",
    "contacts": "Contacts d'urgence",
}
# The roles that may read children's health (as the health form: tests/api/access_matrix).
HEALTH_ROLES = frozenset({"administrateur", "gestionnaire", "coordinateur", "animateur"})


def may_see_health(user) -> bool:
    return any(role.code in HEALTH_ROLES for role in user.roles)


def _places(stay: Stay):
    return list(
        Wish.objects.filter(stay=stay, status__in=Wish.HOLDS_PLACE)
        .select_related(
            "child__family", "child__school_level", "child__meal_type", "transport", "family"
        )
        .select_related("deposit_invoice")
        .order_by("child__last_name", "child__first_name", "pk")
    )


STATUS_NOTES = {
    "awaiting_review": " (à vérifier)",
    "rejected": " (refusé)",
    "expired": " (expiré)",
}


def _missing_documents(wish: Wish) -> list[str]:
    """The documents the child's place still needs: the core's requirements for a stay (the
    structure's required types and those the module asks for, such as the stay's own), only
    the document part of ``missing_items`` — the rest of the file is not the team's list."""
    return [
        req.document_type.name + STATUS_NOTES.get(req.status, "")
        for req in document_requirements(family=wish.family, child=wish.child, module="sejours")
        if not req.satisfied
    ]


def participants(*, stay: Stay) -> list[dict]:
    """The children holding a place (offered or accepted), with their file's completeness."""
    wishes = _places(stay)
    contracts: dict[int, str] = {}
    for child_id, status in Document.objects.filter(
        child_id__in=[w.child_id for w in wishes],
        document_type__default_key=CONTRACT_KEY,
        status__in=(Document.STATUS_ACCEPTED, Document.STATUS_AWAITING_REVIEW),
    ).values_list("child_id", "status"):
        if contracts.get(child_id) != Document.STATUS_ACCEPTED:
            contracts[child_id] = status
    start = stay.activity.start_date
    rows = []
    for w in wishes:
        child = w.child
        missing = _missing_documents(w)
        invoice = w.deposit_invoice
        deposit_paid = invoice is not None and invoice.status == "paid"
        contract = contracts.get(child.pk)
        rows.append(
            {
                "wish_id": w.pk,
                "status": w.status,
                "status_label": w.get_status_display(),
                "child_id": child.pk,
                "family_id": w.family_id,
                "family_name": w.family.name,
                "first_name": child.first_name,
                "last_name": child.last_name,
                "birth_date": child.birth_date,
                "age": age_at(child.birth_date, start),
                "school_level": child.school_level.label if child.school_level else "",
                "transport_city": w.transport.city if w.transport else "",
                "missing_documents": missing,
                "documents_complete": not missing,
                "contract": contract or "",
                "contract_signed": contract is not None,
                "deposit_status": invoice.status if invoice else "",
                "deposit_paid": deposit_paid,
                "complete": not missing and contract is not None and deposit_paid,
                "_wish": w,
            }
        )
    return rows


def waiting_list(*, stay: Stay) -> list[dict]:
    wishes = (
        Wish.objects.filter(stay=stay, status=Wish.STATUS_WAITLISTED)
        .select_related("child", "family")
        .order_by("waitlist_position", "created_at", "pk")
    )
    start = stay.activity.start_date
    return [
        {
            "wish_id": w.pk,
            "position": w.waitlist_position,
            "rank": w.rank,
            "child_id": w.child_id,
            "family_id": w.family_id,
            "family_name": w.family.name,
            "first_name": w.child.first_name,
            "last_name": w.child.last_name,
            "age": age_at(w.child.birth_date, start),
        }
        for w in wishes
    ]


def public_rows(rows: list[dict]) -> list[dict]:
    return [{k: v for k, v in r.items() if not k.startswith("_")} for r in rows]


@dataclass
class Section:
    title: str
    headers: list[str]
    rows: list[list[str]]
    subtitle: str = ""


def _yes(value: bool) -> str:
    return "oui" if value else "non"


def _date(value) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def _time(value) -> str:
    """A meeting time as the structure's team and families read it (its time zone, not the
    server's: a structure overseas would print the hour of Paris)."""
    if not value:
        return ""
    return structure_localtime(value).strftime("%d/%m/%Y %H:%M")


def sections(*, stay: Stay, kind: str) -> list[Section]:
    """The list ``kind`` of the stay, as titled tables (one per city for transport)."""
    people = participants(stay=stay) if kind == "participants" else _bare(stay)
    if kind == "participants":
        headers = ["Nom", "Prénom", "Naissance", "Âge", "Classe", "Départ de", "Dossier"]
        headers += ["Pièces manquantes", "Contrat", "Acompte payé", "Famille"]
        rows = [
            [
                p["last_name"],
                p["first_name"],
                _date(p["birth_date"]),
                str(p["age"]),
                p["school_level"],
                p["transport_city"],
                "complet" if p["complete"] else "incomplet",
                ", ".join(p["missing_documents"]),
                {"accepted": "signé", "awaiting_review": "à vérifier"}.get(p["contract"], "non"),
                _yes(p["deposit_paid"]),
                p["family_name"],
            ]
            for p in people
        ]
        return [Section(KINDS[kind], headers, rows)]
    if kind == "health":
        headers = ["Nom", "Prénom", "Âge", "Allergies", "PAI", "Précisions PAI", "Régime"]
        headers += ["Lunettes", "Remarques de santé", "Médecin", "Tél. médecin"]
        rows = []
        for p in people:
            c = p["_wish"].child
            rows.append(
                [
                    c.last_name,
                    c.first_name,
                    str(p["age"]),
                    c.allergies,
                    _yes(c.has_pai),
                    c.pai_details,
                    c.meal_type.label if c.meal_type else "",
                    _yes(c.wears_glasses),
                    c.health_notes,
                    c.doctor_name,
                    c.doctor_phone,
                ]
            )
        return [Section(KINDS[kind], headers, rows)]
    phones = _guardian_phones(people)
    if kind == "transport":
        by_city: dict[str, list[dict]] = defaultdict(list)
        for p in people:
            by_city[p["transport_city"] or "Sans transport (sur place)"].append(p)
        out = []
        for city in sorted(by_city):
            first = by_city[city][0]["_wish"].transport
            subtitle = ""
            if first is not None:
                subtitle = f"Rendez-vous : {first.meeting_place}, le {_time(first.meeting_at)}"
                if first.return_at:
                    subtitle += f" — retour le {_time(first.return_at)}"
            rows = [
                [p["last_name"], p["first_name"], str(p["age"]), phones.get(p["family_id"], "")]
                for p in by_city[city]
            ]
            out.append(
                Section(
                    f"Départ de {city}", ["Nom", "Prénom", "Âge", "Responsables"], rows, subtitle
                )
            )
        return out or [Section(KINDS[kind], ["Nom", "Prénom", "Âge", "Responsables"], [])]
    if kind == "contacts":
        persons: dict[int, list[str]] = defaultdict(list)
        for ap in AuthorisedPerson.objects.filter(
            child_id__in=[p["child_id"] for p in people], is_emergency_contact=True
        ).order_by("pk"):
            persons[ap.child_id].append(f"{ap.name} ({ap.relation}) {ap.phone}")
        headers = ["Nom", "Prénom", "Responsables", "Personnes à prévenir"]
        rows = [
            [
                p["last_name"],
                p["first_name"],
                phones.get(p["family_id"], ""),
                " ; ".join(persons.get(p["child_id"], [])),
            ]
            for p in people
        ]
        return [Section(KINDS[kind], headers, rows)]
    raise ValueError(f"Unknown export: {kind}")


def _bare(stay: Stay) -> list[dict]:
    """The participants without the file's completeness (not needed by the other lists)."""
    start = stay.activity.start_date
    return [
        {
            "child_id": w.child_id,
            "family_id": w.family_id,
            "first_name": w.child.first_name,
            "last_name": w.child.last_name,
            "age": age_at(w.child.birth_date, start),
            "transport_city": w.transport.city if w.transport else "",
            "_wish": w,
        }
        for w in _places(stay)
    ]


def _guardian_phones(people: list[dict]) -> dict[int, str]:
    out: dict[int, list[str]] = defaultdict(list)
    for g in Guardian.objects.filter(family_id__in={p["family_id"] for p in people}).order_by(
        "-is_primary", "pk"
    ):
        numbers = " / ".join(n for n in (g.phone_mobile, g.phone_home, g.phone_work) if n)
        out[g.family_id].append(f"{g.first_name} {g.last_name} {numbers}".strip())
    return {fid: " ; ".join(items) for fid, items in out.items()}


def export_csv(*, stay: Stay, kind: str) -> bytes:
    buffer = io.StringIO()
    buffer.write("\ufeff")  # Excel reads accents right only with the BOM
    writer = csv_safe.writer(buffer, delimiter=";", lineterminator="\r\n")
    parts = sections(stay=stay, kind=kind)
    if kind == "transport":
        # One table for a spreadsheet: the city and its meeting point on every row.
        writer.writerow([*parts[0].headers, "Départ", "Rendez-vous"])
        for section in parts:
            for row in section.rows:
                writer.writerow([*row, section.title, section.subtitle])
    else:
        for section in parts:
            writer.writerow(section.headers)
            writer.writerows(section.rows)
    return buffer.getvalue().encode("utf-8")


def export_pdf(*, stay: Stay, kind: str) -> bytes:
    from core.documents.editions import html_to_pdf

    structure = current_structure()
    html = render_to_string(
        "sejours/exports/list.html",
        {
            "title": KINDS[kind],
            "stay": stay,
            "sections": sections(stay=stay, kind=kind),
            "structure": structure,
            "today": structure_today(),
            "confidential": kind in ("health", "contacts"),
        },
    )
    return html_to_pdf(html)


def filename(*, stay: Stay, kind: str, fmt: str) -> str:
    from django.utils.text import slugify

    return f"{slugify(stay.activity.name)}-{kind}.{fmt}"
