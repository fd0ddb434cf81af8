"""The tariff's rules, in one place: the model's ``clean()``, the staff API and the admin call
``validate_tariff``."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from core.pricing.methods import available_methods, methods
from core.tenancy.context import current_structure


def validate_tariff(tariff, *, brackets: list[dict] | None = None) -> None:
    """Refuse a tariff that cannot price, by field; normalise its ``parameters`` in place.

    ``brackets`` are the QF brackets being saved with it (None: unchanged). A method is
    accepted only if the core or one of the structure's enabled modules offers it.
    """
    if tariff.activity_id is None and tariff.unit_id is None:
        raise ValidationError({"activity": "Choisissez une activité ou une prestation."})
    if tariff.valid_from and tariff.valid_until and tariff.valid_until < tariff.valid_from:
        raise ValidationError({"valid_until": "La fin doit suivre le début."})
    if any(not 0 <= discount <= 100 for discount in tariff.sibling_discounts or ()):
        raise ValidationError({"sibling_discounts": "Des pourcentages de 0 à 100."})
    method = methods.get(tariff.method)
    structure = current_structure()
    offered = available_methods(structure.modules if structure else ())
    if method is None or method not in offered:
        raise ValidationError({"method": "Ce mode de calcul n'est pas proposé par la structure."})
    tariff.parameters = method.clean_parameters(tariff.parameters)
    method.validate(tariff, brackets=brackets)
