"""Computing a run's draft: the lines each family owes (or is owed) for the period.

Batched for thousands of families: a fixed number of queries whatever their number (the
reservations, what was already billed, units, children, families, pricing data), then pure
Python, then bulk inserts. See ``bench/invoice_run.py``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Case, DecimalField, Exists, F, OuterRef, Sum, When
from django.db.models.functions import Coalesce

from core.billing.models import Invoice, InvoiceLine, InvoiceRun
from core.billing.rules import BILLABLE_STATES, NOT_BILLED_STATES, STATE_LINE_LABEL
from core.booking.models import Reservation
from core.booking.pricing import pricing_contexts
from core.catalog.models import Unit
from core.families.models import Child, Family
from core.module_hooks import extra_lines, module_billed_kinds
from core.pricing.engine import money, quote

ZERO = Decimal("0.00")
STATE_LABELS = dict(Reservation.STATE_CHOICES)


@dataclass
class FamilyDraft:
    family_id: int
    lines: list[InvoiceLine] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def total(self) -> Decimal:
        return sum((ln.amount for ln in self.lines if ln.corrects_id is None), ZERO)

    @property
    def credit_total(self) -> Decimal:
        return sum((ln.amount for ln in self.lines if ln.corrects_id is not None), ZERO)


def issued_lines():
    return InvoiceLine.objects.filter(invoice__isnull=False)


def signed_amount():
    return Case(
        When(invoice__kind=Invoice.KIND_CREDIT_NOTE, then=-F("amount")),
        default=F("amount"),
        output_field=DecimalField(max_digits=10, decimal_places=2),
    )


def billing_start() -> date | None:
    """From when unbilled reservations are regularised: the first period ever published."""
    first = (
        InvoiceRun.objects.filter(status=InvoiceRun.STATUS_PUBLISHED)
        .order_by("period_start")
        .values_list("period_start", flat=True)
        .first()
    )
    return first


def _unbilled(run: InvoiceRun, activity_ids: list[int], start: date, end: date):
    qs = Reservation.objects.filter(date__range=(start, end), state__in=BILLABLE_STATES).filter(
        ~Exists(issued_lines().filter(reservation_id=OuterRef("pk")))
    )
    if activity_ids:
        qs = qs.filter(unit__activity_id__in=activity_ids)
    for module_id, kind in sorted(module_billed_kinds()):
        qs = qs.exclude(unit__activity__module=module_id, unit__activity__kind=kind)
    return qs.values_list("pk", "child_id", "child__family_id", "unit_id", "date", "state")


def _to_credit(run: InvoiceRun, activity_ids: list[int]):
    """Reservations billed (net > 0) whose state is no longer billable, with their last line."""
    qs = issued_lines().filter(
        reservation__state__in=NOT_BILLED_STATES, reservation__date__lte=run.period_end
    )
    if activity_ids:
        qs = qs.filter(activity_id__in=activity_ids)
    nets = {
        row["reservation_id"]: row["net"]
        for row in qs.values("reservation_id")
        .annotate(net=Coalesce(Sum(signed_amount()), ZERO))
        .filter(net__gt=0)
    }
    if not nets:
        return []
    originals = {}
    for line in (
        issued_lines()
        .filter(reservation_id__in=nets, invoice__kind=Invoice.KIND_INVOICE)
        .select_related("invoice", "reservation")
        .order_by("reservation_id", "pk")
    ):
        originals[line.reservation_id] = line  # the last invoice line of each reservation
    return [(originals[rid], net) for rid, net in nets.items() if rid in originals]


def compute_draft(*, run: InvoiceRun) -> dict[int, FamilyDraft]:
    """The draft of ``run`` per family (nothing written)."""
    activity_ids = list(run.activities.values_list("pk", flat=True))
    rows = list(_unbilled(run, activity_ids, run.period_start, run.period_end))
    regularised_from = billing_start()
    late_rows = []
    if regularised_from and regularised_from < run.period_start:
        late_rows = list(_unbilled(run, activity_ids, regularised_from, run.period_start))
        late_rows = [r for r in late_rows if r[4] < run.period_start]
    credits = _to_credit(run, activity_ids)

    drafts: dict[int, FamilyDraft] = {}

    def draft_for(family_id: int) -> FamilyDraft:
        if family_id not in drafts:
            drafts[family_id] = FamilyDraft(family_id)
        return drafts[family_id]

    for original, net in credits:
        family_id = original.invoice.family_id
        why = STATE_LABELS.get(original.reservation.state, "").lower()
        draft_for(family_id).lines.append(
            InvoiceLine(
                kind=InvoiceLine.KIND_CORRECTION,
                reservation_id=original.reservation_id,
                corrects=original,
                child_id=original.child_id,
                child_name=original.child_name,
                activity_id=original.activity_id,
                activity_name=original.activity_name,
                date=original.date,
                label=f"{original.label} ({why}) — facture {original.invoice.number}",
                tariff_name=original.tariff_name,
                quantity=Decimal(1),
                unit_price=net,
                amount=net,
                meal_amount=min(original.meal_amount, net),
                state=original.reservation.state,
            )
        )

    all_rows = [(r, False) for r in rows] + [(r, True) for r in late_rows]
    if all_rows:
        unit_ids = {r[3] for r, _ in all_rows}
        units = {u.pk: u for u in Unit.objects.filter(pk__in=unit_ids).select_related("activity")}
        children = {
            c.pk: c
            for c in Child.objects.filter(pk__in={r[1] for r, _ in all_rows}).only(
                "pk", "first_name", "last_name", "birth_date", "family_id"
            )
        }
        families = Family.objects.filter(pk__in={r[2] for r, _ in all_rows}).only(
            "pk", "postal_code"
        )
        pricing = pricing_contexts(families=families, units=units.values())
        for (pk, child_id, family_id, unit_id, day, state), late in sorted(
            all_rows, key=lambda item: (item[0][2], item[0][1], item[0][4], item[0][3])
        ):
            unit = units[unit_id]
            child = children[child_id]
            priced = quote(ctx=pricing[family_id], child_id=child_id, unit=unit, on=day)
            draft = draft_for(family_id)
            if not priced.priced:
                message = f"Aucun tarif pour « {unit.name} » le {day:%d/%m/%Y}."
                if message not in draft.errors:
                    draft.errors.append(message)
            amount = priced.amount if priced.priced else ZERO
            label = f"{unit.name} — {STATE_LINE_LABEL[state]}"
            draft.lines.append(
                InvoiceLine(
                    kind=InvoiceLine.KIND_CORRECTION if late else InvoiceLine.KIND_CHARGE,
                    reservation_id=pk,
                    child_id=child_id,
                    child_name=f"{child.first_name} {child.last_name}",
                    activity_id=unit.activity_id,
                    activity_name=unit.activity.name,
                    date=day,
                    label=f"Régularisation : {label}" if late else label,
                    tariff_name=priced.tariff_name,
                    quantity=Decimal(1),
                    unit_price=amount,
                    amount=amount,
                    meal_amount=priced.meal_amount if priced.priced else ZERO,
                    state=state,
                )
            )
    _add_module_lines(run, draft_for)
    return drafts


def _add_module_lines(run: InvoiceRun, draft_for) -> None:
    """The lines the active modules' sources give for ``run``, except what was already issued
    (one query for all of them)."""
    given = list(extra_lines(run=run))
    if not given:
        return
    issued = set(
        issued_lines()
        .filter(source_module__in={m.id for m, _ in given})
        .filter(source_reference__in={line.reference for _, line in given})
        .values_list("source_module", "source_reference")
    )
    for module, line in given:
        if (module.id, line.reference) in issued:
            continue
        issued.add((module.id, line.reference))
        amount = money(line.amount)
        draft_for(line.family_id).lines.append(
            InvoiceLine(
                kind=InvoiceLine.KIND_CHARGE,
                child_id=line.child_id,
                child_name=line.child_name,
                activity_id=line.activity_id,
                activity_name=line.activity_name,
                date=line.date,
                label=line.label,
                tariff_name=line.tariff_name,
                quantity=line.quantity,
                unit_price=money(line.unit_price if line.unit_price is not None else amount),
                amount=amount,
                meal_amount=money(line.meal_amount),
                source_module=module.id,
                source_reference=line.reference,
            )
        )
