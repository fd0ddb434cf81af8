"""The yearly FILOUÉ file (FIchier LOcalisé des Usagers des EAJE) the Cnaf asks of each
establishment under the PSU: one row per child cared for during the year, with the household's
allocataire number and régime, its postal code, the child's birth date, and per month the
hours attended (réalisées), the hours billed (facturées) and the family's participations.

Only children of families who consented are exported: the consent is a GDPR consent of the
core (``core.families.ConsentType``, answered by each guardian at login), created for the
crèche by :func:`filoue_consent` — the core has no module default for consents, so the module
creates its own row, found again by its label. A family consents when one of its guardians
accepted and none refused (the household is one allocataire).

The specification followed is documented in ``docs/creche.md`` (« Fichier FILOUÉ »).
"""

from __future__ import annotations

import io
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from core import csv_safe
from core.billing.models import Invoice
from core.families.models import ConsentAnswer, ConsentType, Family
from modules.creche.models import Establishment, Presence
from modules.creche.services.caf_reports import billed_rows, period

ZERO = Decimal("0.00")
CENT = Decimal("0.01")
CONSENT_LABEL = "Crèche : transmission anonymisée à la Caf (FILOUÉ)"
CONSENT_TEXT = (
    "Chaque année, la crèche transmet à la Caf, pour ses statistiques sur l'accueil du jeune "
    "enfant (fichier FILOUÉ), les heures d'accueil et les participations de votre enfant avec "
    "votre numéro d'allocataire, votre code postal et sa date de naissance. La Caf pseudonymise "
    "ces données dès réception ; elles ne servent pas au calcul de vos prestations. Vous pouvez "
    "refuser sans conséquence sur l'accueil de votre enfant."
)
REGIMES = {
    Family.REGIME_CAF: "CAF",
    Family.REGIME_MSA: "MSA",
    Family.REGIME_OTHER: "AUTRE",
    Family.REGIME_NONE: "NON_ALLOCATAIRE",
    "": "INCONNU",
}


def filoue_consent() -> ConsentType:
    """The crèche's FILOUÉ consent of this structure (created once, then found by label)."""
    consent = ConsentType.objects.filter(label=CONSENT_LABEL).first()
    if consent is None:
        consent = ConsentType.objects.create(
            label=CONSENT_LABEL, text=CONSENT_TEXT, required=False, order=900
        )
    return consent


def consenting_families(family_ids) -> set[int]:
    """Families one of whose guardians accepted the FILOUÉ consent, and none refused."""
    consent = filoue_consent()
    accepted: set[int] = set()
    refused: set[int] = set()
    rows = ConsentAnswer.objects.filter(
        consent=consent, user__guardian__family_id__in=list(family_ids)
    ).values_list("user__guardian__family_id", "accepted")
    for family_id, ok in rows:
        (accepted if ok else refused).add(family_id)
    return accepted - refused


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
    family_ids = {row.family_id for row in children.values()}
    allowed = consenting_families(family_ids)
    families = Family.objects.in_bulk(allowed)
    kept = [
        (row, families[row.family_id])
        for row in sorted(children.values(), key=lambda r: (r.family_id, r.child_id))
        if row.family_id in allowed
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
