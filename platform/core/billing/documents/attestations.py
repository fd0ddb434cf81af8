"""Attestations for a family (« Mes éditions ») and for staff: payments of a year, childcare
costs of children under 6 (tax credit), a child's presence over a period.

Each attestation is first computed as a dataclass (what the tests check), then rendered.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Sum
from django.db.models.functions import ExtractYear

from core.billing.documents.pdf import cents, filename, render_html, render_pdf
from core.billing.models import Allocation, Invoice, InvoiceLine, Payment
from core.booking.models import Reservation
from core.families.models import Child, Family

ZERO = Decimal("0.00")
CHILDCARE_AGE = 6


# Payments of a year ---------------------------------------------------------------------


@dataclass(frozen=True)
class PaymentRow:
    received_on: date
    number: str
    method: str
    invoice_number: str  # empty: the part left on the family's account
    amount: Decimal


@dataclass(frozen=True)
class PaymentAttestation:
    family: Family
    year: int
    rows: list[PaymentRow]
    total: Decimal


def payment_attestation(*, family: Family, year: int) -> PaymentAttestation:
    """Every payment received in ``year`` (cancelled ones excluded), per invoice it settled."""
    payments = (
        Payment.objects.filter(
            family=family, status=Payment.STATUS_RECORDED, received_on__year=year
        )
        .prefetch_related("allocations__invoice")
        .order_by("received_on", "pk")
    )
    rows: list[PaymentRow] = []
    total = ZERO
    for payment in payments:
        method = payment.get_method_display()
        total += payment.amount
        for allocation in sorted(payment.allocations.all(), key=lambda a: a.pk):
            rows.append(
                PaymentRow(
                    payment.received_on,
                    payment.number,
                    method,
                    allocation.invoice.number,
                    allocation.amount,
                )
            )
        if payment.unallocated > 0:
            rows.append(
                PaymentRow(payment.received_on, payment.number, method, "", payment.unallocated)
            )
    return PaymentAttestation(family, year, rows, total)


# Childcare costs of children under 6 --------------------------------------------------------


@dataclass(frozen=True)
class ChildcareAmount:
    child: Child
    amount: Decimal


@dataclass(frozen=True)
class ChildcareAttestation:
    family: Family
    year: int
    children: list[ChildcareAmount]
    total: Decimal


def is_under_six(child: Child, year: int) -> bool:
    """Under 6 on 1 January of ``year`` (the tax credit's rule), or born during the year."""
    sixth_birthday_limit = date(year - CHILDCARE_AGE, 1, 1)
    return sixth_birthday_limit < child.birth_date <= date(year, 12, 31)


def children_under_six(*, family: Family, year: int) -> list[Child]:
    return [c for c in family.children.order_by("birth_date", "pk") if is_under_six(c, year)]


def childcare_attestation(*, family: Family, year: int) -> ChildcareAttestation:
    """What the family itself paid in ``year`` for the care of each child under 6.

    Each payment's allocation to an invoice is spread over the invoice's lines in proportion
    to their amounts, and only the care part of the child's lines counts:
    - meals are excluded (``meal_amount``);
    - aids (CAF, works council: ``Payment.AIDS``) are not paid by the family: their
      allocations are left out, so the family's share of each invoice is what it paid;
    - credit notes are deducted: the lines they credit leave the invoice's content, and the
      payment counts at most for what the invoice still asks once credited.
    """
    children = children_under_six(family=family, year=year)
    if not children:
        return ChildcareAttestation(family, year, [], ZERO)
    paid: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for allocation in Allocation.objects.filter(
        payment__family=family,
        payment__status=Payment.STATUS_RECORDED,
        payment__received_on__year=year,
    ).exclude(payment__method__in=Payment.AIDS):
        paid[allocation.invoice_id] += allocation.amount
    invoices = {i.pk: i for i in Invoice.objects.filter(pk__in=paid, kind=Invoice.KIND_INVOICE)}
    credit_totals: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for invoice_id, total in Invoice.objects.filter(
        refers_to_id__in=invoices, kind=Invoice.KIND_CREDIT_NOTE
    ).values_list("refers_to_id", "total"):
        credit_totals[invoice_id] += total

    wanted = {c.pk for c in children}
    # Per invoice: the care of each wanted child, and the content that itemised lines leave.
    care: dict[tuple[int, int], Decimal] = defaultdict(lambda: ZERO)
    itemised_credit: dict[int, Decimal] = defaultdict(lambda: ZERO)
    lines = InvoiceLine.objects.filter(invoice_id__in=invoices).values_list(
        "invoice_id", "child_id", "amount", "meal_amount"
    )
    for invoice_id, child_id, amount, meal in lines:
        if child_id in wanted:
            care[(invoice_id, child_id)] += amount - meal
    credit_lines = InvoiceLine.objects.filter(
        invoice__refers_to_id__in=invoices,
        invoice__kind=Invoice.KIND_CREDIT_NOTE,
        child__isnull=False,
    ).values_list("invoice__refers_to_id", "child_id", "amount", "meal_amount")
    for invoice_id, child_id, amount, meal in credit_lines:
        itemised_credit[invoice_id] += amount
        if child_id in wanted:
            care[(invoice_id, child_id)] -= amount - meal

    amounts: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for (invoice_id, child_id), child_care in care.items():
        invoice = invoices[invoice_id]
        content = invoice.total - itemised_credit[invoice_id]
        payable = invoice.total - credit_totals[invoice_id]
        if content <= 0 or payable <= 0 or child_care <= 0:
            continue
        amounts[child_id] += min(paid[invoice_id], payable) * child_care / content
    rows = [ChildcareAmount(child, cents(amounts[child.pk])) for child in children]
    return ChildcareAttestation(family, year, rows, sum((r.amount for r in rows), ZERO))


# Presence --------------------------------------------------------------------------------


@dataclass(frozen=True)
class PresenceDay:
    on: date
    units: list[str]


@dataclass(frozen=True)
class PresenceUnit:
    activity: str
    unit: str
    count: int


@dataclass(frozen=True)
class PresenceAttestation:
    child: Child
    start: date
    end: date
    days: list[PresenceDay]
    units: list[PresenceUnit]


def presence_attestation(*, child: Child, start: date, end: date) -> PresenceAttestation:
    """The days ``child`` was marked present between ``start`` and ``end``, with the units."""
    reservations = (
        Reservation.objects.filter(
            child=child, state=Reservation.PRESENT, date__gte=start, date__lte=end
        )
        .select_related("unit__activity")
        .order_by("date", "unit__start_time", "unit__name")
    )
    by_day: dict[date, list[str]] = {}
    by_unit: dict[tuple[str, str], int] = defaultdict(int)
    for reservation in reservations:
        unit = reservation.unit
        by_day.setdefault(reservation.date, []).append(unit.name)
        by_unit[(unit.activity.name, unit.name)] += 1
    return PresenceAttestation(
        child,
        start,
        end,
        [PresenceDay(day, units) for day, units in by_day.items()],
        [PresenceUnit(a, u, n) for (a, u), n in sorted(by_unit.items())],
    )


# What « Mes éditions » offers -----------------------------------------------------------------


@dataclass(frozen=True)
class AvailableYear:
    year: int
    payments_total: Decimal
    children_under_six: list[Child]


def available_attestations(*, family: Family) -> list[AvailableYear]:
    """The years with payments, newest first, and the children under 6 in each."""
    totals = (
        Payment.objects.filter(family=family, status=Payment.STATUS_RECORDED)
        .annotate(year=ExtractYear("received_on"))
        .values("year")
        .annotate(total=Sum("amount"))
        .order_by("-year")
    )
    children = list(family.children.order_by("birth_date", "pk"))
    return [
        AvailableYear(
            row["year"], row["total"], [c for c in children if is_under_six(c, row["year"])]
        )
        for row in totals
    ]


# Rendering ---------------------------------------------------------------------------------

_TEMPLATES = {
    PaymentAttestation: "billing/attestation_payments.html",
    ChildcareAttestation: "billing/attestation_childcare.html",
    PresenceAttestation: "billing/attestation_presence.html",
}


def attestation_html(attestation) -> str:
    return render_html(_template(attestation), {"attestation": attestation})


def attestation_pdf(attestation) -> tuple[bytes, str]:
    """The PDF of an attestation computed above, and its download name."""
    data = render_pdf(_template(attestation), {"attestation": attestation})
    if isinstance(attestation, PaymentAttestation):
        name = filename("attestation-paiement", attestation.year, attestation.family.number)
    elif isinstance(attestation, ChildcareAttestation):
        name = filename("attestation-frais-de-garde", attestation.year, attestation.family.number)
    else:
        child = attestation.child
        name = filename(
            "attestation-presence", f"{child.first_name}-{child.last_name}", attestation.end
        )
    return data, name


def _template(attestation) -> str:
    return _TEMPLATES[type(attestation)]
