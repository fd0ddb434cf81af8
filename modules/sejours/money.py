"""The money rules of a stay, as pure functions: price, deposit, balance, aids, cancellation.

Nothing here touches the database: the Django layer of the module reads the stay's settings
and the family's file, calls these functions, and issues the invoices and credit notes they
describe through the billing core. Keeping the arithmetic apart lets it be checked to the cent
over thousands of generated cases (``tests/sejours/test_money.py``), and lets a coordinator's
question (« pourquoi ce montant ? ») be answered from the explanation lines each result
carries, in the words the invoice prints.

Every amount is a ``Decimal`` rounded to the cent (ROUND_HALF_UP, as the billing core rounds);
no amount is ever negative. The one identity everything else serves::

    deposit + balance + aids applied == price          (to the cent)

and, when the family cancels::

    kept == invoiced − credit + to_invoice,   credit ≤ invoiced,   refund ≤ paid
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from core.money import format_money

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
HUNDRED = Decimal(100)

# A step of a cancellation scale that keeps the deposit rather than a percentage of the price.
DEPOSIT = "acompte"


def cents(value: Decimal | int | str) -> Decimal:
    """The amount rounded to the cent, half up: the billing core's rounding, so that what this
    module announces is what the invoice prints."""
    return Decimal(str(value)).quantize(CENT, rounding=ROUND_HALF_UP)


def _non_negative(value: Decimal | int | str, what: str) -> Decimal:
    amount = Decimal(str(value))
    if amount < 0:
        raise ValueError(f"{what} ne peut pas être négatif ({amount}).")
    return amount


def _number(value: Decimal) -> str:
    """A quotient or a percentage as the French pages write it: « 650 », « 12,5 »."""
    text = f"{Decimal(value).normalize():f}"
    return text.replace(".", ",")


def _date(value: date) -> str:
    return value.strftime("%d/%m/%Y")


def _line(label: str, amount: Decimal) -> str:
    return f"{label} : {format_money(amount)}"


# --- Price -----------------------------------------------------------------------------------


class PriceMethod(StrEnum):
    """How a stay is priced; the same words as the core's pricing methods."""

    FLAT = "flat"
    QUOTIENT = "quotient"
    PER_DAY = "per_day"


@dataclass(frozen=True)
class Bracket:
    """A quotient familial bracket, as the core's: ``qf_min`` ≤ QF < ``qf_max`` (no upper
    bound when ``qf_max`` is None). ``amount_exterior`` is the price for a family living
    outside the structure's territory; when empty, the resident price applies."""

    qf_min: Decimal
    qf_max: Decimal | None
    amount: Decimal
    amount_exterior: Decimal | None = None

    def contains(self, qf: Decimal) -> bool:
        return self.qf_min <= qf and (self.qf_max is None or qf < self.qf_max)

    @property
    def label(self) -> str:
        if self.qf_max is None:
            return f"{_number(self.qf_min)} et plus"
        return f"{_number(self.qf_min)}–{_number(self.qf_max)}"


@dataclass(frozen=True)
class Transport:
    """A departure city of the stay and its supplement (0 for the meeting place itself)."""

    city: str
    supplement: Decimal = ZERO


@dataclass(frozen=True)
class Price:
    """What the stay costs this family, before any aid: ``amount`` = ``base`` + ``transport``."""

    amount: Decimal
    base: Decimal
    transport: Decimal
    lines: tuple[str, ...]


