"""E-mails to families about their file (French, with the structure's name and logo)."""

from __future__ import annotations

from django.template.loader import render_to_string

from core.families.models import ChangeRequest, Family
from core.messaging.context import email_context
from core.messaging.services import queue_email


def family_recipients(family: Family) -> list[str]:
    emails = [g.user.email for g in family.guardians.select_related("user") if g.user_id]
    return emails or ([family.email] if family.email else [])


def send_family_email(*, family: Family, template: str, subject: str, **context) -> None:
    recipients = family_recipients(family)
    if not recipients:
        return
    ctx = email_context(family=family, **context)
    structure = ctx["structure"]
    queue_email(
        to=recipients,
        subject=f"[{structure.name}] {subject}" if structure else subject,
        body=render_to_string(f"emails/{template}.txt", ctx),
        html=render_to_string(f"emails/{template}.html", ctx),
    )


def notify_account_validated(*, family: Family) -> None:
    send_family_email(family=family, template="account_validated", subject="Compte validé")


def notify_account_refused(*, family: Family) -> None:
    send_family_email(family=family, template="account_refused", subject="Compte refusé")


def notify_request_decided(*, request: ChangeRequest) -> None:
    accepted = request.status == ChangeRequest.STATUS_ACCEPTED
    send_family_email(
        family=request.family,
        template="request_decided",
        subject="Demande acceptée" if accepted else "Demande refusée",
        request=request,
        accepted=accepted,
        changes=list(request.changes.values()),
    )
