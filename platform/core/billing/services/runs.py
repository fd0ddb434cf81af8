"""Invoice runs: create → compute the draft (again until published) → publish.

``publish_run`` issues, in one transaction, an invoice per family for the period's charges
and a credit note per earlier invoice corrected, numbered gap-free, then settles them with
the family's available credit and e-mails the families once committed.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.db import connection, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from core.billing.models import (
    BillingSettings,
    Invoice,
    InvoiceLine,
    InvoiceRun,
    InvoiceSeries,
    RunFamily,
)
from core.billing.services.allocation import allocate_family
from core.billing.services.drafts import compute_draft, issued_lines
from core.billing.services.numbering import take_numbers
from core.billing.services.statement import available_credits
from core.errors import DomainError
from core.families.models import Family
from core.tenancy.locks import advisory_xact_lock

ZERO = Decimal("0.00")


class RunError(DomainError):
    """An invoice run refused in French, nothing written."""

    code = "run_refused"


def create_run(
    *,
    label: str,
    period_start: date,
    period_end: date,
    activity_ids: list[int] | None = None,
    series: InvoiceSeries | None = None,
    user=None,
) -> InvoiceRun:
    """A new run, its draft computed by a task once committed."""
    from core.billing.tasks import compute_invoice_run

    if period_end < period_start:
        raise RunError("La fin de la période doit suivre son début.", code="period_reversed")
    if (period_end - period_start).days > 366:
        raise RunError("Une facturation couvre au plus un an.", code="period_too_long")
    with transaction.atomic():
        run = InvoiceRun.objects.create(
            label=label.strip()
            or f"Facturation du {period_start:%d/%m/%Y} au {period_end:%d/%m/%Y}",
            period_start=period_start,
            period_end=period_end,
            series=series or InvoiceSeries.default(),
            created_by=user,
        )
        if activity_ids:
            run.activities.set(activity_ids)
        transaction.on_commit(lambda: compute_invoice_run.delay(run_id=run.pk))
    return run


def request_recompute(*, run: InvoiceRun) -> InvoiceRun:
    from core.billing.tasks import compute_invoice_run

    with transaction.atomic():
        run = InvoiceRun.objects.select_for_update().get(pk=run.pk)
        if not run.is_editable:
            raise RunError("Cette facturation ne peut plus être recalculée.", code="run_not_draft")
        run.status = InvoiceRun.STATUS_COMPUTING
        run.failure = ""
        run.save(update_fields=["status", "failure"])
        transaction.on_commit(lambda: compute_invoice_run.delay(run_id=run.pk))
    return run


def _clear_draft(run: InvoiceRun) -> None:
    # Raw deletes: the ORM would fetch tens of thousands of lines to cascade them.
    lines = InvoiceLine.objects.filter(run_family__run=run, invoice__isnull=True)
    lines._raw_delete(lines.db)
    families = RunFamily.objects.filter(run=run)
    families._raw_delete(families.db)


def compute_run(*, run_id: int) -> InvoiceRun:
    """(Re)compute the draft of a run that is not published; writes it in one transaction."""
    with transaction.atomic():
        run = InvoiceRun.objects.select_for_update().get(pk=run_id)
        if run.status not in (InvoiceRun.STATUS_COMPUTING, *InvoiceRun.EDITABLE):
            return run
        _clear_draft(run)
        drafts = compute_draft(run=run)
        families = RunFamily.objects.bulk_create(
            [
                RunFamily(
                    run=run,
                    family_id=d.family_id,
                    total=d.total,
                    credit_total=d.credit_total,
                    line_count=len(d.lines),
                    error=" ".join(d.errors),
                )
                for d in drafts.values()
            ]
        )
        lines = []
        for run_family, draft in zip(families, drafts.values(), strict=True):
            for line in draft.lines:
                line.run_family = run_family
                lines.append(line)
        InvoiceLine.objects.bulk_create(lines, batch_size=5000)
        run.family_count = len(families)
        run.error_count = sum(1 for f in families if f.error)
        run.line_count = len(lines)
        run.total = sum((f.total for f in families if not f.error), ZERO)
        run.credit_total = sum((f.credit_total for f in families if not f.error), ZERO)
        run.status = InvoiceRun.STATUS_DRAFT
        run.computed_at = timezone.now()
        run.failure = ""
        run.save()
    return run


def mark_failed(*, run_id: int, message: str) -> None:
    InvoiceRun.objects.filter(pk=run_id).exclude(status=InvoiceRun.STATUS_PUBLISHED).update(
        status=InvoiceRun.STATUS_FAILED, failure=message
    )


def request_publish(
    *,
    run: InvoiceRun,
    issue_date: date,
    due_date: date | None = None,
    user=None,
    dispatch: bool = True,
) -> InvoiceRun:
    """Check the dates, mark the run as publishing; the task issues the documents.

    ``dispatch=False`` leaves the run waiting for a caller that publishes it itself
    (``publish_run``): the race tests start two publications at the same instant."""
    from core.billing.tasks import publish_invoice_run

    settings = BillingSettings.current()
    due_date = due_date or issue_date + timedelta(days=settings.payment_terms_days)
    if due_date < issue_date:
        raise RunError("L'échéance ne peut précéder la date d'émission.", code="due_before_issue")
    with transaction.atomic():
        run = InvoiceRun.objects.select_for_update().get(pk=run.pk)
        if run.status != InvoiceRun.STATUS_DRAFT:
            raise RunError("Seul un brouillon calculé peut être émis.", code="run_not_draft")
        if run.family_count - run.error_count == 0:
            raise RunError("Rien à facturer dans ce brouillon.", code="run_empty")
        run.status = InvoiceRun.STATUS_PUBLISHING
        run.issue_date = issue_date
        run.due_date = due_date
        run.published_by = user
        run.save(update_fields=["status", "issue_date", "due_date", "published_by"])
        if dispatch:
            transaction.on_commit(lambda: publish_invoice_run.delay(run_id=run.pk))
    return run


def _recipients(family_ids) -> dict[int, dict]:
    """Each family as its documents print it (the ``Invoice`` recipient fields)."""
    out = {}
    for family in Family.objects.filter(pk__in=family_ids).prefetch_related("guardians"):
        guardians = list(family.guardians.all())
        primary = guardians[0] if guardians else None
        name = (
            f"{primary.get_civility_display() + ' ' if primary.civility else ''}"
            f"{primary.first_name} {primary.last_name.upper()}"
            if primary
            else f"Famille {family.name}"
        )
        address = "\n".join(
            part
            for part in (
                family.address_line1,
                family.address_line2,
                f"{family.postal_code} {family.city}".strip(),
            )
            if part
        )
        out[family.pk] = {
            "recipient_name": name,
            "recipient_address": address,
            "family_number": family.number,
        }
    return out


def publish_run(*, run_id: int) -> InvoiceRun:
    """Issue the run's documents (task body): all or nothing, numbers without gaps."""
    from core.billing.services.notifications import notify_run_published

    with transaction.atomic():
        # One publication at a time per structure: the double-billing check below and the
        # writes must see every earlier publication committed.
        advisory_xact_lock(f"{connection.schema_name}:billing-publish")
        run = InvoiceRun.objects.select_for_update().select_related("series").get(pk=run_id)
        if run.status != InvoiceRun.STATUS_PUBLISHING:
            return run
        ok = RunFamily.objects.filter(run=run, error="", line_count__gt=0)
        draft_lines = InvoiceLine.objects.filter(run_family__in=ok, invoice__isnull=True)
        # Another run published since this draft was computed may have billed the same days.
        if (
            issued_lines()
            .filter(
                reservation_id__in=draft_lines.filter(corrects__isnull=True).values(
                    "reservation_id"
                )
            )
            .exists()
            or issued_lines()
            .filter(
                corrects_id__in=draft_lines.filter(corrects__isnull=False).values("corrects_id")
            )
            .exists()
            or issued_lines()
            .exclude(source_module="")
            .filter(
                Exists(
                    draft_lines.filter(
                        source_module=OuterRef("source_module"),
                        source_reference=OuterRef("source_reference"),
                    )
                )
            )
            .exists()
        ):
            raise RunError(
                "Une autre facturation a été émise depuis le calcul de ce brouillon : "
                "recalculez-le avant de l'émettre.",
                code="run_outdated",
            )
        charge_lines = InvoiceLine.objects.filter(
            run_family_id=OuterRef("pk"), corrects__isnull=True
        )
        charges = dict(ok.filter(Exists(charge_lines)).values_list("family_id", "total"))
        credited = list(
            draft_lines.filter(corrects__isnull=False)
            .values_list("run_family__family_id", "corrects__invoice_id", "amount")
            .order_by("run_family__family_id", "corrects__invoice_id")
        )
        notes: dict[tuple[int, int], Decimal] = {}
        for family_id, invoice_id, amount in credited:
            notes[(family_id, invoice_id)] = notes.get((family_id, invoice_id), ZERO) + amount
        recipients = _recipients({*charges, *(k[0] for k in notes)})
        year = run.issue_date.year
        invoice_numbers = iter(
            take_numbers(series=run.series, kind="invoice", year=year, count=len(charges))
        )
        note_numbers = iter(
            take_numbers(series=run.series, kind="credit_note", year=year, count=len(notes))
        )
        documents = []
        common = {
            "series": run.series,
            "run": run,
            "issue_date": run.issue_date,
            "period_start": run.period_start,
            "period_end": run.period_end,
            "created_by": run.published_by,
        }
        for family_id in sorted(charges, key=lambda f: recipients[f]["family_number"]):
            y, seq, number = next(invoice_numbers)
            documents.append(
                Invoice(
                    kind=Invoice.KIND_INVOICE,
                    number=number,
                    sequence=seq,
                    year=y,
                    family_id=family_id,
                    due_date=run.due_date,
                    total=charges[family_id],
                    status=Invoice.STATUS_PAID
                    if charges[family_id] == 0
                    else Invoice.STATUS_ISSUED,
                    **recipients[family_id],
                    **common,
                )
            )
        for (family_id, invoice_id), amount in notes.items():
            y, seq, number = next(note_numbers)
            documents.append(
                Invoice(
                    kind=Invoice.KIND_CREDIT_NOTE,
                    number=number,
                    sequence=seq,
                    year=y,
                    family_id=family_id,
                    refers_to_id=invoice_id,
                    total=amount,
                    reason="Régularisation de prestations facturées (absences excusées, "
                    "annulations).",
                    **recipients[family_id],
                    **common,
                )
            )
        Invoice.objects.bulk_create(documents, batch_size=2000)
        with connection.cursor() as cursor:
            line = InvoiceLine._meta.db_table
            invoice = Invoice._meta.db_table
            run_family = RunFamily._meta.db_table
            cursor.execute(
                f"""UPDATE {line} AS l SET invoice_id = i.id
                FROM {run_family} AS rf, {invoice} AS i
                WHERE l.run_family_id = rf.id AND rf.run_id = %s AND rf.error = ''
                  AND l.invoice_id IS NULL AND l.corrects_id IS NULL
                  AND i.run_id = rf.run_id AND i.family_id = rf.family_id
                  AND i.kind = 'invoice'""",  # noqa: S608
                [run.pk],
            )
            cursor.execute(
                f"""UPDATE {line} AS l SET invoice_id = cn.id
                FROM {run_family} AS rf, {line} AS orig, {invoice} AS cn
                WHERE l.run_family_id = rf.id AND rf.run_id = %s AND rf.error = ''
                  AND l.invoice_id IS NULL AND l.corrects_id = orig.id
                  AND cn.run_id = rf.run_id AND cn.kind = 'credit_note'
                  AND cn.family_id = rf.family_id AND cn.refers_to_id = orig.invoice_id""",  # noqa: S608
                [run.pk],
            )
        # Credit the families already have (advances, credit notes) settles the new invoices.
        with_credit = available_credits(family_ids={d.family_id for d in documents})
        for family_id in sorted(with_credit):
            allocate_family(family_id=family_id)
        run.status = InvoiceRun.STATUS_PUBLISHED
        run.published_at = timezone.now()
        run.save(update_fields=["status", "published_at"])
        transaction.on_commit(lambda: notify_run_published(run_id=run.pk))
    return run


def delete_draft(*, run: InvoiceRun) -> None:
    with transaction.atomic():
        run = InvoiceRun.objects.select_for_update().get(pk=run.pk)
        if run.status not in InvoiceRun.EDITABLE:
            raise RunError("Seul un brouillon peut être supprimé.", code="run_not_draft")
        _clear_draft(run)
        run.delete()
