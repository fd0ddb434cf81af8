"""The figures the Caf asks of an EAJE under the PSU, per establishment and month or year:
hours of presence (réalisées, from the pointage), hours billed (facturées, from the issued
invoice lines of the establishment's places), the taux de facturation (billed ÷ attended),
the families' participations (the amounts billed), and the number of children and of hours by
age band at the day of care. Exported as CSV (``core.csv_safe``) and PDF (WeasyPrint).

What is counted (``docs/creche.md``):
* réalisées: every pointage of the establishment with a departure, contract or occasional;
* facturées: the quantities (hours) of the crèche's issued lines whose month is in the
  period — fees, extra hours, deductions (negative), occasional care, regularisations —
  minus those of the full credit notes correcting them; participations are their amounts,
  less the credit notes (a partial one shared in proportion to the invoice's lines);
* a child is counted in the band of its age on each day of care (a child whose birthday falls
  in the period may be counted in two bands; the total counts each child once).
"""

from __future__ import annotations

import io
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.template.loader import render_to_string

from core import csv_safe
from core.billing.models import Invoice, InvoiceLine
from core.tenancy.context import current_structure
from modules.creche.models import Establishment, Presence
from modules.creche.services.billing import MODULE, MONTHS, month_bounds

ZERO = Decimal("0.00")
CENT = Decimal("0.01")
#: The Cnaf checks structures whose taux de facturation exceeds this (billed ÷ attended).
ALERT_RATE = Decimal("117.00")
AGE_BANDS = (
    ("0", "Moins d'un an"),
    ("1", "1 à 2 ans"),
    ("2", "2 à 3 ans"),
    ("3", "3 à 4 ans"),
    ("4", "4 ans et plus"),
)


def age_band(birth: date, on: date) -> str:
    years = on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))
    return str(min(max(years, 0), 4))


def _minutes(start, end) -> int:
    return (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)


def _hours(minutes: int) -> Decimal:
    return (Decimal(minutes) / 60).quantize(CENT, rounding=ROUND_HALF_UP)


def billing_rate(billed: Decimal, attended: Decimal) -> Decimal | None:
    """Billed ÷ attended, as a percentage with two decimals (None without attended hours)."""
    if not attended:
        return None
    return (Decimal(billed) / Decimal(attended) * 100).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass
class Bucket:
    minutes: int = 0
    billed: Decimal = ZERO
    participations: Decimal = ZERO
    children: set[int] = field(default_factory=set)


@dataclass
class Report:
    establishment: Establishment
    year: int
    month: int | None
    total: Bucket
    bands: dict[str, Bucket]
    months: dict[int, Bucket]

    @property
    def period_label(self) -> str:
        if self.month:
            return f"{MONTHS[self.month - 1]} {self.year}"
        return f"année {self.year}"

    def as_dict(self) -> dict:
        attended = _hours(self.total.minutes)
        rate = billing_rate(self.total.billed, attended)
        return {
            "establishment": self.establishment.pk,
            "establishment_name": self.establishment.name,
            "period_label": self.period_label,
            "attended_hours": attended,
            "billed_hours": self.total.billed,
            "billing_rate": rate,
            "billing_rate_alert": rate is not None and rate > ALERT_RATE,
            "participations": self.total.participations,
            "children": len(self.total.children),
            "age_bands": [
                {
                    "code": code,
                    "label": label,
                    "children": len(self.bands[code].children),
                    "attended_hours": _hours(self.bands[code].minutes),
                    "billed_hours": self.bands[code].billed,
                }
                for code, label in AGE_BANDS
            ],
            "months": [
                {
                    "month": number,
                    "label": f"{MONTHS[number - 1]} {self.year}",
                    "attended_hours": _hours(bucket.minutes),
                    "billed_hours": bucket.billed,
                    "participations": bucket.participations,
                    "children": len(bucket.children),
                }
                for number, bucket in sorted(self.months.items())
            ],
        }


def period(year: int, month: int | None) -> tuple[date, date]:
    if month:
        return month_bounds(year, month)
    return date(year, 1, 1), date(year, 12, 31)


