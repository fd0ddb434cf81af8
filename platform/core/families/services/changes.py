"""Changes to a family's file: applied at once, or held as a request staff accept or refuse.

The policy of each field (``families/fields.py``) decides: hidden and read-only fields are
refused, editable ones are saved, "editable with validation" ones become a ``ChangeRequest``
whose values are applied only when staff accept it. Staff edits always apply. The audit
history (django-pghistory) records every saved change with its author.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

from core.families.fields import BY_KEY, VALIDATED, Policy, guardian_email_policy, policies
from core.families.models import (
    AuthorisationAnswer,
    AuthorisationQuestion,
    ChangeRequest,
    Child,
    DossierSettings,
    Family,
    Guardian,
)

NOT_WRITABLE = "Ce champ n'est pas modifiable en ligne : adressez-vous à la structure."
HEALTH_REFUSED = (
    "Vous avez refusé la saisie des données médicales : changez d'abord votre réponse "
    "dans « Mes consentements »."
)
REQUIRED = "Ce champ est obligatoire."

_TARGETS = {Family: "family", Guardian: "guardian", Child: "child"}


@dataclass
class ChangeOutcome:
    applied: list[str] = field(default_factory=list)
    requests: list[ChangeRequest] = field(default_factory=list)


def target_key(obj: models.Model) -> str:
    return _TARGETS[type(obj)]


def family_of_target(obj: models.Model) -> Family:
    return obj if isinstance(obj, Family) else obj.family


def target_label(obj: models.Model) -> str:
    if isinstance(obj, Family):
        return f"Foyer {obj.name}"
    return str(obj)


def effective_policies(*, staff: bool = False) -> dict[str, Policy]:
    result = policies()
    if not staff:
        result["guardian.email"] = guardian_email_policy(
            result["guardian.email"],
            staff_only=DossierSettings.current().email_change_by_staff_only,
        )
    return result


def _json_value(value: Any) -> Any:
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _display(obj: models.Model, attribute: str, value: Any) -> str:
    model_field = obj._meta.get_field(attribute)
    if value in (None, ""):
        return ""
    if isinstance(value, bool):
        return "Oui" if value else "Non"
    if model_field.is_relation:
        related = value if isinstance(value, models.Model) else None
        if related is None:
            related = model_field.related_model.objects.filter(pk=value).first()
        return str(related) if related else ""
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    return str(value)


def _current(obj: models.Model, attribute: str) -> Any:
    model_field = obj._meta.get_field(attribute)
    if model_field.is_relation:
        return getattr(obj, model_field.attname)
    return getattr(obj, attribute)


def _category(obj: models.Model, spec_category: str) -> str:
    if spec_category == "guardian":
        return obj.category
    return spec_category


def _is_empty(value: Any) -> bool:
    return value is None or value == ""


@transaction.atomic
def submit_changes(
    *, target: Family | Guardian | Child, data: dict[str, Any], user, staff: bool = False
) -> ChangeOutcome:
    """Apply ``data`` (already type-validated) to ``target`` according to the policies.

    Raises ``ValidationError`` (field → French message) and changes nothing when a field is
    not writable or a required field is emptied.
    """
    rules = effective_policies(staff=staff)
    prefix = target_key(target)
    errors: dict[str, str] = {}
    no_health = not staff and prefix == "child" and _health_refused(target)
    direct: dict[str, Any] = {}
    held: dict[str, dict[str, Any]] = {}
    for attribute, value in data.items():
        key = f"{prefix}.{attribute}"
        spec = BY_KEY.get(key)
        if spec is None or spec.collection:
            errors[attribute] = NOT_WRITABLE
            continue
        policy = rules[key]
        if not staff and not policy.writable:
            errors[attribute] = NOT_WRITABLE
            continue
        if no_health and spec.category == "sante":
            errors[attribute] = HEALTH_REFUSED
            continue
        if policy.required and _is_empty(value):
            errors[attribute] = REQUIRED
            continue
        if _json_value(value) == _json_value(_current(target, attribute)):
            continue
        if staff or policy.mode != VALIDATED:
            direct[attribute] = value
        else:
            held.setdefault(_category(target, spec.category), {})[attribute] = {
                "label": spec.label,
                "before": _json_value(_current(target, attribute)),
                "after": _json_value(value),
                "before_display": _display(target, attribute, _current(target, attribute)),
                "after_display": _display(target, attribute, value),
            }
    if errors:
        raise ValidationError(errors)

    outcome = ChangeOutcome()
    if direct:
        for attribute, value in direct.items():
            setattr(target, attribute, value)
        target.full_clean(exclude=[f.name for f in target._meta.fields if f.name not in direct])
        target.save(update_fields=list(direct))
        outcome.applied = sorted(direct)
    for category, changes in held.items():
        outcome.requests.append(
            ChangeRequest.objects.create(
                family=family_of_target(target),
                target_type=prefix,
                target_id=target.pk,
                target_label=target_label(target),
                category=category,
                changes=changes,
                created_by=user,
            )
        )
    touch(family_of_target(target))
    return outcome


@transaction.atomic
def submit_authorisations(
    *, child: Child, answers: dict[int, bool], user, staff: bool = False
) -> ChangeOutcome:
    """Answer the structure's yes/no questions for a child (one question id → bool)."""
    policy = effective_policies(staff=staff)["child.authorisations"]
    if not staff and not policy.writable:
        raise ValidationError({"answers": NOT_WRITABLE})
    questions = {q.pk: q for q in AuthorisationQuestion.objects.filter(active=True)}
    unknown = [pk for pk in answers if pk not in questions]
    if unknown:
        raise ValidationError({"answers": "Autorisation inconnue."})
    current = {a.question_id: a for a in child.authorisations.all()}
    outcome = ChangeOutcome()
    held = {}
    for pk, value in answers.items():
        existing = current.get(pk)
        if existing is not None and existing.value == value:
            continue
        if staff or policy.mode != VALIDATED:
            AuthorisationAnswer.objects.update_or_create(
                child=child,
                question_id=pk,
                defaults={"value": value, "answered_at": timezone.now(), "answered_by": user},
            )
            outcome.applied.append(f"authorisation:{pk}")
        else:
            before = existing.value if existing else None
            held[f"q{pk}"] = {
                "label": questions[pk].label,
                "before": before,
                "after": value,
                "before_display": "" if before is None else ("Oui" if before else "Non"),
                "after_display": "Oui" if value else "Non",
            }
    if held:
        outcome.requests.append(
            ChangeRequest.objects.create(
                family=child.family,
                target_type=ChangeRequest.TARGET_CHILD,
                target_id=child.pk,
                target_label=str(child),
                category="autorisations",
                changes=held,
                created_by=user,
            )
        )
    touch(child.family)
    return outcome


