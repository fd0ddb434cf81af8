"""The yearly FILOUÉ file (FIchier LOcalisé des Usagers des EAJE) the Cnaf asks of each
establishment under the PSU: one row per child cared for during the year, with the household's
allocataire number and régime, its postal code, the child's birth date, and per month the
hours attended (réalisées), the hours billed (facturées) and the family's participations.

Only children whose contract carries the family's FILOUÉ consent are exported: an optional
accord the family gives or withdraws on its contract page (``Contract.filoue_consent``, with
who and when), nothing asked of families without a crèche contract. A child is exported when
one of its contracts running during the year carries it.

The specification followed is documented in ``docs/creche.md`` (« Fichier FILOUÉ »).
"""

from __future__ import annotations

import io
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from core import csv_safe
from core.billing.models import Invoice
from core.families.models import Family
from modules.creche.models import Contract, Establishment, Presence
from modules.creche.services.caf_reports import billed_rows, period

ZERO = Decimal("0.00")
CENT = Decimal("0.01")
#: What the family ticks on its contract (shown on the staff's FILOUÉ preview).
CONSENT_LABEL = "Accord pour la transmission FILOUÉ à la Caf"
CONSENT_TEXT = (
    "Données anonymisées transmises chaque année à la Caf pour ses statistiques (FILOUÉ). "
    "Facultatif."
)
REGIMES = {
    Family.REGIME_CAF: "CAF",
    Family.REGIME_MSA: "MSA",
    Family.REGIME_OTHER: "AUTRE",
    Family.REGIME_NONE: "NON_ALLOCATAIRE",
    "": "INCONNU",
}


def consenting_children(*, establishment: Establishment, year: int, child_ids) -> set[int]:
    """Children of ``child_ids`` one of whose contracts in ``establishment`` running during
    ``year`` carries the family's FILOUÉ consent (drafts and cancelled contracts never count)."""
    start, end = period(year, None)
    return set(
        Contract.objects.filter(
            establishment=establishment,
            child_id__in=list(child_ids),
            filoue_consent=True,
            start_date__lte=end,
            end_date__gte=start,
        )
        .exclude(state__in=(Contract.DRAFT, Contract.CANCELLED))
        .values_list("child_id", flat=True)
    )


@dataclass
class ChildYear:
    child_id: int
    family_id: int
    birth_date: object
    attended: dict[int, int] = field(default_factory=lambda: defaultdict(int))  # minutes
    billed: dict[int, Decimal] = field(default_factory=lambda: defaultdict(lambda: ZERO))
    paid: dict[int, Decimal] = field(default_factory=lambda: defaultdict(lambda: ZERO))


@dataclass
class FiloueFile:
    establishment: Establishment
    year: int
    rows: list[tuple[ChildYear, Family]]
    excluded: int


def _hours(minutes: int) -> Decimal:
    return (Decimal(minutes) / 60).quantize(CENT, rounding=ROUND_HALF_UP)


def filoue_year(*, establishment: Establishment, year: int) -> FiloueFile:
    start, end = period(year, None)
    children: dict[int, ChildYear] = {}
    presences = Presence.objects.filter(
        establishment=establishment, date__range=(start, end), departure__isnull=False
    ).values_list(
        "child_id", "child__family_id", "child__birth_date", "date", "arrival", "departure"
    )
    for child_id, family_id, birth, day, arrival, departure in presences:
        row = children.setdefault(child_id, ChildYear(child_id, family_id, birth))
        row.attended[day.month] += (departure.hour * 60 + departure.minute) - (
            arrival.hour * 60 + arrival.minute
        )
    for child_id, birth, family_id, day, quantity, amount, kind in billed_rows(
        activity_id=establishment.activity_id, start=start, end=end
    ):
        row = children.setdefault(child_id, ChildYear(child_id, family_id, birth))
        sign = -1 if kind == Invoice.KIND_CREDIT_NOTE else 1
        row.billed[day.month] += sign * quantity
        row.paid[day.month] += sign * amount
    allowed = consenting_children(establishment=establishment, year=year, child_ids=children)
    families = Family.objects.in_bulk({children[pk].family_id for pk in allowed})
    kept = [
        (row, families[row.family_id])
        for row in sorted(children.values(), key=lambda r: (r.family_id, r.child_id))
        if row.child_id in allowed
    ]
    return FiloueFile(establishment, year, kept, excluded=len(children) - len(kept))


def _number(value: Decimal) -> str:
    return str(value).replace(".", ",")


HEADERS = [
    "annee",
    "etablissement",
    "identifiant_enfant",
    "numero_allocataire",
    "regime",
    "code_postal",
    "date_naissance",
    *[
        f"{kind}_m{m:02d}"
        for m in range(1, 13)
        for kind in ("heures_realisees", "heures_facturees", "participations")
    ],
    "total_heures_realisees",
    "total_heures_facturees",
    "total_participations",
]


def filoue_csv(file: FiloueFile) -> bytes:
    """The file as CSV (« ; », UTF-8 with BOM), one row per child."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv_safe.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADERS)
    for row, family in file.rows:
        monthly = []
        for month in range(1, 13):
            monthly += [
                _number(_hours(row.attended.get(month, 0))),
                _number(row.billed.get(month, ZERO)),
                _number(row.paid.get(month, ZERO)),
            ]
        writer.writerow(
            [
                file.year,
                file.establishment.name,
                f"{family.number}-{row.child_id}",
                family.allocataire_number,
                REGIMES.get(family.regime, "INCONNU"),
                family.postal_code,
                row.birth_date.isoformat() if row.birth_date else "",
                *monthly,
                _number(_hours(sum(row.attended.values()))),
                _number(sum(row.billed.values(), ZERO)),
                _number(sum(row.paid.values(), ZERO)),
            ]
        )
    return buffer.getvalue().encode("utf-8")
