"""The families' hourly rate under the PSU and the mensualisation of a contract, as pure functions.

The PSU (prestation de service unique) is the Caf's funding of a crèche; in exchange the
structure bills families with the Cnaf's *barème national des participations familiales*:

    hourly rate = monthly resources, clamped to [floor, ceiling], × taux d'effort

where the monthly resources are the household's N-2 annual resources ÷ 12 and the *taux d'effort*
depends on the number of dependent children and on the kind of care (collective care and
micro-crèches share one table, familial and parental care another, lower, one). A child with the
AEEH anywhere in the household moves the family to the rate of the next number of children.

Every parameter is **dated**: the floor changes each January, the ceiling moved on 1 September
2024 and 1 September 2025 for running contracts too, the effort rates rose from September 2019 to
January 2022. So the rate is always asked *for a day*, and a contract running across a change is
billed with the parameters in force on each billed day (or month). The history the app uses lives
in the database (operators edit it); `CNAF_PARAMETERS` below is the published history it is
seeded from, each value with its source. No Django here: money arithmetic only, in `Decimal`.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from types import MappingProxyType
from typing import Literal

D = Decimal

Care = Literal["collective", "micro", "familial", "parental"]
Table = Literal["collective", "familial"]
MissingResources = Literal["ceiling", "floor"]

CARES: tuple[str, ...] = ("collective", "micro", "familial", "parental")
TABLES: tuple[str, ...] = ("collective", "familial")

# Since the reform of September 2019 (lettre circulaire Cnaf 2019-005 of 5 June 2019) the
# micro-crèches under the PSU apply the collective table; before it they applied the familial one
# (Caf des Pyrénées-Orientales, "Eaje : barème 2019 des participations familiales"). Which table a
# kind of care uses is therefore a dated parameter too.
CARE_TABLES_SINCE_2019_09: Mapping[str, str] = MappingProxyType(
    {
        "collective": "collective",
        "micro": "collective",
        "familial": "familial",
        "parental": "familial",
    }
)
CARE_TABLES_BEFORE_2019_09: Mapping[str, str] = MappingProxyType(
    {
        "collective": "collective",
        "micro": "familial",
        "familial": "familial",
        "parental": "familial",
    }
)

CARE_LABELS = {
    "collective": "accueil collectif",
    "micro": "micro-crèche",
    "familial": "accueil familial",
    "parental": "accueil parental",
}
TABLE_LABELS = {"collective": "collectif", "familial": "familial"}


@dataclass(frozen=True)
class Rounding:
    """How an amount is rounded: to ``quantum`` (0.01 = the cent) with a `decimal` rounding mode.

    The Cnaf's documents show hourly participations in euros and cents (0,41 €/h at the floor,
    2,92 €/h at the ceiling in 2019) and money is billed in cents, but no Cnaf text we found fixes
    *how* to round: the structure decides, so it is a parameter. Default: to the cent, half up —
    the usual commercial and tax rounding in France, the one a family checks with a calculator."""

    quantum: Decimal = D("0.01")
    mode: str = ROUND_HALF_UP

    def __call__(self, amount: Decimal) -> Decimal:
        return amount.quantize(self.quantum, rounding=self.mode)

    @property
    def label(self) -> str:
        modes = {
            ROUND_HALF_UP: "au plus proche, la moitié vers le haut",
            "ROUND_HALF_EVEN": "au plus proche, la moitié vers le chiffre pair",
            "ROUND_DOWN": "par défaut",
            "ROUND_UP": "par excès",
            "ROUND_FLOOR": "par défaut",
            "ROUND_CEILING": "par excès",
            "ROUND_HALF_DOWN": "au plus proche, la moitié vers le bas",
        }
        unit = "au centime" if self.quantum == D("0.01") else f"à {_number(self.quantum)}"
        return f"arrondi {unit}, {modes.get(self.mode, self.mode)}"


CENT_HALF_UP = Rounding()


def _frozen_table(rates: Mapping[int, Decimal | str]) -> Mapping[int, Decimal]:
    return MappingProxyType({int(n): D(rate) for n, rate in sorted(rates.items())})


@dataclass(frozen=True)
class PsuParameters:
    """The barème in force from ``effective_from`` until the next parameters of the history.

    ``effort_rates[table][n]`` is the hourly taux d'effort as a fraction of the monthly resources
    (0,0619 % is ``Decimal("0.000619")``) for ``n`` dependent children; a key covers every number
    of children up to the next key, and the last key covers "n and more" (the collective table of
    2022 has keys 1, 2, 3, 4 — "4 à 7" — and 8 — "8 et plus")."""

    effective_from: date
    floor: Decimal
    ceiling: Decimal
    effort_rates: Mapping[str, Mapping[int, Decimal]]
    care_tables: Mapping[str, str] = field(default_factory=lambda: CARE_TABLES_SINCE_2019_09)
    source: str = ""

    def __post_init__(self) -> None:
        # Frozen copies: a history is shared by every structure, nobody may change it in place.
        object.__setattr__(self, "floor", D(self.floor))
        object.__setattr__(self, "ceiling", D(self.ceiling))
        tables = {name: _frozen_table(rates) for name, rates in self.effort_rates.items()}
        object.__setattr__(self, "effort_rates", MappingProxyType(tables))
        object.__setattr__(self, "care_tables", MappingProxyType(dict(self.care_tables)))
        if not D(0) <= self.floor <= self.ceiling:
            raise ValueError(f"Plancher {self.floor} et plafond {self.ceiling} incohérents.")
        if set(tables) != set(TABLES):
            raise ValueError(f"Barèmes attendus : {', '.join(TABLES)}.")
        if set(self.care_tables) != set(CARES) or not set(self.care_tables.values()) <= set(TABLES):
            raise ValueError("Chaque type d'accueil doit renvoyer à un barème connu.")
        for name, rates in tables.items():
            if not rates or min(rates) != 1:
                raise ValueError(f"Le barème {name} doit commencer à 1 enfant.")
            ordered = [rates[n] for n in sorted(rates)]
            # More children never costs more per hour: the scale is degressive by construction.
            if any(r <= 0 for r in ordered) or ordered != sorted(ordered, reverse=True):
                raise ValueError(f"Les taux du barème {name} doivent décroître avec les enfants.")

    def table_for(self, care: str) -> str:
        if care not in self.care_tables:
            raise ValueError(f"Type d'accueil inconnu : {care!r} (attendu : {', '.join(CARES)}).")
        return self.care_tables[care]

    def effort_rate(self, *, table: str, children: int) -> Decimal:
        """The rate of the band holding ``children``: the largest key not above it."""
        if children < 1:
            raise ValueError("Au moins un enfant à charge : l'enfant accueilli.")
        rates = self.effort_rates[table]
        keys = sorted(rates)
        return rates[keys[bisect.bisect_right(keys, children) - 1]]


class ParameterHistory:
    """Dated parameters, each in force from its date until the next one's."""

    def __init__(self, entries: Iterable[PsuParameters]) -> None:
        self.entries: tuple[PsuParameters, ...] = tuple(
            sorted(entries, key=lambda p: p.effective_from)
        )
        if not self.entries:
            raise ValueError("Un historique de paramètres ne peut pas être vide.")
        days = [p.effective_from for p in self.entries]
        if len(set(days)) != len(days):
            raise ValueError("Deux jeux de paramètres ont la même date d'effet.")
        self._days = days

    def at(self, day: date) -> PsuParameters:
        """The parameters in force on ``day``."""
        index = bisect.bisect_right(self._days, day) - 1
        if index < 0:
            raise ValueError(
                f"Aucun barème PSU en vigueur le {day:%d/%m/%Y} : le premier connu s'applique "
                f"à partir du {self._days[0]:%d/%m/%Y}."
            )
        return self.entries[index]

    def __iter__(self):
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)


