"""The séjours documents of « Mes éditions » (the module's ``editions`` hook): the contrat
d'accueil of each place offered or confirmed, pre-filled, to sign and send back through
« Mes documents », and the convocation of each confirmed place (meeting place and time of the
chosen departure, trousseau, practical sheet).

The convocation is offered as soon as the place is confirmed, until the stay ends: families
shop for the trousseau weeks ahead, and the PDF is dated, so a later change of meeting time
is simply a new download (the e-mail before departure, ``send_convocations``, says so).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.template.loader import render_to_string

from core.documents.editions import html_to_pdf, logo_data_uri
from core.documents.uploads import normalise_filename
from core.module_hooks import EditionLink
from core.tenancy.context import current_structure, structure_today
from modules.sejours import money
from modules.sejours.models import Wish

CONTRACT = "sejours_contract"
CONVOCATION = "sejours_convocation"
CONTRACT_STATES = (Wish.STATUS_OFFERED, Wish.STATUS_ACCEPTED)


def contract_url(wish: Wish) -> str:
    return f"/api/v1/sejours/places/{wish.pk}/contract.pdf"


def convocation_url(wish: Wish) -> str:
    return f"/api/v1/sejours/places/{wish.pk}/convocation.pdf"


def has_convocation(wish: Wish, today: date | None = None) -> bool:
    today = today or structure_today()
    return wish.status == Wish.STATUS_ACCEPTED and wish.stay.activity.end_date >= today


def family_editions(*, family) -> list[EditionLink]:
    """One contract per place offered or confirmed, one convocation per confirmed place."""
    today = structure_today()
    wishes = (
        Wish.objects.filter(family=family, status__in=CONTRACT_STATES)
        .select_related("stay__activity", "child")
        .order_by("stay__activity__start_date", "child__first_name", "pk")
    )
    links: list[EditionLink] = []
    for wish in wishes:
        child, name = wish.child, wish.stay.activity.name
        common = {
            "child_id": child.pk,
            "child_first_name": child.first_name,
            "child_last_name": child.last_name,
        }
        full = f"{name} – {child.first_name} {child.last_name}"
        links.append(
            EditionLink(CONTRACT, f"Contrat d'accueil – {full}", contract_url(wish), **common)
        )
        if has_convocation(wish, today):
            links.append(
                EditionLink(CONVOCATION, f"Convocation – {full}", convocation_url(wish), **common)
            )
    return links


def _scale_lines(stay) -> list[str]:
    """The cancellation scale in words, from the earliest step to the day of departure."""
    steps = sorted(stay.scale(), key=lambda s: -s.days_min)
    lines, upper = [], None
    for step in steps:
        when = (
            f"plus de {step.days_min - 1} jours avant le départ"
            if upper is None and step.days_min > 0
            else f"de {step.days_min} à {upper} jours avant le départ"
            if upper is not None
            else "à tout moment"
        )
        kept = (
            "l'acompte reste dû"
            if step.deposit
            else f"{step.percent} % du prix reste dû"
            if step.percent
            else "aucune retenue"
        )
        lines.append(f"Annulation {when} : {kept}.")
        upper = step.days_min - 1
    lines.append("Sur certificat médical, l'annulation peut donner lieu à un remboursement total.")
    return lines


def _money(wish: Wish) -> dict:
    """Price, deposit and balance date as the contract states them: the stored price once
    the place is confirmed, today's quote before."""
    from modules.sejours.services.pricing import quote_stay

    stay = wish.stay
    price: Decimal | None = wish.price
    lines = list(wish.price_detail or [])
    if price is None:
        quote = quote_stay(stay=stay, family=wish.family, transport=wish.transport)
        price = quote.amount if quote is not None else None
        lines = list(quote.lines) if quote is not None else []
    deposit = (
        wish.deposit_invoice.total
        if wish.deposit_invoice_id
        else money.deposit_amount(price=price, rule=stay.deposit_rule())
        if price is not None
        else None
    )
    accepted_on = wish.accepted_at.date() if wish.accepted_at else structure_today()
    due = money.balance_due_date(
        departure=stay.activity.start_date,
        balance_days_before=stay.balance_days_before,
        accepted_on=accepted_on,
    )
    return {
        "price": price,
        "price_lines": [line for line in lines if isinstance(line, str)],
        "deposit": deposit,
        "deposit_label": stay.deposit_rule().label,
        "balance": price - deposit if price is not None and deposit is not None else None,
        "balance_due_on": due,
    }


def _context(wish: Wish) -> dict:
    structure = current_structure()
    family = wish.family
    links = {link.guardian_id: link for link in wish.child.guardian_links.all()}
    guardians = [g for g in family.guardians.all() if not links or g.pk in links]
    return {
        "structure": structure,
        "logo": logo_data_uri(structure),
        "wish": wish,
        "stay": wish.stay,
        "activity": wish.stay.activity,
        "child": wish.child,
        "family": family,
        "guardians": guardians,
        "transport": wish.transport,
        "today": structure_today(),
        # Strings for the page footer, built with ``add`` in the template.
        "today_label": f"{structure_today():%d/%m/%Y}",
        "family_number": str(family.number),
        "time_zone": getattr(structure, "time_zone", None) or "Europe/Paris",
    }


def _filename(kind: str, wish: Wish) -> str:
    return normalise_filename(
        f"{kind} - {wish.stay.activity.name} - {wish.child.first_name} {wish.child.last_name}.pdf",
        content_type="application/pdf",
    )


def contract_html(*, wish: Wish) -> str:
    context = {**_context(wish), **_money(wish), "scale": _scale_lines(wish.stay)}
    return render_to_string("sejours/contract.html", context)


def convocation_html(*, wish: Wish) -> str:
    return render_to_string("sejours/convocation.html", _context(wish))


def render_contract(*, wish: Wish) -> tuple[bytes, str]:
    """The pre-filled contrat d'accueil of a place offered or confirmed, and its file name."""
    return html_to_pdf(contract_html(wish=wish)), _filename("Contrat d'accueil", wish)


def render_convocation(*, wish: Wish) -> tuple[bytes, str]:
    """The convocation of a confirmed place: meeting, trousseau and practical sheet."""
    return html_to_pdf(convocation_html(wish=wish)), _filename("Convocation", wish)