def stay_price(
    *,
    method: PriceMethod | str,
    amount: Decimal | None = None,
    amount_exterior: Decimal | None = None,
    brackets: Sequence[Bracket] = (),
    qf: Decimal | int | None = None,
    days: int | None = None,
    resident: bool = True,
    transport: Transport | None = None,
) -> Price:
    """The gross price of the stay for one child of one family.

    - ``flat``: ``amount`` (``amount_exterior`` for a family from outside, when set);
    - ``quotient``: the bracket holding the family's QF; without a QF, the highest bracket,
      as the core does — a family that does not give its quotient pays the full price;
    - ``per_day``: the day's price × ``days`` (the stay's length, days of arrival and
      departure included, as the structure counts them).

    The chosen departure city's supplement is added as a line of its own, because the invoice
    shows it apart and a cancellation scale applies to it like to the rest of the price.
    """
    method = PriceMethod(method)
    note = "" if resident else ", extérieur"
    if method is PriceMethod.QUOTIENT:
        if not brackets:
            raise ValueError("Un prix selon le quotient demande au moins une tranche.")
        ordered = sorted(brackets, key=lambda b: b.qf_min)
        if qf is None:
            bracket = ordered[-1]
            detail = f"quotient non fourni : tranche la plus haute {bracket.label}"
        else:
            quotient = _non_negative(qf, "Le quotient familial")
            bracket = next((b for b in ordered if b.contains(quotient)), ordered[-1])
            detail = f"QF {_number(quotient)} : tranche {bracket.label}"
        unit = bracket.amount if resident else (bracket.amount_exterior or bracket.amount)
        base = cents(_non_negative(unit, "Le prix"))
        lines = [_line(f"Prix du séjour ({detail}{note})", base)]
    else:
        if amount is None:
            raise ValueError("Un prix fixe ou par jour demande un montant.")
        unit = amount if resident else (amount_exterior or amount)
        unit = _non_negative(unit, "Le prix")
        if method is PriceMethod.FLAT:
            base = cents(unit)
            lines = [_line(f"Prix du séjour{' (extérieur)' if note else ''}", base)]
        else:
            if days is None or days < 1:
                raise ValueError("Un prix par jour demande un nombre de jours (au moins 1).")
            base = cents(unit * days)
            label = f"Prix du séjour{' (extérieur)' if note else ''}"
            lines = [f"{label} : {days} jours × {format_money(unit)} = {format_money(base)}"]
    supplement = ZERO
    if transport is not None:
        supplement = cents(_non_negative(transport.supplement, "Le supplément transport"))
        if supplement:
            lines.append(_line(f"Transport au départ de {transport.city}", supplement))
    total = base + supplement
    if supplement:
        lines.append(_line("Prix total", total))
    return Price(amount=total, base=base, transport=supplement, lines=tuple(lines))


# --- Aids ------------------------------------------------------------------------------------


class AidKind(StrEnum):
    VACAF = "vacaf"
    CSE = "cse"
    OTHER = "other"


AID_LABELS = {AidKind.VACAF: "Aide VACAF", AidKind.CSE: "Aide CSE", AidKind.OTHER: "Aide"}


@dataclass(frozen=True)
class Aid:
    """An aid granted for the stay: VACAF (computed by :func:`vacaf`), a works council (CSE)
    or any other funder (amount entered by staff from the proof). ``detail`` is the
    explanation printed on the invoice."""

    kind: AidKind
    amount: Decimal
    label: str = ""
    detail: str = ""

    @property
    def title(self) -> str:
        return self.label or AID_LABELS[AidKind(self.kind)]


