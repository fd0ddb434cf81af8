"""The crèche documents of « Mes éditions » (the module's ``editions`` hook): the pre-filled
contrat d'accueil of each contract proposed, signed or ended — its terms in force, the rate
computed step by step, the schedule — to read, print and sign (or accept online).

The PDF is served by ``/api/v1/creche/contracts/<id>/contract.pdf`` to the contract's family
only (any other caller: 404).
"""

from __future__ import annotations

from django.template.loader import render_to_string

from core.documents.editions import html_to_pdf, logo_data_uri
from core.documents.uploads import normalise_filename
from core.module_hooks import EditionLink
from core.tenancy.context import current_structure, structure_today
from modules.creche.models import Contract
from modules.creche.models.schedules import parse_schedule
from modules.creche.services.contracts import current_terms

CONTRACT = "creche_contract"
#: The contracts a family may download: from the proposal on (a draft is the staff's).
PRINTED = (Contract.PROPOSED, Contract.SIGNED, Contract.ENDED)
WEEKDAYS = ("Lundi", "Mardi", "Mercredi", "Jeudi", "Vendredi", "Samedi", "Dimanche")


def contract_url(contract: Contract) -> str:
    return f"/api/v1/creche/contracts/{contract.pk}/contract.pdf"


def family_editions(*, family) -> list[EditionLink]:
    """One pre-filled contract per contract proposed, signed or ended (one query)."""
    contracts = (
        Contract.objects.filter(family=family, state__in=PRINTED)
        .select_related("child", "establishment")
        .order_by("-start_date", "pk")
    )
    return [
        EditionLink(
            CONTRACT,
            f"Contrat d'accueil – {c.establishment.name} – {c.child.first_name} "
            f"{c.child.last_name} (à partir du {c.start_date:%d/%m/%Y})",
            contract_url(c),
            child_id=c.child_id,
            child_first_name=c.child.first_name,
            child_last_name=c.child.last_name,
        )
        for c in contracts
    ]


def schedule_rows(terms) -> list[dict]:
    """The schedule in words, week by week: « Lundi 08:00 – 17:00 »."""
    return [
        {
            "week": day.week,
            "weekday": WEEKDAYS[day.weekday],
            "arrival": f"{day.arrival:%H:%M}",
            "departure": f"{day.departure:%H:%M}",
        }
        for day in parse_schedule(terms.schedule, alternating=terms.alternating)
    ]


def contract_html(*, contract: Contract) -> str:
    structure = current_structure()
    family = contract.family
    links = {link.guardian_id for link in contract.child.guardian_links.all()}
    guardians = [g for g in family.guardians.all() if not links or g.pk in links]
    terms = current_terms(contract)
    history = list(contract.terms.order_by("effective_from", "number"))
    today = structure_today()
    return render_to_string(
        "creche/contract.html",
        {
            "structure": structure,
            "logo": logo_data_uri(structure),
            "contract": contract,
            "establishment": contract.establishment,
            "child": contract.child,
            "family": family,
            "guardians": guardians,
            "terms": terms,
            "schedule": schedule_rows(terms),
            "history": history,
            "today": today,
            "today_label": f"{today:%d/%m/%Y}",
            "family_number": str(family.number),
            "contract_number": str(contract.pk),
        },
    )


def render_contract(*, contract: Contract) -> tuple[bytes, str]:
    """The pre-filled contract as a PDF and its file name."""
    name = normalise_filename(
        f"Contrat d'accueil - {contract.establishment.name} - {contract.child.first_name} "
        f"{contract.child.last_name}.pdf",
        content_type="application/pdf",
    )
    return html_to_pdf(contract_html(contract=contract)), name
