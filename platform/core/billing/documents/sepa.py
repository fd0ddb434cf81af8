"""SEPA direct debit (prélèvement): mandates, pain.008 batches and their collection.

A batch debits the outstanding amount of chosen invoices from families with an active mandate
and an IBAN: one transaction per mandate (a first debit, FRST, must be the mandate's only one
in a file), one item per invoice. Once the bank has collected it, « Confirmer l'encaissement »
records one payment per item, allocated to its invoice.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal

from django.db import IntegrityError, transaction

from core.billing.models import (
    BillingSettings,
    DirectDebitBatch,
    DirectDebitItem,
    DirectDebitMandate,
    Invoice,
    Payment,
)
from core.billing.services.allocation import ManualAllocation, record_payment
from core.errors import DomainError
from core.families.models import Family
from core.tenancy.context import structure_today

ZERO = Decimal("0.00")
_MANDATE_CHARS = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+?/-:().,' ")


class SepaError(DomainError):
    """A mandate or a direct debit batch refused in French, nothing written."""

    code = "sepa_refused"


# Mandates --------------------------------------------------------------------------------


def save_mandate(
    *, family: Family, reference: str, signed_on: date, active: bool = True
) -> DirectDebitMandate:
    """Create or update the family's mandate. A new reference is a new mandate: its first
    debit is FRST again."""
    reference = reference.strip()
    if not reference or len(reference) > 35 or not set(reference) <= _MANDATE_CHARS:
        raise SepaError(
            "La référence du mandat (RUM) compte 1 à 35 caractères : lettres sans accent, "
            "chiffres, espaces et + ? / - : ( ) . , '",
            code="invalid_mandate_reference",
        )
    try:
        with transaction.atomic():
            mandate = DirectDebitMandate.objects.select_for_update().filter(family=family).first()
            if mandate is None:
                return DirectDebitMandate.objects.create(
                    family=family, reference=reference, signed_on=signed_on, active=active
                )
            if mandate.reference != reference:
                mandate.first_collected = False
            mandate.reference = reference
            mandate.signed_on = signed_on
            mandate.active = active
            mandate.save()
            return mandate
    except IntegrityError:
        raise SepaError(
            "Cette référence de mandat est déjà utilisée.", code="mandate_reference_taken"
        ) from None


# Batches ---------------------------------------------------------------------------------


def creditor_config() -> dict:
    settings = BillingSettings.current()
    missing = [
        label
        for label, value in (
            ("nom du créancier", settings.sepa_creditor_name),
            ("identifiant créancier (ICS)", settings.sepa_creditor_id),
            ("IBAN", settings.sepa_iban),
            ("BIC", settings.sepa_bic),
        )
        if not value
    ]
    if missing:
        raise SepaError(
            "Le créancier SEPA n'est pas configuré (réglages de facturation) : "
            + ", ".join(missing)
            + ".",
            code="creditor_not_configured",
        )
    return {
        "name": settings.sepa_creditor_name,
        "IBAN": _compact(settings.sepa_iban),
        "BIC": _compact(settings.sepa_bic),
        "batch": True,
        "creditor_id": settings.sepa_creditor_id.strip(),
        "currency": "EUR",
    }


def eligible_invoices(*, due_until: date | None = None, invoice_ids: list[int] | None = None):
    """Unpaid invoices of families with an active mandate and an IBAN, not already in a batch
    waiting for collection: the chosen ones, or all due up to ``due_until``."""
    queryset = (
        Invoice.objects.filter(
            kind=Invoice.KIND_INVOICE,
            status__in=Invoice.UNPAID,
            family__mandate__active=True,
        )
        .exclude(family__iban="")
        .exclude(
            pk__in=DirectDebitItem.objects.filter(
                batch__status=DirectDebitBatch.STATUS_GENERATED
            ).values("invoice_id")
        )
    )
    if invoice_ids is not None:
        queryset = queryset.filter(pk__in=invoice_ids)
    elif due_until is not None:
        queryset = queryset.filter(due_date__lte=due_until)
    return queryset.order_by("family_id", "due_date", "sequence")


def create_batch(
    *,
    collection_date: date,
    due_until: date | None = None,
    invoice_ids: list[int] | None = None,
    user=None,
) -> DirectDebitBatch:
    """Build and store the pain.008.001.02 file debiting the eligible invoices."""
    from sepaxml import SepaDD
    from sepaxml.validation import ValidationError as SepaValidationError

    if collection_date <= structure_today():
        raise SepaError(
            "La date de prélèvement doit être postérieure à aujourd'hui.",
            code="collection_date_past",
        )
    config = creditor_config()
    if invoice_ids is None and due_until is None:
        due_until = collection_date
    with transaction.atomic():
        # Locked so that two batches built at once cannot both debit an invoice.
        invoices = list(
            eligible_invoices(due_until=due_until, invoice_ids=invoice_ids)
            .select_for_update(of=("self",))
            .select_related("family__mandate")
        )
        invoices = [i for i in invoices if i.outstanding > 0]
        if not invoices:
            raise SepaError(
                "Aucune facture à prélever : aucune facture impayée d'une famille ayant un "
                "mandat actif et un IBAN.",
                code="nothing_to_collect",
            )
        by_family: dict[int, list[Invoice]] = defaultdict(list)
        for invoice in invoices:
            by_family[invoice.family_id].append(invoice)

        sepa = SepaDD(config, schema="pain.008.001.02", clean=True)
        for family_invoices in by_family.values():
            family = family_invoices[0].family
            mandate = family.mandate
            amount = sum((i.outstanding for i in family_invoices), ZERO)
            payment = {
                "name": family.account_holder or family.name,
                "IBAN": _compact(family.iban),
                "amount": int(amount * 100),
                "type": "RCUR" if mandate.first_collected else "FRST",
                "collection_date": collection_date,
                "mandate_id": mandate.reference,
                "mandate_date": mandate.signed_on,
                "description": "Factures " + ", ".join(i.number for i in family_invoices),
                "endtoend_id": f"F{family.number}-{collection_date:%Y%m%d}"[:35],
            }
            if family.bic:
                payment["BIC"] = _compact(family.bic)
            sepa.add_payment(payment)
        try:
            xml = sepa.export(validate=True).decode("utf-8")
        except SepaValidationError:
            raise SepaError(
                "Le fichier de prélèvement ne respecte pas la norme SEPA : vérifiez l'IBAN, le "
                "BIC et l'identifiant du créancier ainsi que les IBAN des familles.",
                code="sepa_invalid",
            ) from None
        batch = DirectDebitBatch.objects.create(
            collection_date=collection_date,
            message_id=sepa.msg_id,
            total=sum((i.outstanding for i in invoices), ZERO),
            xml=xml,
            created_by=user,
        )
        DirectDebitItem.objects.bulk_create(
            DirectDebitItem(batch=batch, invoice=i, mandate=i.family.mandate, amount=i.outstanding)
            for i in invoices
        )
        return batch


def confirm_batch(*, batch: DirectDebitBatch, user=None) -> DirectDebitBatch:
    """The bank collected the batch: one payment per item, allocated to its invoice.

    Idempotent: the batch row is locked, items already paid are skipped and a collected batch
    is returned as is, so a double click records each payment once.
    """
    with transaction.atomic():
        batch = DirectDebitBatch.objects.select_for_update().get(pk=batch.pk)
        if batch.status == DirectDebitBatch.STATUS_COLLECTED:
            return batch
        items = batch.items.filter(payment__isnull=True).select_related(
            "invoice", "mandate__family"
        )
        mandates = set()
        for item in items.order_by("pk"):
            invoice = Invoice.objects.get(pk=item.invoice_id)
            # The family may have paid part of it another way since the file was built: the
            # collected money still counts, the surplus stays on the family's account.
            allocated = min(item.amount, invoice.outstanding)
            allocations = [] if allocated <= 0 else [ManualAllocation(invoice.pk, allocated)]
            item.payment = record_payment(
                family=item.mandate.family,
                amount=item.amount,
                method=Payment.METHOD_DIRECT_DEBIT,
                received_on=batch.collection_date,
                reference=f"Prélèvement {batch.message_id}",
                allocations=allocations,
                user=user,
            )
            item.save(update_fields=["payment"])
            mandates.add(item.mandate_id)
        DirectDebitMandate.objects.filter(pk__in=mandates).update(first_collected=True)
        batch.status = DirectDebitBatch.STATUS_COLLECTED
        batch.save(update_fields=["status"])
        return batch


def _compact(value: str) -> str:
    return "".join(value.split()).upper()