def vacaf(
    *,
    qf: Decimal | int | None,
    bands: Sequence[tuple[Decimal | int, Decimal | int | str]],
    days: int,
    days_used: int = 0,
    cap_days: int,
    amount_due: Decimal,
) -> Aid:
    """The VACAF « aide aux vacances enfants » (AVE) for one child and one stay.

    ``bands`` are the structure's (its CAF's) bands, ``(qf_max, euros_per_day)``; a band holds
    the quotients up to and *including* its ``qf_max``, because the CAFs publish them that way
    (« QF ≤ 450 € »). A family without a QF, or above the last band, gets nothing.

    The days paid are capped at ``cap_days`` per child and per year, less the ``days_used``
    already this year (other stays), and the aid never exceeds ``amount_due``: the CAF pays the
    structure, which cannot keep more than the stay costs.
    """
    due = cents(max(Decimal(str(amount_due)), ZERO))
    if days < 0 or days_used < 0 or cap_days < 0:
        raise ValueError("Les nombres de jours ne peuvent pas être négatifs.")
    rate: Decimal | None = None
    if qf is not None:
        quotient = _non_negative(qf, "Le quotient familial")
        for qf_max, per_day in sorted(bands, key=lambda band: Decimal(str(band[0]))):
            if quotient <= Decimal(str(qf_max)):
                rate = cents(_non_negative(per_day, "Le montant journalier VACAF"))
                break
    if rate is None or rate == 0:
        reason = "quotient non fourni" if qf is None else "quotient hors barème"
        return Aid(AidKind.VACAF, ZERO, detail=_line(f"Aide VACAF ({reason})", ZERO))
    paid_days = max(min(days, cap_days - days_used), 0)
    gross = cents(rate * paid_days)
    amount = min(gross, due)
    detail = f"Aide VACAF : {paid_days} jours × {format_money(rate)} = {format_money(gross)}"
    if paid_days < days:
        left = max(cap_days - days_used, 0)
        detail += f" (plafond de {cap_days} jours par an, {left} restants)"
    if amount < gross:
        detail += f", limitée au reste dû : {format_money(amount)}"
    return Aid(AidKind.VACAF, amount, detail=detail)


def vacaf_aid(
    *,
    qf: Decimal | int | None,
    bands: Sequence[tuple[Decimal | int, Decimal | int | str]],
    days: int,
    days_used: int = 0,
    cap_days: int,
    amount_due: Decimal,
) -> Decimal:
    """The amount of :func:`vacaf`, for a caller that needs only the number."""
    return vacaf(
        qf=qf, bands=bands, days=days, days_used=days_used, cap_days=cap_days, amount_due=amount_due
    ).amount


# --- Deposit, balance and what is left to pay ------------------------------------------------


@dataclass(frozen=True)
class DepositRule:
    """The stay's deposit (acompte): a fixed ``amount`` or a ``percent`` of the price, never
    both. A fixed amount above the price is capped at the price."""

    amount: Decimal | None = None
    percent: Decimal | None = None

    def __post_init__(self) -> None:
        if (self.amount is None) == (self.percent is None):
            raise ValueError("Un acompte est un montant ou un pourcentage, l'un des deux.")
        if self.amount is not None:
            _non_negative(self.amount, "L'acompte")
        if self.percent is not None and not 0 <= Decimal(str(self.percent)) <= HUNDRED:
            raise ValueError("Le pourcentage d'acompte est entre 0 et 100.")

    def of(self, price: Decimal) -> Decimal:
        """The deposit for this price, to the cent, never more than the price."""
        if self.percent is not None:
            wanted = cents(Decimal(price) * Decimal(str(self.percent)) / HUNDRED)
        else:
            wanted = cents(Decimal(str(self.amount)))
        return min(wanted, cents(price))

    @property
    def label(self) -> str:
        return "Acompte" if self.percent is None else f"Acompte {_number(self.percent)} %"


def deposit_amount(*, price: Decimal, rule: DepositRule) -> Decimal:
    """The deposit the family pays at acceptance, before any aid is known."""
    return rule.of(cents(_non_negative(price, "Le prix")))


@dataclass(frozen=True)
class AppliedAid:
    """An aid as the schedule uses it: ``granted`` as entered, ``amount`` what it reduces
    (less when the aids together exceed what is due: an aid never creates a refund)."""

    aid: Aid
    granted: Decimal
    amount: Decimal
    line: str


@dataclass(frozen=True)
class Schedule:
    """The money of a stay for a family: ``deposit`` + ``balance`` + ``aids_total`` == ``price``.

    ``left_to_pay`` (deposit + balance) is what the family pays; the balance is due on
    ``balance_due_on``.
    """

    price: Decimal
    deposit: Decimal
    balance: Decimal
    balance_due_on: date
    aids: tuple[AppliedAid, ...]
    aids_total: Decimal
    left_to_pay: Decimal
    lines: tuple[str, ...] = field(default=())