# --- The published parameters -----------------------------------------------------------------
#
# Effort tables. Before September 2019: the scale unchanged since 2002. The lettre circulaire
# Cnaf 2019-005 (5 June 2019) raised every rate by 0.8 % a year, on 1 September 2019 then on
# 1 January 2020, 2021 and 2022 (lemediasocial.fr and mairesdefrance.com on the circular;
# babilou.fr "Tarif en crèche : ce qui change en septembre 2019" and the city of Le Chesnay-
# Rocquencourt give the dates: "une première fois au 1er septembre et une seconde fois au 1er
# janvier 2020"), and aligned the micro-crèches on the collective table. Rates are unchanged since
# January 2022 (0,0619 % for one child in September 2025 per suresnes.fr; agds.fr for September
# 2024; mesclesdubonheur.com for 2023). The last band of the collective table is "8 à 10 enfants"
# in the Cnaf's table; it covers "8 and more" here (one site mentions 0,01 % for 11 children and
# more: not confirmed, not used).
#
# 2025: no new family scale. The PSU reform of 1 January 2025 (caf.fr, "Les modalités de
# financement pour les EAJE évoluent", 15.01.2025: "linéarisation" of the taux de facturation
# between 107 % and 120 %) changes what the Caf pays the structure, not what families pay; the
# only change for families is the 8 500 € ceiling of 1 September 2025 (below).
#
# Collective values confirmed by published tables: 2020 (0,0610 % / 0,0508 %: leaetleo.com),
# 2021 (toupty.org: 0,0615 / 0,0512 / 0,0410 / 0,0307 / 0,0205 %), 2022 onwards (above). The
# September 2019 values are 0.8 % above the 2002 ones rounded to 4 decimals, as are the later
# confirmed ones — not read in the circular itself here.
#
# The familial/parental table (NOT CONFIRMED by a source read here, derived): before 2019 it was
# 0,05 % (1 child — confirmed by the Caf 66 page: 687,30 € × 0,05 % = 0,34 €/h), 0,04 % (2),
# 0,03 % (3 to 5), 0,02 % (6 and more); from September 2019 we apply the same yearly +0.8 %,
# which yields for each year the collective rate of one more child (0,0516 % for one child in
# 2022). To check against the circular's annex before relying on it for familial care.
_COLLECTIVE_2002 = {1: "0.0006", 2: "0.0005", 3: "0.0004", 4: "0.0003", 8: "0.0002"}
_FAMILIAL_2002 = {1: "0.0005", 2: "0.0004", 3: "0.0003", 6: "0.0002"}
_COLLECTIVE_2019_09 = {1: "0.000605", 2: "0.000504", 3: "0.000403", 4: "0.000302", 8: "0.000202"}
_FAMILIAL_2019_09 = {1: "0.000504", 2: "0.000403", 3: "0.000302", 6: "0.000202"}
_COLLECTIVE_2020 = {1: "0.000610", 2: "0.000508", 3: "0.000406", 4: "0.000305", 8: "0.000203"}
_FAMILIAL_2020 = {1: "0.000508", 2: "0.000406", 3: "0.000305", 6: "0.000203"}
_COLLECTIVE_2021 = {1: "0.000615", 2: "0.000512", 3: "0.000410", 4: "0.000307", 8: "0.000205"}
_FAMILIAL_2021 = {1: "0.000512", 2: "0.000410", 3: "0.000307", 6: "0.000205"}
_COLLECTIVE_2022 = {1: "0.000619", 2: "0.000516", 3: "0.000413", 4: "0.000310", 8: "0.000206"}
_FAMILIAL_2022 = {1: "0.000516", 2: "0.000413", 3: "0.000310", 6: "0.000206"}


