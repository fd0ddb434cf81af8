"""The contract e-mails: a contract proposed to the family (to sign on the portal), and the
crèche's direction told when a family signed. They say what to do and link to the portal;
the figures are on the contract page, behind the family's login."""

from __future__ import annotations

from django.template.loader import render_to_string

from core.families.services.notifications import family_recipients
from core.messaging.context import email_context
from core.messaging.services import queue_email
from modules.creche.models import Contract, CrecheSettings


def _subject(ctx: dict, subject: str) -> str:
    structure = ctx["structure"]
    return f"[{structure.name}] {subject}" if structure else subject


def send_proposed(*, contract: Contract) -> bool:
    """The family's guardians: a contract to read and sign (False when no address)."""
    recipients = family_recipients(contract.family)
    if not recipients:
        return False
    ctx = email_context(
        family=contract.family,
        contract=contract,
        child=contract.child.first_name,
        establishment=contract.establishment.name,
        path=f"/creche/contrats/{contract.pk}",
    )
    queue_email(
        to=recipients,
        subject=_subject(ctx, f"Contrat d'accueil de {contract.child.first_name} à signer"),
        body=render_to_string("creche/emails/contract_proposed.txt", ctx),
        html=render_to_string("creche/emails/contract_proposed.html", ctx),
    )
    return True


def send_signed(*, contract: Contract) -> bool:
    """The crèche's direction (its address in the settings): a family signed."""
    address = CrecheSettings.current().contact_email
    if not address:
        return False
    ctx = email_context(
        contract=contract,
        child=f"{contract.child.first_name} {contract.child.last_name}",
        establishment=contract.establishment.name,
        how=contract.get_signature_display(),
        path=f"/gestion/creche/contrats/{contract.pk}",
    )
    queue_email(
        to=[address],
        subject=_subject(ctx, f"Contrat n° {contract.pk} signé"),
        body=render_to_string("creche/emails/contract_signed.txt", ctx),
        html=render_to_string("creche/emails/contract_signed.html", ctx),
    )
    return True
