"""A family adds a child or an adult to its household, within the structure's policies.

Fields the structure hides or keeps read-only may not be given; "editable with validation"
fields become a change request on the new record (names and birth dates, which the record
cannot exist without, are set at once); required fields must be given; collections and
authorisations follow their own policies.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from core.families.fields import BY_KEY, VALIDATED, Policy, fields_of
from core.families.models import ChangeRequest, Child, Family, Guardian, GuardianChildLink
from core.families.services.changes import (
    HEALTH_REFUSED,
    NOT_WRITABLE,
    REQUIRED,
    _display,
    _json_value,
    effective_policies,
    submit_authorisations,
    target_label,
    touch,
)
from core.families.services.consents import health_data_refused


def _split(
    prefix: str,
    data: dict[str, Any],
    rules: dict[str, Policy],
    *,
    skip_required: tuple[str, ...] = (),
):
    errors: dict[str, str] = {}
    direct: dict[str, Any] = {}
    held: dict[str, dict[str, Any]] = {}
    for attribute, value in data.items():
        spec = BY_KEY.get(f"{prefix}.{attribute}")
        if spec is None:
            direct[attribute] = value
            continue
        policy = rules[spec.key]
        empty = value is None or value == "" or value is False
        if not policy.writable:
            if not empty:
                errors[attribute] = NOT_WRITABLE
            continue
        if policy.mode == VALIDATED and not spec.locked and not empty:
            held[attribute] = value
        else:
            direct[attribute] = value
    for spec in fields_of(prefix):
        if spec.collection or spec.attribute in skip_required or spec.key == "child.authorisations":
            continue
        if rules[spec.key].required and data.get(spec.attribute) in (None, ""):
            errors.setdefault(spec.attribute, REQUIRED)
    if errors:
        raise ValidationError(errors)
    return direct, held


def _hold(target, held: dict[str, Any], *, user) -> list[ChangeRequest]:
    """One request per category for the validated fields of a new record."""
    prefix = "child" if isinstance(target, Child) else "guardian"
    by_category: dict[str, dict] = {}
    for attribute, value in held.items():
        spec = BY_KEY[f"{prefix}.{attribute}"]
        category = target.category if spec.category == "guardian" else spec.category
        by_category.setdefault(category, {})[attribute] = {
            "label": spec.label,
            "before": None,
            "after": _json_value(value),
            "before_display": "",
            "after_display": _display(target, attribute, value),
        }
    return [
        ChangeRequest.objects.create(
            family=target.family,
            target_type=prefix,
            target_id=target.pk,
            target_label=target_label(target),
            category=category,
            changes=changes,
            created_by=user,
        )
        for category, changes in by_category.items()
    ]


def _check_collection(rules: dict[str, Policy], key: str, items: list) -> None:
    if items and not rules[key].writable:
        raise ValidationError({key.split(".")[1]: NOT_WRITABLE})


@transaction.atomic
def add_child(
    *,
    family: Family,
    data: dict[str, Any],
    user,
    relations: dict[str, str] | None = None,
    answers: dict[int, bool] | None = None,
    persons: list[dict] | None = None,
    vaccinations: list[dict] | None = None,
) -> tuple[Child, list[ChangeRequest]]:
    """The child wizard's single submission."""
    if health_data_refused(family=family):
        given = [
            name
            for name, value in data.items()
            if BY_KEY.get(f"child.{name}")
            and BY_KEY[f"child.{name}"].category == "sante"
            and value not in (None, "", False)
        ]
        if vaccinations:
            given.append("vaccinations")
        if given:
            raise ValidationError({name: HEALTH_REFUSED for name in given})
    rules = effective_policies()
    direct, held = _split("child", data, rules)
    _check_collection(rules, "child.authorised_persons", persons or [])
    _check_collection(rules, "child.vaccinations", vaccinations or [])
    guardians = {str(g.pk): g for g in family.guardians.all()}
    if any(gid not in guardians for gid in relations or {}):
        raise ValidationError({"relations": "Responsable inconnu."})
    child = Child(family=family, **direct)
    child.full_clean()
    child.save()
    for gid, guardian in guardians.items():
        GuardianChildLink.objects.create(
            guardian=guardian, child=child, relation=(relations or {}).get(gid, "other")
        )
    requests = _hold(child, held, user=user)
    if answers:
        requests += submit_authorisations(child=child, answers=answers, user=user).requests
    for person in persons or []:
        child.authorised_persons.create(**person)
    for vaccination in vaccinations or []:
        child.vaccinations.create(**vaccination)
    touch(family)
    return child, requests


@transaction.atomic
def add_guardian(
    *, family: Family, data: dict[str, Any], user, relation: str = "other"
) -> tuple[Guardian, list[ChangeRequest]]:
    """Another adult of the household (conjoint), linked to every child."""
    rules = effective_policies()
    if data.get("email") and not rules["guardian.email"].writable:
        raise ValidationError({"email": NOT_WRITABLE})
    address = ("address_line1", "address_line2", "postal_code", "city")
    direct, held = _split(
        "guardian", data, rules, skip_required=address if not data.get("lives_elsewhere") else ()
    )
    guardian = Guardian(family=family, is_primary=False, **direct)
    guardian.full_clean()
    guardian.save()
    for child in family.children.all():
        GuardianChildLink.objects.create(guardian=guardian, child=child, relation=relation)
    requests = _hold(guardian, held, user=user)
    touch(family)
    return guardian, requests