def _tables(collective: Mapping[int, str], familial: Mapping[int, str]) -> dict:
    return {"collective": collective, "familial": familial}


# Floors: since 2019 each year's floor is the RSA socle for a single parent with one child, less
# the forfait logement, as revalued the previous April (e.g. 2026: 646,52 × 1,5 − 155,16 =
# 814,62) — every value below checks against that formula, which is how the two floors we could
# not find published (2021, 2022) were obtained: they are marked so.
CNAF_PARAMETERS = ParameterHistory(
    [
        PsuParameters(
            effective_from=date(2019, 1, 1),
            floor=D("687.30"),
            ceiling=D("4874.62"),
            effort_rates=_tables(_COLLECTIVE_2002, _FAMILIAL_2002),
            care_tables=CARE_TABLES_BEFORE_2019_09,
            # partenaires-caf66.fr "Eaje : barème 2019 des participations familiales": the 2018
            # floor and ceiling kept on 1 January 2019; micro-crèches on the familial rate.
            source="Caf 66, barème 2019 (plancher et plafond 2018 maintenus)",
        ),
        PsuParameters(
            effective_from=date(2019, 9, 1),
            # Floor 705,27 €: "montant actuel" in babilou.fr's article of summer 2019; its exact
            # start in 2019 (between June and September) is not confirmed — tied to the reform.
            floor=D("705.27"),
            ceiling=D("5300"),
            effort_rates=_tables(_COLLECTIVE_2019_09, _FAMILIAL_2019_09),
            source="Lettre circulaire Cnaf 2019-005 du 5 juin 2019 (via babilou.fr)",
        ),
        PsuParameters(
            effective_from=date(2020, 1, 1),
            floor=D("705.27"),  # leaetleo.com: plancher 705,27 €, plafond 5 600 €, 0,0610 %
            ceiling=D("5600"),
            effort_rates=_tables(_COLLECTIVE_2020, _FAMILIAL_2020),
            source="Lettre circulaire Cnaf 2019-005 ; leaetleo.com (barème 2020)",
        ),
        PsuParameters(
            effective_from=date(2021, 1, 1),
            # Floor NOT CONFIRMED by a published page: RSA formula (564,78 × 1,5 − 135,55).
            # Ceiling 5 800 €: the circular's step between 5 600 (2020) and 6 000 (2022); agrees
            # with 3,57 €/h (5 800 × 0,0615 %) on crechelapetitevallee.fr — not read as such.
            floor=D("711.62"),
            ceiling=D("5800"),
            effort_rates=_tables(_COLLECTIVE_2021, _FAMILIAL_2021),
            source="Lettre circulaire Cnaf 2019-005 ; plancher calculé (non confirmé)",
        ),
        PsuParameters(
            effective_from=date(2022, 1, 1),
            # Floor NOT CONFIRMED by a published page: RSA formula (565,34 × 1,5 − 135,68).
            floor=D("712.33"),
            ceiling=D("6000"),  # caf45-partenaires.fr: "Depuis 2022, ... fixé à 6 000 euros"
            effort_rates=_tables(_COLLECTIVE_2022, _FAMILIAL_2022),
            source="Lettre circulaire Cnaf 2019-005 ; Caf 45 ; plancher calculé (non confirmé)",
        ),
        PsuParameters(
            effective_from=date(2023, 1, 1),
            floor=D("754.16"),  # mesclesdubonheur.com: plancher 754,16 €, plafond 6 000 € (2023)
            ceiling=D("6000"),
            effort_rates=_tables(_COLLECTIVE_2022, _FAMILIAL_2022),
            source="Barème Cnaf 2023 (mesclesdubonheur.com)",
        ),
        PsuParameters(
            effective_from=date(2024, 1, 1),
            floor=D("765.77"),  # agds.fr, barème au 1er septembre 2024: plancher 765,77 €
            ceiling=D("6000"),  # caf45-partenaires.fr: 6 000 € du 1er janvier au 31 août 2024
            effort_rates=_tables(_COLLECTIVE_2022, _FAMILIAL_2022),
            source="Barème Cnaf 2024 (Caf 45, agds.fr)",
        ),
        PsuParameters(
            effective_from=date(2024, 9, 1),
            floor=D("765.77"),
            # caf45-partenaires.fr "EAJE PSU – Evolution du montant plafond des participations au
            # 1er septembre 2024": 7 000 € from 1 September 2024 (Fnas budget 2024).
            ceiling=D("7000"),
            effort_rates=_tables(_COLLECTIVE_2022, _FAMILIAL_2022),
            source="Cnaf, plafond relevé au 1er septembre 2024 (Caf 45)",
        ),
        PsuParameters(
            effective_from=date(2025, 1, 1),
            # babilou.fr simulator, "entrées en crèche jusqu'au 31 août 2025": plancher 801 €,
            # plafond 7 000 €.
            floor=D("801.00"),
            ceiling=D("7000"),
            effort_rates=_tables(_COLLECTIVE_2022, _FAMILIAL_2022),
            source="Barème Cnaf 2025 (babilou.fr)",
        ),
        PsuParameters(
            effective_from=date(2025, 9, 1),
            floor=D("801.00"),
            # caf.fr, "Le plafond de ressources mensuelles en hausse pour les EAJE au 1er
            # septembre 2025" (15.05.2025): 8 500 €, for all contracts including running ones,
            # "sans attendre le 1er janvier 2026". The effort rates do not change.
            ceiling=D("8500"),
            effort_rates=_tables(_COLLECTIVE_2022, _FAMILIAL_2022),
            source="Cnaf, plafond relevé au 1er septembre 2025 (caf.fr, 15/05/2025)",
        ),
        PsuParameters(
            effective_from=date(2026, 1, 1),
            # suresnes.fr: plancher 814,62 €, plafond 8 500 € since 1 September 2025. The page
            # does not date the floor; 1 January 2026 follows from the RSA formula (April 2025
            # RSA) and the Cnaf's yearly January update — the date is NOT CONFIRMED.
            floor=D("814.62"),
            ceiling=D("8500"),
            effort_rates=_tables(_COLLECTIVE_2022, _FAMILIAL_2022),
            source="Barème Cnaf 2026 (suresnes.fr ; date d'effet non confirmée)",
        ),
    ]
)


