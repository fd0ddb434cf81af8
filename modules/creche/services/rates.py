"""The PSU rate and the mensualisation of a contract's terms, over the Cnaf's parameters of the
public schema (``modules.creche.cnaf``), with the French steps shown to staff and families."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from modules.creche import psu
from modules.creche.models import Establishment
from modules.creche.models.schedules import ScheduleDay, hours_per_week


def history() -> psu.ParameterHistory:
    from modules.creche.cnaf.services import parameter_history

    return parameter_history()


@dataclass(frozen=True)
class Computed:
    """What a contract's terms give: the rate, the hours and the fee, with their steps."""

    rate: psu.Rate
    hours_per_week: Decimal
    care_weeks: Decimal
    monthly_hours: Decimal
    monthly_fee: Decimal
    steps: tuple[str, ...]

    def fields(self) -> dict:
        return {
            "hours_per_week": self.hours_per_week,
            "hourly_rate": self.rate.hourly_rate,
            "monthly_hours": self.monthly_hours,
            "monthly_fee": self.monthly_fee,
            "rate_steps": list(self.steps),
        }


def _number(value: Decimal) -> str:
    text = f"{value.normalize():f}"
    return text.replace(".", ",")


def rate_on(
    *,
    establishment: Establishment,
    on: date,
    annual_resources: Decimal | None,
    children: int,
    aeeh_children: int = 0,
    missing_resources: str = "ceiling",
    params: psu.ParameterHistory | None = None,
    rounding: psu.Rounding | None = None,
) -> psu.Rate:
    """The family's hourly rate on ``on`` in ``establishment`` (its kind of care), rounded as
    the structure decided (``CrecheSettings.rate_rounding``; give ``rounding`` in loops)."""
    if rounding is None:
        from modules.creche.models import CrecheSettings

        rounding = CrecheSettings.current().rate_rounding_rule()
    return psu.hourly_rate(
        params=params or history(),
        on=on,
        annual_resources=annual_resources,
        children=children,
        care=establishment.care,
        aeeh=aeeh_children,
        missing_resources=missing_resources,
        rounding=rounding,
    )


def compute(
    *,
    establishment: Establishment,
    on: date,
    schedule: list[ScheduleDay],
    weeks_per_year: Decimal,
    leave_weeks: Decimal,
    months_billed: int,
    annual_resources: Decimal | None,
    children: int,
    aeeh_children: int = 0,
    missing_resources: str = "ceiling",
    params: psu.ParameterHistory | None = None,
    rounding: psu.Rounding | None = None,
) -> Computed:
    """Resources → clamped → effort rate → hourly rate → monthly hours → monthly fee."""
    rate = rate_on(
        establishment=establishment,
        on=on,
        annual_resources=annual_resources,
        children=children,
        aeeh_children=aeeh_children,
        missing_resources=missing_resources,
        params=params,
        rounding=rounding,
    )
    weekly = hours_per_week(schedule)
    care_weeks = Decimal(weeks_per_year) - Decimal(leave_weeks)
    if care_weeks < 0:
        raise ValueError("Plus de semaines de congés que de semaines d'accueil.")
    hours = psu.monthly_hours(weeks=care_weeks, hours_per_week=weekly, months=months_billed)
    fee = psu.monthly_fee(hours=hours, rate=rate)
    steps = [
        *rate.steps,
        f"Semaines d'accueil : {_number(Decimal(weeks_per_year))} − "
        f"{_number(Decimal(leave_weeks))} semaine(s) de congés déclarées = "
        f"{_number(care_weeks)}.",
        f"Heures mensualisées : {_number(care_weeks)} semaines × {_number(weekly)} h par "
        f"semaine ÷ {months_billed} mois = {_number(hours)} h.",
        f"Mensualité : {_number(hours)} h × {_number(rate.hourly_rate)} € = {_number(fee)} €.",
    ]
    return Computed(rate, weekly, care_weeks, hours, fee, tuple(steps))