def balance_due_date(
    *, departure: date, balance_days_before: int, accepted_on: date | None = None
) -> date:
    """The day the balance is due: ``balance_days_before`` days before departure (e.g. 30), but
    never before the place was accepted — a family offered a place from the waiting list a
    week before departure pays the balance at acceptance, not in the past."""
    if balance_days_before < 0:
        raise ValueError("Le solde est dû avant le départ (nombre de jours positif ou nul).")
    due = departure - timedelta(days=balance_days_before)
    if accepted_on is not None and due < accepted_on:
        return accepted_on
    return due


def payment_schedule(
    *,
    price: Price | Decimal,
    deposit_rule: DepositRule,
    aids: Sequence[Aid] = (),
    departure: date,
    balance_days_before: int,
    accepted_on: date | None = None,
    deposit_invoiced: Decimal | None = None,
) -> Schedule:
    """Split the price into deposit, aids and balance.

    The aids are applied in the order given, each up to what is still due (an aid never
    creates a refund; the part that cannot be used is shown). They reduce the balance first;
    if they exceed it, they reduce the deposit too — as long as the deposit has not been
    invoiced. Once it has (``deposit_invoiced``, e.g. a VACAF notice that arrives after
    acceptance), the deposit stays as invoiced and the aids can only bring the balance down
    to zero: the structure does not refund a deposit because of an aid.
    """
    gross = cents(_non_negative(price.amount if isinstance(price, Price) else price, "Le prix"))
    wanted_deposit = deposit_rule.of(gross)
    if deposit_invoiced is not None:
        fixed_deposit = min(cents(_non_negative(deposit_invoiced, "L'acompte")), gross)
        room = gross - fixed_deposit
    else:
        fixed_deposit = None
        room = gross
    applied: list[AppliedAid] = []
    for aid in aids:
        granted = cents(_non_negative(aid.amount, "Une aide"))
        amount = min(granted, room)
        room -= amount
        text = aid.detail or _line(aid.title, granted)
        if amount < granted:
            text += f" (imputé : {format_money(amount)}, l'aide ne crée pas de remboursement)"
        applied.append(AppliedAid(aid=aid, granted=granted, amount=amount, line=text))
    aids_total = sum((a.amount for a in applied), ZERO)
    deposit = fixed_deposit if fixed_deposit is not None else min(wanted_deposit, room)
    balance = gross - aids_total - deposit
    due_on = balance_due_date(
        departure=departure, balance_days_before=balance_days_before, accepted_on=accepted_on
    )
    lines = list(price.lines) if isinstance(price, Price) else [_line("Prix du séjour", gross)]
    lines += [a.line for a in applied]
    deposit_line = _line(deposit_rule.label, deposit)
    if fixed_deposit is None and deposit < wanted_deposit:
        deposit_line = (
            f"{deposit_rule.label} : {format_money(wanted_deposit)}, "
            f"limité au reste dû : {format_money(deposit)}"
        )
    lines.append(deposit_line)
    lines.append(_line(f"Solde à payer au plus tard le {_date(due_on)}", balance))
    lines.append(_line("Reste à payer", deposit + balance))
    return Schedule(
        price=gross,
        deposit=deposit,
        balance=balance,
        balance_due_on=due_on,
        aids=tuple(applied),
        aids_total=aids_total,
        left_to_pay=deposit + balance,
        lines=tuple(lines),
    )


# --- Cancellation by the family --------------------------------------------------------------


@dataclass(frozen=True)
class ScaleStep:
    """A step of the structure's cancellation scale: from ``days_min`` days before departure
    (inclusive), the structure keeps ``percent`` of the price, or the deposit when
    ``deposit`` is set. « More than 30 days before » is ``days_min=31``."""

    days_min: int
    percent: Decimal | None = None
    deposit: bool = False

    def __post_init__(self) -> None:
        if self.deposit == (self.percent is not None):
            raise ValueError("Un palier garde l'acompte ou un pourcentage, l'un des deux.")
        if self.percent is not None and not 0 <= Decimal(str(self.percent)) <= HUNDRED:
            raise ValueError("Le pourcentage retenu est entre 0 et 100.")