# --- The hourly rate --------------------------------------------------------------------------


@dataclass(frozen=True)
class Rate:
    """An hourly rate and how it was obtained, step by step, for staff screens and contracts."""

    on: date
    parameters_from: date
    care: str
    table: str
    children: int
    rate_children: int
    monthly_resources: Decimal | None
    retained_resources: Decimal
    floor: Decimal
    ceiling: Decimal
    effort_rate: Decimal
    exact: Decimal
    hourly_rate: Decimal
    steps: tuple[str, ...]

    @property
    def amount(self) -> Decimal:
        return self.hourly_rate


def _number(value: Decimal, places: int | None = None) -> str:
    """French notation: 8 500,00 — a no-break space between thousands, a decimal comma."""
    if places is not None:
        value = value.quantize(D(1).scaleb(-places), rounding=ROUND_HALF_UP)
    sign, digits = ("-", -value) if value < 0 else ("", value)
    whole, _, decimals = f"{digits:f}".partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    text = "\u00a0".join(groups)
    return f"{sign}{text},{decimals}" if decimals else f"{sign}{text}"


def _euros(value: Decimal, places: int = 2) -> str:
    return f"{_number(value, places)}\u00a0€"


def _percent(rate: Decimal) -> str:
    # 0.000619 → "0,0619 %": the Cnaf publishes the rates in percent with four decimals.
    return f"{_number((rate * 100).normalize().quantize(D('0.0001')))}\u00a0%"


