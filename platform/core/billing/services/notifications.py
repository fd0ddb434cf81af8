"""E-mails of billing: new invoices, credit notes, payment receipts."""

from __future__ import annotations

from django.db import transaction


def notify_run_published(*, run_id: int) -> None:
    from core.billing.tasks import send_run_emails

    send_run_emails.delay(run_id=run_id)


def notify_payment_received(*, payment_id: int) -> None:
    """The receipt e-mail, once the payment is committed."""
    from core.billing.tasks import send_receipt_email

    transaction.on_commit(lambda: send_receipt_email.delay(payment_id=payment_id))


def invoice_row(invoice) -> dict:
    return {
        "number": invoice.number,
        "kind": invoice.get_kind_display(),
        "date": invoice.issue_date,
        "due": invoice.due_date,
        "amount": invoice.total,
    }