def _target_of(request: ChangeRequest):
    model = {"family": Family, "guardian": Guardian, "child": Child}[request.target_type]
    qs = model.objects.select_for_update()
    if model is Family:
        return qs.filter(pk=request.target_id, pk__in=[request.family_id]).first()
    return qs.filter(pk=request.target_id, family_id=request.family_id).first()


@transaction.atomic
def accept_request(*, request: ChangeRequest, by) -> None:
    """Apply the requested values and mark the request accepted."""
    request = ChangeRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != ChangeRequest.STATUS_PENDING:
        raise ValidationError({"ids": f"La demande n° {request.pk} a déjà été traitée."})
    target = _target_of(request)
    if target is None:
        raise ValidationError("L'élément concerné par cette demande n'existe plus.")
    if request.category == "autorisations":
        known = set(AuthorisationQuestion.objects.values_list("pk", flat=True))
        if any(int(key[1:]) not in known for key in request.changes):
            raise ValidationError(
                {"ids": "Cette demande porte sur une autorisation qui n'existe plus."}
            )
        for key, change in request.changes.items():
            AuthorisationAnswer.objects.update_or_create(
                child=target,
                question_id=int(key[1:]),
                defaults={
                    "value": change["after"],
                    "answered_at": timezone.now(),
                    "answered_by": request.created_by,
                },
            )
    else:
        names = []
        for attribute, change in request.changes.items():
            model_field = target._meta.get_field(attribute)
            value = model_field.to_python(change["after"])
            setattr(target, model_field.attname, value)
            names.append(model_field.attname)
        target.full_clean(exclude=[f.name for f in target._meta.fields if f.attname not in names])
        target.save(update_fields=names)
    request.mark_accepted(by=by)


@transaction.atomic
def refuse_request(*, request: ChangeRequest, by, reason: str) -> None:
    if not reason.strip():
        raise ValidationError({"reason": "Indiquez le motif du refus."})
    request = ChangeRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != ChangeRequest.STATUS_PENDING:
        raise ValidationError({"ids": f"La demande n° {request.pk} a déjà été traitée."})
    request.mark_refused(by=by, reason=reason.strip())


def decide_requests(*, requests: list[ChangeRequest], accept: bool, reason: str, by) -> None:
    """Accept or refuse several requests at once; e-mails each family its answer."""
    from core.families.services.notifications import notify_request_decided

    if not accept and not reason.strip():
        raise ValidationError({"reason": "Indiquez le motif du refus."})
    with transaction.atomic():
        for request in requests:
            if request.status != ChangeRequest.STATUS_PENDING:
                raise ValidationError({"ids": f"La demande n° {request.pk} a déjà été traitée."})
            if accept:
                accept_request(request=request, by=by)
            else:
                refuse_request(request=request, by=by, reason=reason)
    for request in requests:
        request.refresh_from_db()
        notify_request_decided(request=request)


def _health_refused(child: Child) -> bool:
    from core.families.services.consents import health_data_refused

    return health_data_refused(family=child.family)


def touch(family: Family) -> None:
    Family.objects.filter(pk=family.pk).update(last_activity_at=timezone.now())