def _children(n: int) -> str:
    return f"{n} enfant{'s' if n > 1 else ''}"


def hourly_rate(
    *,
    params: PsuParameters | ParameterHistory = CNAF_PARAMETERS,
    on: date,
    annual_resources: Decimal | None,
    children: int,
    care: Care,
    aeeh: bool | int = False,
    missing_resources: MissingResources = "ceiling",
    rounding: Rounding | None = CENT_HALF_UP,
) -> Rate:
    """The family's hourly rate on ``on`` under the parameters in force that day.

    ``annual_resources``: the household's N-2 resources for the year, as read in CDAP (None when
    unknown). ``children``: dependent children, the one in care included. ``aeeh``: True when a
    child of the household receives the AEEH — or how many do, since the Cnaf applies the rule
    once per such child. ``missing_resources``: the ceiling when resources are unknown (the
    Cnaf's default), or the floor for emergency care and child-welfare placements.
    ``rounding``: how the hourly rate is rounded (None: not at all)."""
    history = params if isinstance(params, ParameterHistory) else ParameterHistory([params])
    parameters = history.at(on)
    table = parameters.table_for(care)
    if children < 1:
        raise ValueError("Au moins un enfant à charge : l'enfant accueilli.")
    if missing_resources not in ("ceiling", "floor"):
        raise ValueError("Ressources inconnues : « ceiling » (plafond) ou « floor » (plancher).")
    aeeh_children = int(aeeh)
    if aeeh_children < 0:
        raise ValueError("Le nombre d'enfants bénéficiaires de l'AEEH ne peut être négatif.")

    in_force = f"barème du {parameters.effective_from:%d/%m/%Y} en vigueur le {on:%d/%m/%Y}"
    steps: list[str] = []
    if annual_resources is None:
        monthly = None
        if missing_resources == "floor":
            retained = parameters.floor
            steps.append(
                "Ressources inconnues, accueil d'urgence ou placement (aide sociale à "
                f"l'enfance) : plancher retenu, {_euros(retained)} par mois."
            )
        else:
            retained = parameters.ceiling
            steps.append(f"Ressources inconnues : plafond retenu, {_euros(retained)} par mois.")
        steps.append(
            f"Ressources retenues : {_euros(retained)} (plancher {_euros(parameters.floor)}, "
            f"plafond {_euros(parameters.ceiling)}, {in_force})."
        )
    else:
        annual = D(annual_resources)
        # No rounding of the monthly resources: one rounding only, on the hourly rate, so the
        # result does not depend on an intermediate step (double rounding).
        monthly = annual / 12
        steps.append(f"Ressources annuelles {_euros(annual)} ÷ 12 = {_euros(monthly)} par mois.")
        if monthly < parameters.floor:
            retained = parameters.floor
            clamp = f"inférieures au plancher : plancher retenu, {_euros(retained)}"
        elif monthly > parameters.ceiling:
            retained = parameters.ceiling
            clamp = f"supérieures au plafond : plafond retenu, {_euros(retained)}"
        else:
            retained = monthly
            clamp = f"entre le plancher et le plafond : {_euros(retained)}"
        steps.append(
            f"Ressources retenues {clamp} (plancher {_euros(parameters.floor)}, plafond "
            f"{_euros(parameters.ceiling)}, {in_force})."
        )

    rate_children = children + aeeh_children
    effort = parameters.effort_rate(table=table, children=rate_children)
    label = CARE_LABELS[care]
    if table != care:
        label += f" (barème de l'accueil {TABLE_LABELS[table]})"
    if aeeh_children:
        who = "un enfant" if aeeh_children == 1 else f"{aeeh_children} enfants"
        steps.append(
            f"Taux d'effort {label} : {_percent(effort)} — {_children(children)} à charge, "
            f"{who} bénéficiaire de l'AEEH : taux de {_children(rate_children)}."
        )
    else:
        steps.append(f"Taux d'effort {label}, {_children(children)} à charge : {_percent(effort)}.")

    exact = retained * effort
    rounded = rounding(exact) if rounding is not None else exact
    how = f", {rounding.label}" if rounding is not None else ", sans arrondi"
    # The product shown to 4 decimals at most (≈ when cut): enough to check the rounding by eye.
    shown = exact.normalize()
    cut = shown.as_tuple().exponent < -4
    product = f"≈\u00a0{_number(exact, 4)}" if cut else _number(shown)
    steps.append(
        f"Tarif horaire : {_euros(retained)} × {_percent(effort)} = {product}\u00a0€ "
        f"→ {_euros(rounded, places=max(2, -rounded.as_tuple().exponent))}{how}."
    )
    return Rate(
        on=on,
        parameters_from=parameters.effective_from,
        care=care,
        table=table,
        children=children,
        rate_children=rate_children,
        monthly_resources=monthly,
        retained_resources=retained,
        floor=parameters.floor,
        ceiling=parameters.ceiling,
        effort_rate=effort,
        exact=exact,
        hourly_rate=rounded,
        steps=tuple(steps),
    )