def billed_rows(*, activity_id: int | None, start: date, end: date) -> list[tuple]:
    """The crèche's issued lines of the establishment whose month is in [start, end], and the
    credit notes correcting them:
    ``(child_id, birth_date, family_id, month_date, quantity, amount, kind)``.

    * A full credit note copies the invoice's lines, each pointing at the line it corrects
      (``corrects``) without the module's reference: the corrected line's child, month, hours
      and amount are read, under the credit note's kind (subtracted).
    * A partial credit note is one manual line in euros on the whole invoice: it is attributed
      to the invoice's lines in proportion to their amounts, so each crèche line's share is
      subtracted from the participations, with no hours (a credit in euros un-bills no hour;
      ``docs/creche.md``).
    """
    if activity_id is None:
        return []
    fields = ("child_id", "child__birth_date", "invoice__family_id", "date", "quantity", "amount")
    own = list(
        InvoiceLine.objects.filter(
            invoice__isnull=False,
            source_module=MODULE,
            activity_id=activity_id,
            date__range=(start, end),
        )
        .exclude(child__isnull=True)
        .values_list(*fields, "invoice__kind", "invoice_id")
    )
    rows: list[tuple] = [row[:7] for row in own]
    copies = (
        InvoiceLine.objects.filter(
            invoice__kind=Invoice.KIND_CREDIT_NOTE,
            corrects__source_module=MODULE,
            corrects__activity_id=activity_id,
            corrects__date__range=(start, end),
        )
        .exclude(corrects__child__isnull=True)
        .values_list(*(f"corrects__{name}" for name in fields))
    )
    rows += [(*row, Invoice.KIND_CREDIT_NOTE) for row in copies]
    invoice_ids = {row[7] for row in own if row[6] == Invoice.KIND_INVOICE}
    shares: dict[int, list[Decimal]] = defaultdict(list)
    if invoice_ids:
        partial = (
            Invoice.objects.filter(
                kind=Invoice.KIND_CREDIT_NOTE,
                refers_to_id__in=invoice_ids,
                lines__corrects__isnull=True,
            )
            .distinct()
            .values_list("refers_to_id", "total", "refers_to__total")
        )
        for invoice_id, credited, invoiced in partial:
            if invoiced:
                shares[invoice_id].append(Decimal(credited) / Decimal(invoiced))
    for row in own:
        for share in shares.get(row[7], ()):
            amount = (row[5] * share).quantize(CENT, rounding=ROUND_HALF_UP)
            rows.append((*row[:4], ZERO, amount, Invoice.KIND_CREDIT_NOTE))
    return rows


def caf_report(*, establishment: Establishment, year: int, month: int | None = None) -> Report:
    start, end = period(year, month)
    total, bands = Bucket(), {code: Bucket() for code, _ in AGE_BANDS}
    months: dict[int, Bucket] = defaultdict(Bucket)
    presences = Presence.objects.filter(
        establishment=establishment, date__range=(start, end), departure__isnull=False
    ).values_list("child_id", "child__birth_date", "date", "arrival", "departure")
    for child_id, birth, day, arrival, departure in presences:
        minutes = _minutes(arrival, departure)
        for bucket in (total, bands[age_band(birth, day)], months[day.month]):
            bucket.minutes += minutes
            bucket.children.add(child_id)
    for child_id, birth, _family, day, quantity, amount, kind in billed_rows(
        activity_id=establishment.activity_id, start=start, end=end
    ):
        sign = -1 if kind == Invoice.KIND_CREDIT_NOTE else 1
        for bucket in (total, bands[age_band(birth, day)], months[day.month]):
            bucket.billed += sign * quantity
            bucket.participations += sign * amount
            bucket.children.add(child_id)
    return Report(establishment, year, month, total, bands, dict(months))


def _number(value) -> str:
    return "" if value is None else str(value).replace(".", ",")


def report_csv(report: Report) -> bytes:
    data = report.as_dict()
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv_safe.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(["Établissement", data["establishment_name"]])
    writer.writerow(["Période", data["period_label"]])
    writer.writerow([])
    writer.writerow(
        [
            "Période",
            "Heures réalisées",
            "Heures facturées",
            "Taux de facturation (%)",
            "Participations familiales (€)",
            "Enfants",
        ]
    )
    for row in data["months"]:
        writer.writerow(
            [
                row["label"],
                _number(row["attended_hours"]),
                _number(row["billed_hours"]),
                _number(billing_rate(row["billed_hours"], row["attended_hours"])),
                _number(row["participations"]),
                row["children"],
            ]
        )
    writer.writerow(
        [
            "Total",
            _number(data["attended_hours"]),
            _number(data["billed_hours"]),
            _number(data["billing_rate"]),
            _number(data["participations"]),
            data["children"],
        ]
    )
    writer.writerow([])
    writer.writerow(["Tranche d'âge", "Enfants", "Heures réalisées", "Heures facturées"])
    for band in data["age_bands"]:
        writer.writerow(
            [
                band["label"],
                band["children"],
                _number(band["attended_hours"]),
                _number(band["billed_hours"]),
            ]
        )
    return buffer.getvalue().encode("utf-8")


def report_pdf(report: Report) -> bytes:
    from core.documents.editions import html_to_pdf

    structure = current_structure()
    data = report.as_dict()
    for row in data["months"]:
        row["billing_rate"] = billing_rate(row["billed_hours"], row["attended_hours"])
    html = render_to_string(
        "creche/caf_report.html",
        {
            "structure": structure.name if structure else "",
            "report": data,
            "alert_rate": ALERT_RATE,
        },
    )
    return html_to_pdf(html)


def report_filename(report: Report, fmt: str) -> str:
    when = f"{report.year}-{report.month:02d}" if report.month else str(report.year)
    return f"rapport-caf-{report.establishment.pk}-{when}.{fmt}"
