"""Pricing methods: how a tariff turns into the base price of one line.

A method is a small class: its code and French label, the parameters it takes (validated here,
once, for the model, the API and the admin alike) and ``base()``, which gives the resident or
exterior base price of one line before the core's common adjustments (sibling discount, meal
supplement), applied by ``core.pricing.engine.quote`` whatever the method.

The core registers flat, quotient-familial brackets, per day and per hour. A module adds its own
with ``Module.pricing_methods()`` (e.g. the crèche's PSU hourly rate), registered here by the
module registry when the module registers; they are offered only to structures that enabled the
module (``available_methods``). Pricing never imports the module registry.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, ClassVar

from django.core.exceptions import ValidationError

if TYPE_CHECKING:
    from core.pricing.engine import PricedLine, PricingContext
    from core.pricing.models import Tariff


@dataclass(frozen=True)
class Parameter:
    """One parameter of a method, stored in ``Tariff.parameters``."""

    name: str
    label: str
    kind: str = "integer"  # "integer" or "decimal"
    minimum: Decimal | int | None = None
    maximum: Decimal | int | None = None
    default: Decimal | int | None = None
    help_text: str = ""

    def clean(self, raw: object) -> Decimal | int:
        if raw is None or raw == "":
            if self.default is None:
                raise ValidationError(f"{self.label} : ce champ est obligatoire.")
            return self.default
        if isinstance(raw, bool):
            raise ValidationError(f"{self.label} : un nombre est attendu.")
        try:
            value = Decimal(str(raw))
        except InvalidOperation:
            raise ValidationError(f"{self.label} : un nombre est attendu.") from None
        if not value.is_finite():
            raise ValidationError(f"{self.label} : un nombre est attendu.")
        if self.kind == "integer":
            if value != value.to_integral_value():
                raise ValidationError(f"{self.label} : un nombre entier est attendu.")
            value = int(value)
        if self.minimum is not None and value < self.minimum:
            raise ValidationError(f"{self.label} : au moins {self.minimum}.")
        if self.maximum is not None and value > self.maximum:
            raise ValidationError(f"{self.label} : au plus {self.maximum}.")
        return value


@dataclass(frozen=True)
class Base:
    """A method's answer: the base amount (None when the tariff cannot price the line) and the
    lines of explanation shown in the recap and on the invoice."""

    amount: Decimal | None
    details: tuple[str, ...] = ()


class PricingMethod:
    """Base class of a pricing method. Subclasses set ``code``, ``label`` and ``parameters``
    and implement ``base``; ``uses_brackets`` says that the tariff's QF brackets matter."""

    code: ClassVar[str]
    label: ClassVar[str]
    description: ClassVar[str] = ""
    parameters: ClassVar[tuple[Parameter, ...]] = ()
    uses_brackets: ClassVar[bool] = False

    def clean_parameters(self, raw: object) -> dict:
        """The parameters, normalised, or a ValidationError on ``parameters``."""
        if raw in (None, ""):
            raw = {}
        if not isinstance(raw, dict):
            raise ValidationError({"parameters": "Les paramètres doivent être un objet."})
        known = {p.name for p in self.parameters}
        unknown = sorted(set(raw) - known)
        if unknown:
            raise ValidationError(
                {"parameters": f"Paramètre inconnu pour ce mode : {', '.join(unknown)}."}
            )
        cleaned: dict = {}
        errors: list[str] = []
        for parameter in self.parameters:
            try:
                value = parameter.clean(raw.get(parameter.name))
            except ValidationError as exc:
                errors.extend(exc.messages)
                continue
            # JSON keeps decimals as strings: exact, and read back by ``Decimal``.
            cleaned[parameter.name] = str(value) if isinstance(value, Decimal) else value
        if errors:
            raise ValidationError({"parameters": errors})
        return cleaned

    def validate(self, tariff: Tariff, *, brackets: list[dict] | None) -> None:
        """Rules of this method on the tariff beyond its parameters (override)."""

    def base(self, *, tariff: Tariff, line: PricedLine, ctx: PricingContext) -> Base:
        raise NotImplementedError

    @staticmethod
    def unit_price(tariff: Tariff, *, resident: bool) -> Decimal:
        return Decimal(tariff.amount if resident else (tariff.amount_exterior or tariff.amount))


