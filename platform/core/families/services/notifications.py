"""E-mails to families about their file (French, with the structure's name and logo)."""

from __future__ import annotations

from django.template.loader import render_to_string

from core.families.models import ChangeRequest, Family
from core.messaging.context import email_context
from core.messaging.services import build_message, queue_email


def family_recipients(family: Family) -> list[str]:
    emails = [g.user.email for g in family.guardians.select_related("user") if g.user_id]
    return emails or ([family.email] if family.email else [])


def send_family_email(
    *, family: Family, template: str, subject: str, preference: str | None = None, **context
) -> None:
    """E-mail the family's guardians (their logins, else the household's address).

    ``preference`` names an optional kind of e-mail (``core.communication`` preferences):
    then each guardian with a login who did not turn it off gets their own copy, with the
    RFC 8058 unsubscribe headers and a footer link; without it the e-mail is always sent.
    """
    ctx = email_context(family=family, **context)
    structure = ctx["structure"]
    full_subject = f"[{structure.name}] {subject}" if structure else subject
    if preference is not None:
        _send_optional(
            family=family, template=template, subject=full_subject, ctx=ctx, preference=preference
        )
        return
    recipients = family_recipients(family)
    if not recipients:
        return
    queue_email(
        to=recipients,
        subject=full_subject,
        body=render_to_string(f"emails/{template}.txt", ctx),
        html=render_to_string(f"emails/{template}.html", ctx),
    )


def _send_optional(
    *, family: Family, template: str, subject: str, ctx: dict, preference: str
) -> None:
    from core.communication.services.preferences import optional_email_headers, users_refusing

    guardians = [g for g in family.guardians.select_related("user") if g.user_id and g.user.email]
    refusing = users_refusing(user_ids=[g.user_id for g in guardians], kind=preference)
    for guardian in guardians:
        if guardian.user_id in refusing or not guardian.email_consent:
            continue
        headers, unsubscribe_url = optional_email_headers(
            user=guardian.user, kind=preference, base_url=ctx["base_url"]
        )
        own = {**ctx, "unsubscribe_url": unsubscribe_url}
        body = render_to_string(f"emails/{template}.txt", own)
        queue_email(
            message=build_message(
                to=[guardian.user.email],
                subject=subject,
                body=f"{body}\n\nNe plus recevoir ces e-mails : {unsubscribe_url}\n",
                html=render_to_string(f"emails/{template}.html", own),
                headers=headers,
            )
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
