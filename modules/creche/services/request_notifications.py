"""The e-mails of a place request: to the family's guardians who have a login (they answer on
the portal) at each step, and to the crèche's direction (``CrecheSettings.contact_email``)
when a family answers an offer or lets it expire.

Each function is called by ``services.requests`` inside the transaction of the transition it
tells, on the locked row: the transition happens once, so the e-mail leaves once, and
``queue_email`` sends nothing if that transaction rolls back. Messages say what was decided
and link to the portal; never any health data.
"""

from __future__ import annotations

from datetime import date

from django.template.loader import render_to_string

from core.messaging.context import email_context
from core.messaging.services import queue_email
from modules.creche.models import CrecheSettings
from modules.creche.models.requests import PlaceRequest


def family_path(request: PlaceRequest) -> str:
    return f"/creche/demandes/{request.pk}"


def staff_path(request: PlaceRequest) -> str:
    return f"/gestion/creche/demandes/{request.pk}"


def guardian_emails(family) -> list[str]:
    """The addresses of the guardians with a login: those who can answer on the portal."""
    return sorted(
        {
            g.user.email
            for g in family.guardians.select_related("user")
            if g.user_id and g.user.email
        }
    )


def _send(*, to: list[str], template: str, subject: str, **context) -> bool:
    if not to:
        return False
    ctx = email_context(**context)
    structure = ctx["structure"]
    queue_email(
        to=to,
        subject=f"[{structure.name}] {subject}" if structure else subject,
        body=render_to_string(f"creche/emails/request_{template}.txt", ctx),
        html=render_to_string(f"creche/emails/request_{template}.html", ctx),
    )
    return True


def _to_family(request: PlaceRequest, template: str, subject: str, **context) -> bool:
    return _send(
        to=guardian_emails(request.family),
        template=template,
        subject=subject,
        request=request,
        child=request.child_name,
        path=family_path(request),
        **context,
    )


def _to_staff(request: PlaceRequest, template: str, subject: str) -> bool:
    address = CrecheSettings.current().contact_email
    return _send(
        to=[address] if address else [],
        template=template,
        subject=subject,
        request=request,
        child=request.child_name,
        family=request.family,
        path=staff_path(request),
    )


def request_received(*, request: PlaceRequest) -> bool:
    choices = [c.establishment.name for c in request.choices.select_related("establishment")]
    return _to_family(
        request,
        "received",
        f"Demande de place en crèche reçue pour {request.child_name}",
        choices=choices,
    )


def offer_made(*, request: PlaceRequest) -> bool:
    return _to_family(
        request, "offer", f"Une place en crèche est proposée pour {request.child_name}"
    )


def waitlisted(*, request: PlaceRequest) -> bool:
    return _to_family(
        request, "waitlisted", f"Demande de place en liste d'attente : {request.child_name}"
    )


def refused(*, request: PlaceRequest) -> bool:
    return _to_family(request, "refused", f"Demande de place refusée : {request.child_name}")


def renewal_asked(*, request: PlaceRequest, lapse_on: date) -> bool:
    return _to_family(
        request,
        "renewal",
        f"Confirmez votre demande de place en crèche pour {request.child_name}",
        lapse_on=lapse_on,
    )


def lapsed(*, request: PlaceRequest) -> bool:
    return _to_family(request, "lapsed", f"Demande de place non renouvelée : {request.child_name}")


def offer_expired(*, request: PlaceRequest) -> bool:
    """The family is told the place is no longer held; the direction, that it is free."""
    told = _to_family(
        request, "expired", f"Place en crèche non confirmée à temps : {request.child_name}"
    )
    _to_staff(
        request,
        "staff_expired",
        f"Proposition de place sans réponse : {request.child_name} ({request.family.name})",
    )
    return told


def staff_answer(*, request: PlaceRequest) -> bool:
    """The family accepted (the contract is to establish) or declined the place offered."""
    verb = "acceptée" if request.state == PlaceRequest.ACCEPTED else "déclinée"
    return _to_staff(
        request,
        "staff_answer",
        f"Place {verb} : {request.child_name} ({request.family.name})",
    )