def scale_steps(scale: Sequence[ScaleStep | tuple[int, Decimal | int | str]]) -> list[ScaleStep]:
    """The scale as steps, from pairs ``(days_min, percent)`` or ``(days_min, DEPOSIT)``."""
    steps = []
    for step in scale:
        if isinstance(step, ScaleStep):
            steps.append(step)
        elif step[1] == DEPOSIT:
            steps.append(ScaleStep(int(step[0]), deposit=True))
        else:
            steps.append(ScaleStep(int(step[0]), percent=Decimal(str(step[1]))))
    return sorted(steps, key=lambda s: s.days_min, reverse=True)


@dataclass(frozen=True)
class Cancellation:
    """What a family's cancellation costs it: the structure keeps ``kept``; ``credit`` is the
    credit note on what was invoiced, ``to_invoice`` what must still be invoiced to reach
    ``kept``, ``refund`` the money paid back. ``kept == invoiced − credit + to_invoice``."""

    days_before: int
    kept: Decimal
    invoiced: Decimal
    credit: Decimal
    to_invoice: Decimal
    paid: Decimal
    refund: Decimal
    lines: tuple[str, ...]


def cancellation(
    *,
    schedule: Schedule,
    invoiced: Decimal,
    paid: Decimal | None = None,
    cancelled_on: date,
    departure: date,
    scale: Sequence[ScaleStep | tuple[int, Decimal | int | str]],
    medical: bool = False,
) -> Cancellation:
    """Apply the structure's cancellation scale to a family's cancellation.

    The step is the one with the largest ``days_min`` not above the days left before
    departure; on or after the departure day with no step for it, everything is kept. A
    medical certificate keeps nothing. What is kept is charged to the family only: the aids
    pay for a stay that takes place (VACAF pays the days attended), so they fall with it — and
    a cancellation never costs the family more than the stay would have (its
    ``left_to_pay``). ``invoiced`` is what the family's invoices for the stay total so far
    (deposit, balance once issued), ``paid`` what it has paid of them (``invoiced`` when not
    given).
    """
    invoiced = cents(_non_negative(invoiced, "Le montant facturé"))
    paid = invoiced if paid is None else cents(_non_negative(paid, "Le montant payé"))
    if paid > invoiced:
        raise ValueError("Le montant payé dépasse le montant facturé.")
    days_before = (departure - cancelled_on).days
    when = f"Annulation le {_date(cancelled_on)}, {days_before} jours avant le départ"
    if medical:
        kept = ZERO
        rule = "certificat médical : rien n'est retenu"
    else:
        step = next((s for s in scale_steps(scale) if s.days_min <= days_before), None)
        if step is None:
            kept = schedule.price
            rule = "après le barème : le prix est retenu"
        elif step.deposit:
            kept = schedule.deposit
            rule = "acompte retenu"
        else:
            percent = Decimal(str(step.percent))
            kept = cents(schedule.price * percent / HUNDRED)
            rule = f"{_number(percent)} % du prix retenu"
        kept = min(kept, schedule.left_to_pay)
    credit = max(invoiced - kept, ZERO)
    to_invoice = max(kept - invoiced, ZERO)
    refund = max(paid - kept, ZERO)
    lines = [_line(f"{when} ({rule})", kept)]
    if credit:
        lines.append(_line("Avoir sur les factures du séjour", credit))
    if to_invoice:
        lines.append(_line("Reste à facturer au titre de l'annulation", to_invoice))
    if refund:
        lines.append(_line("À rembourser", refund))
    return Cancellation(
        days_before=days_before,
        kept=kept,
        invoiced=invoiced,
        credit=credit,
        to_invoice=to_invoice,
        paid=paid,
        refund=refund,
        lines=tuple(lines),
    )