# --- Mensualisation ---------------------------------------------------------------------------
#
# A regular contract is billed the same amount each month (mensualisation, lettre circulaire
# Cnaf 2014-009 and the PSU guides): the hours of the year (weeks of care × hours per week, the
# family's declared weeks of leave excluded) spread over the months billed. At the contract's end
# or at an amendment, the hours billed are compared with the hours due.

HOURS = Rounding(quantum=D("0.01"))


def monthly_hours(
    *,
    weeks: Decimal | int,
    hours_per_week: Decimal,
    months: int,
    rounding: Rounding | None = HOURS,
) -> Decimal:
    """Weeks of care × hours per week ÷ months billed (to the hundredth of an hour by default:
    the hours are shown on the contract, the fee is rounded to the cent afterwards)."""
    weeks, hours_per_week = D(weeks), D(hours_per_week)
    if not 1 <= months <= 12:
        raise ValueError("Le nombre de mois facturés va de 1 à 12.")
    if not D(0) <= weeks <= 53:
        raise ValueError("Le nombre de semaines d'accueil va de 0 à 53.")
    if hours_per_week < 0 or hours_per_week > 24 * 7:
        raise ValueError("Le nombre d'heures par semaine va de 0 à 168.")
    hours = weeks * hours_per_week / months
    return rounding(hours) if rounding is not None else hours


def _rate_amount(rate: Decimal | Rate) -> Decimal:
    return rate.hourly_rate if isinstance(rate, Rate) else D(rate)


def monthly_fee(
    *, hours: Decimal, rate: Decimal | Rate, rounding: Rounding = CENT_HALF_UP
) -> Decimal:
    """Monthly hours × hourly rate, to the cent."""
    if D(hours) < 0:
        raise ValueError("Un nombre d'heures ne peut être négatif.")
    return rounding(D(hours) * _rate_amount(rate))


def regularisation(
    *,
    hours_billed: Decimal,
    hours_due: Decimal,
    rate: Decimal | Rate,
    rounding: Rounding = CENT_HALF_UP,
) -> Decimal:
    """(Hours due − hours billed) × hourly rate, to the cent: positive, the family owes the
    amount; negative, it is credited."""
    if D(hours_billed) < 0 or D(hours_due) < 0:
        raise ValueError("Un nombre d'heures ne peut être négatif.")
    return rounding((D(hours_due) - D(hours_billed)) * _rate_amount(rate))