class FlatMethod(PricingMethod):
    code = "flat"
    label = "Prix fixe à l'unité"
    description = "Le même prix à chaque réservation."

    def base(self, *, tariff, line, ctx) -> Base:
        return Base(self.unit_price(tariff, resident=ctx.resident))


class QuotientMethod(PricingMethod):
    code = "quotient"
    label = "Selon le quotient familial"
    description = "Un prix par tranche de quotient ; sans quotient, la tranche la plus haute."
    uses_brackets = True

    def validate(self, tariff, *, brackets) -> None:
        if brackets is None:
            return
        if not brackets:
            raise ValidationError({"brackets": "Au moins une tranche de quotient."})
        for bracket in brackets:
            upper, lower = bracket.get("qf_max"), bracket.get("qf_min") or 0
            if upper is not None and Decimal(upper) <= Decimal(lower):
                raise ValidationError(
                    {"brackets": "Chaque tranche doit finir au-dessus de son début."}
                )

    def base(self, *, tariff, line, ctx) -> Base:
        brackets = sorted(tariff.brackets.all(), key=lambda b: b.qf_min)
        if not brackets:
            return Base(None, ("Aucune tranche de quotient pour ce tarif.",))
        qf = ctx.quotient_on(line.on)
        if qf is None:
            bracket = brackets[-1]
            detail = "Quotient familial non fourni : tranche la plus haute"
        else:
            bracket = next((b for b in brackets if b.contains(Decimal(qf))), brackets[-1])
            detail = f"Quotient familial {qf} : tranche {bracket}"
        amount = bracket.amount if ctx.resident else (bracket.amount_exterior or bracket.amount)
        return Base(Decimal(amount), (detail,))


class PerDayMethod(PricingMethod):
    code = "per_day"
    label = "Prix par jour"
    description = "Le prix d'une journée multiplié par le nombre de jours (séjours, stages)."

    def base(self, *, tariff, line, ctx) -> Base:
        price = self.unit_price(tariff, resident=ctx.resident)
        if line.days == 1:
            return Base(price)
        return Base(price * line.days, (f"{line.days} jours × {price} €",))


class PerHourMethod(PricingMethod):
    code = "per_hour"
    label = "Prix horaire"
    description = "Le prix d'une heure multiplié par la durée, arrondie à l'unité choisie."
    parameters = (
        Parameter(
            "rounding_minutes",
            "Arrondi (minutes)",
            minimum=1,
            maximum=60,
            default=30,
            help_text="Toute tranche commencée est due : 30 = à la demi-heure supérieure.",
        ),
    )

    def base(self, *, tariff, line, ctx) -> Base:
        minutes = line.duration
        if minutes is None:
            return Base(None, ("Durée inconnue : horaires de la prestation à renseigner.",))
        rounding = int(tariff.parameters.get("rounding_minutes", 30))
        billed = math.ceil(minutes / rounding) * rounding if minutes > 0 else 0
        price = self.unit_price(tariff, resident=ctx.resident)
        amount = price * Decimal(billed) / Decimal(60)
        hours = f"{billed // 60} h {billed % 60:02d}"
        return Base(amount, (f"{hours} facturées (arrondi à {rounding} min) × {price} €/h",))


class MethodRegistry:
    """Every pricing method this install knows: the core's, then the modules'."""

    def __init__(self) -> None:
        self._methods: dict[str, PricingMethod] = {}
        self._owner: dict[str, str | None] = {}

    def register(self, method: type[PricingMethod], *, module: str | None = None) -> None:
        if method.code in self._methods and type(self._methods[method.code]) is not method:
            raise ValueError(f"Pricing method {method.code!r} is already registered")
        self._methods[method.code] = method()
        self._owner[method.code] = module

    def unregister_module(self, module_id: str) -> None:
        for code in [c for c, owner in self._owner.items() if owner == module_id]:
            del self._methods[code], self._owner[code]

    def get(self, code: str) -> PricingMethod | None:
        return self._methods.get(code)

    def __iter__(self) -> Iterator[PricingMethod]:
        return iter(self._methods.values())

    def owner(self, code: str) -> str | None:
        return self._owner.get(code)


methods = MethodRegistry()
for _method in (FlatMethod, QuotientMethod, PerDayMethod, PerHourMethod):
    methods.register(_method)


def available_methods(module_ids) -> list[PricingMethod]:
    """The core's methods and those of the given (enabled) modules, in registration order."""
    enabled = set(module_ids or ())
    return [m for m in methods if methods.owner(m.code) in (None, *enabled)]
