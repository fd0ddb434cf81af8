"""Checking what the coordinator types for a stay, before anything is written.

Every refusal is a French sentence on the field it concerns (``DomainError(fields=…)``), all
of them at once so that the form shows every mistake in one round trip.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from core.errors import DomainError
from modules.sejours import money

# The fields of ``data`` that are the stay's own columns (the activity's are apart).
STAY_FIELDS = (
    "theme",
    "destination",
    "country",
    "nautical",
    "price_method",
    "price_amount",
    "price_amount_exterior",
    "price_brackets",
    "deposit_amount",
    "deposit_percent",
    "balance_days_before",
    "cancellation_scale",
    "trousseau",
    "practical_info",
)
ACTIVITY_FIELDS = ("name", "description", "place", "min_age", "max_age", "published")


def _decimal(value) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return Decimal("NaN")


def _date(value) -> date | None:
    if value in (None, "") or isinstance(value, date):
        return value or None
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None


def _amount_error(value: Decimal | None, *, required: bool) -> str | None:
    if value is None:
        return "Indiquez un montant." if required else None
    if value.is_nan() or value < 0:
        return "Indiquez un montant positif ou nul."
    return None


def check_brackets(brackets: list[dict]) -> tuple[list[dict], str | None]:
    """The QF brackets, normalised (strings, ascending), or why they are refused: the first
    starts at 0, each starts where the previous ends, only the last is open."""
    if not brackets:
        return [], "Ajoutez au moins une tranche de quotient."
    rows = []
    for raw in brackets:
        qf_min = _decimal(raw.get("qf_min")) or Decimal(0)
        qf_max = _decimal(raw.get("qf_max"))
        amount = _decimal(raw.get("amount"))
        exterior = _decimal(raw.get("amount_exterior"))
        if qf_min.is_nan() or (qf_max is not None and qf_max.is_nan()):
            return [], "Les bornes de quotient sont des nombres."
        if _amount_error(amount, required=True) or _amount_error(exterior, required=False):
            return [], "Chaque tranche a un prix positif ou nul."
        rows.append((qf_min, qf_max, amount, exterior))
    rows.sort(key=lambda r: r[0])
    if rows[0][0] != 0:
        return [], "La première tranche commence à un quotient de 0."
    for (low, high, *_), (next_low, *_) in zip(rows, rows[1:], strict=False):
        if high is None or high <= low:
            return (
                [],
                "Chaque tranche, sauf la dernière, a un quotient maximum au-dessus du minimum.",
            )
        if next_low != high:
            return [], (
                f"Les tranches se suivent sans trou ni chevauchement : après {high}, la "
                f"suivante commence à {high} (pas {next_low})."
            )
    if rows[-1][1] is not None and rows[-1][1] <= rows[-1][0]:
        return [], "Le quotient maximum d'une tranche dépasse son minimum."
    return [
        {
            "qf_min": str(low),
            "qf_max": str(high) if high is not None else None,
            "amount": str(amount),
            "amount_exterior": str(exterior) if exterior is not None else None,
        }
        for low, high, amount, exterior in rows
    ], None


def check_scale(scale: list[dict]) -> tuple[list[dict], str | None]:
    """The cancellation scale, normalised (latest step last), or why it is refused. It ends
    with a step from 0 days: without it, a cancellation on a day no step covers keeps the
    whole price (``money.cancellation``), and an empty scale would keep it even months before
    departure — not what any family signs for."""
    steps = []
    for raw in scale or []:
        try:
            days_min = int(raw.get("days_min"))
        except (TypeError, ValueError):
            return [], "Chaque palier a un nombre de jours avant le départ."
        deposit = bool(raw.get("deposit"))
        percent = _decimal(raw.get("percent"))
        if deposit == (percent is not None) or days_min < 0:
            return [], "Chaque palier garde soit l'acompte, soit un pourcentage du prix."
        if percent is not None and (percent.is_nan() or not 0 <= percent <= 100):
            return [], "Le pourcentage retenu est entre 0 et 100."
        steps.append({"days_min": days_min, **({"deposit": True} if deposit else {})})
        if percent is not None:
            steps[-1]["percent"] = str(percent)
    if len({s["days_min"] for s in steps}) != len(steps):
        return [], "Deux paliers ne commencent pas le même jour."
    if 0 not in {s["days_min"] for s in steps}:
        return [], (
            "Le barème se termine par un palier à 0 jour avant le départ : il dit ce qui est "
            "retenu pour une annulation au dernier moment."
        )
    return sorted(steps, key=lambda s: -s["days_min"]), None


def check_transports(transports: list[dict]) -> tuple[list[dict], str | None]:
    rows = []
    for order, raw in enumerate(transports or []):
        city = (raw.get("city") or "").strip()
        place = (raw.get("meeting_place") or "").strip()
        meeting_at = raw.get("meeting_at")
        if not city or not place or not isinstance(meeting_at, datetime):
            return [], (
                "Chaque départ a une ville, un lieu et une heure de rendez-vous "
                f"(départ n° {order + 1})."
            )
        supplement = _decimal(raw.get("supplement")) or Decimal(0)
        if _amount_error(supplement, required=True):
            return [], f"Le supplément du départ de {city} est un montant positif ou nul."
        return_at = raw.get("return_at")
        if return_at is not None and return_at <= meeting_at:
            return [], f"Le retour à {city} suit le départ."
        rows.append(
            {
                "city": city,
                "meeting_place": place,
                "meeting_at": meeting_at,
                "return_at": return_at,
                "supplement": supplement,
                "order": order,
            }
        )
    return rows, None


def check_stay(data: dict) -> dict:
    """``data`` merged and checked; raises one ``DomainError`` listing every refused field.
    ``data`` holds the whole stay (the caller merges a change into the current values)."""
    errors: dict[str, str] = {}
    clean = dict(data)
    if not (data.get("name") or "").strip():
        errors["name"] = "Donnez un nom au séjour."
    for field, label in (("theme", "un thème"), ("destination", "une destination")):
        if not (data.get(field) or "").strip():
            errors[field] = f"Indiquez {label}."
    start, end = _date(data.get("start_date")), _date(data.get("end_date"))
    clean["start_date"], clean["end_date"] = start, end
    if start is None:
        errors["start_date"] = "Indiquez la date de départ."
    if end is None:
        errors["end_date"] = "Indiquez la date de retour."
    elif start is not None and end < start:
        errors["end_date"] = "Le retour ne peut pas précéder le départ."
    min_age, max_age = data.get("min_age"), data.get("max_age")
    if min_age is not None and max_age is not None and max_age < min_age:
        errors["max_age"] = "L'âge maximum ne peut pas être inférieur à l'âge minimum."
    capacity = data.get("capacity")
    if not isinstance(capacity, int) or capacity < 1:
        errors["capacity"] = "Un séjour a au moins une place."

    method = data.get("price_method") or money.PriceMethod.FLAT.value
    clean["price_method"] = method
    for field in ("price_amount", "price_amount_exterior", "deposit_amount", "deposit_percent"):
        clean[field] = _decimal(data.get(field))
    if method not in {m.value for m in money.PriceMethod}:
        errors["price_method"] = "Choisissez un mode de tarification."
    elif method == money.PriceMethod.QUOTIENT.value:
        clean["price_brackets"], error = check_brackets(data.get("price_brackets") or [])
        if error:
            errors["price_brackets"] = error
        clean["price_amount"] = clean["price_amount_exterior"] = None
    else:
        clean["price_brackets"] = []
        if error := _amount_error(clean["price_amount"], required=True):
            errors["price_amount"] = error
        if error := _amount_error(clean["price_amount_exterior"], required=False):
            errors["price_amount_exterior"] = error

    deposit, percent = clean["deposit_amount"], clean["deposit_percent"]
    if deposit is not None and percent is not None:
        errors["deposit_amount"] = "L'acompte est un montant ou un pourcentage, pas les deux."
    elif error := _amount_error(deposit, required=False):
        errors["deposit_amount"] = error
    elif percent is not None and (percent.is_nan() or not 0 <= percent <= 100):
        errors["deposit_percent"] = "Le pourcentage d'acompte est entre 0 et 100."

    balance = data.get("balance_days_before")
    if balance is not None and (not isinstance(balance, int) or not 0 <= balance <= 365):
        errors["balance_days_before"] = "Le solde est facturé entre 0 et 365 jours avant."
    if "cancellation_scale" in data:
        clean["cancellation_scale"], error = check_scale(data["cancellation_scale"])
        if error:
            errors["cancellation_scale"] = error
    clean["transports"], error = check_transports(data.get("transports") or [])
    if error:
        errors["transports"] = error
    if errors:
        raise DomainError(fields=errors, code="invalid_stay")
    return clean
