"""Billing tasks (run in the structure's schema via tenant-schemas-celery)."""

from __future__ import annotations

import logging

from celery import shared_task

logger = logging.getLogger(__name__)


@shared_task
def compute_invoice_run(*, run_id: int) -> None:
    from core.billing.services.runs import compute_run, mark_failed

    try:
        compute_run(run_id=run_id)
    except Exception as exc:
        logger.exception("Invoice run %s failed to compute", run_id)
        mark_failed(run_id=run_id, message=f"Le calcul a échoué : {exc}")
        raise


@shared_task
def publish_invoice_run(*, run_id: int) -> None:
    from core.billing.models import InvoiceRun
    from core.billing.services.runs import RunError, publish_run

    try:
        publish_run(run_id=run_id)
    except RunError as exc:
        InvoiceRun.objects.filter(pk=run_id, status=InvoiceRun.STATUS_PUBLISHING).update(
            status=InvoiceRun.STATUS_DRAFT, failure=str(exc)
        )
    except Exception as exc:
        logger.exception("Invoice run %s failed to publish", run_id)
        InvoiceRun.objects.filter(pk=run_id, status=InvoiceRun.STATUS_PUBLISHING).update(
            status=InvoiceRun.STATUS_DRAFT, failure=f"L'émission a échoué : {exc}"
        )
        raise


@shared_task
def send_run_emails(*, run_id: int) -> int:
    """One e-mail per family: its new invoice and credit notes."""
    from core.billing.models import Invoice
    from core.billing.services.notifications import invoice_row
    from core.families.services.notifications import send_family_email

    by_family: dict[int, list] = {}
    for invoice in (
        Invoice.objects.filter(run_id=run_id).select_related("family").order_by("kind", "pk")
    ):
        by_family.setdefault(invoice.family_id, []).append(invoice)
    for documents in by_family.values():
        invoices = [d for d in documents if not d.is_credit_note]
        send_family_email(
            family=documents[0].family,
            template="invoice_issued",
            subject="Nouvelle facture" if invoices else "Nouvel avoir",
            rows=[invoice_row(d) for d in documents],
            to_pay=sum(i.outstanding for i in invoices),
        )
    return len(by_family)


@shared_task
def send_receipt_email(*, payment_id: int) -> None:
    from core.billing.models import Payment
    from core.families.services.notifications import send_family_email

    payment = (
        Payment.objects.select_related("family")
        .prefetch_related("allocations__invoice")
        .get(pk=payment_id)
    )
    send_family_email(
        family=payment.family,
        template="payment_receipt",
        subject=f"Reçu de votre règlement {payment.number}",
        preference="invoice",
        payment=payment,
        allocations=list(payment.allocations.all()),
    )
