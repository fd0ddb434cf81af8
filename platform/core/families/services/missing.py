"""What is still missing in a family's file before its children can be booked.

One list for the parent's home ("il vous reste à compléter…"), the booking refusal message,
and the staff's view of a family: required fields left empty, consents not answered (or a
needed one refused), authorisations without an answer, required documents not (yet) valid.
Each item carries the SPA path of the screen that fixes it.
"""

from __future__ import annotations

from dataclasses import dataclass

from core.families.fields import fields_of
from core.families.models import (
    AuthorisationQuestion,
    Child,
    ConsentAnswer,
    ConsentType,
    Family,
)
from core.families.services.changes import _current, _is_empty, effective_policies
from core.module_hooks import collect


@dataclass(frozen=True)
class MissingItem:
    kind: str  # "field" | "consent" | "authorisation" | "document" | "module"
    code: str  # stable identifier, e.g. "family.postal_code", "document:3:child:12"
    label: str
    link: str
    child_id: int | None = None
    child_name: str = ""


def _empty(obj, attribute: str) -> bool:
    return _is_empty(_current(obj, attribute))


def missing_items(
    *,
    family: Family,
    user=None,
    child: Child | None = None,
    module: str | None = None,
    activity_kind: str | None = None,
) -> list[MissingItem]:
    """Missing items of the family file, and of ``child`` (else of every child).

    ``module``/``activity_kind`` narrow the required documents to those an activity needs.
    ``user``: whose consents to check (default: every guardian with a login).
    """
    rules = effective_policies()
    items: list[MissingItem] = []

    for spec in fields_of("family"):
        if not spec.collection and rules[spec.key].required and _empty(family, spec.attribute):
            items.append(MissingItem("field", spec.key, spec.label, "/mon-foyer"))

    guardians = list(family.guardians.select_related("user"))
    for guardian in guardians:
        link = "/mon-profil" if user and guardian.user_id == user.pk else "/mon-foyer"
        for spec in fields_of("guardian"):
            if spec.collection or not rules[spec.key].required:
                continue
            if spec.attribute.startswith(("address", "postal", "city")) and not (
                guardian.lives_elsewhere
            ):
                continue
            if _empty(guardian, spec.attribute):
                items.append(
                    MissingItem(
                        "field",
                        f"{spec.key}:{guardian.pk}",
                        f"{spec.label} de {guardian}",
                        link,
                    )
                )

    consents = list(ConsentType.objects.filter(active=True))
    if consents:
        users = [user] if user else [g.user for g in guardians if g.user_id]
        answers = {
            (a.user_id, a.consent_id): a.accepted
            for a in ConsentAnswer.objects.filter(user__in=[u.pk for u in users])
        }
        for consent in consents:
            for who in users:
                answer = answers.get((who.pk, consent.pk))
                if answer is None or (consent.required and not answer):
                    label = (
                        f"Consentement : {consent.label}"
                        if answer is None
                        else f"Consentement nécessaire : {consent.label}"
                    )
                    items.append(
                        MissingItem("consent", f"consent:{consent.pk}", label, "/consentements")
                    )
                    break

    kids = family.children.prefetch_related("vaccinations", "authorised_persons", "authorisations")
    children = list(kids.filter(pk=child.pk) if child else kids)
    questions = list(AuthorisationQuestion.objects.filter(active=True, required=True))
    for kid in children:
        base = f"/mes-enfants/{kid.pk}"
        for spec in fields_of("child"):
            if spec.collection or spec.key == "child.authorisations":
                continue
            if rules[spec.key].required and _empty(kid, spec.attribute):
                section = "sante" if spec.category == "sante" else "identite"
                items.append(
                    MissingItem(
                        "field",
                        f"{spec.key}:{kid.pk}",
                        spec.label,
                        f"{base}?section={section}",
                        kid.pk,
                        str(kid),
                    )
                )
        if rules["child.vaccinations"].required and not kid.vaccinations.all():
            items.append(
                MissingItem(
                    "field",
                    f"child.vaccinations:{kid.pk}",
                    "Vaccinations",
                    f"{base}?section=sante",
                    kid.pk,
                    str(kid),
                )
            )
        if rules["child.authorised_persons"].required and not kid.authorised_persons.all():
            items.append(
                MissingItem(
                    "field",
                    f"child.authorised_persons:{kid.pk}",
                    "Personnes autorisées et à prévenir",
                    f"{base}?section=personnes",
                    kid.pk,
                    str(kid),
                )
            )
        if rules["child.authorisations"].visible and questions:
            answered = {answer.question_id for answer in kid.authorisations.all()}
            for question in questions:
                if question.pk not in answered:
                    items.append(
                        MissingItem(
                            "authorisation",
                            f"authorisation:{question.pk}:{kid.pk}",
                            f"Autorisation : {question.label}",
                            f"{base}?section=autorisations",
                            kid.pk,
                            str(kid),
                        )
                    )

    items.extend(_missing_documents(family, child, module, activity_kind))
    for owner, item in collect("missing_items", family=family, user=user, child=child):
        if module is None or owner.id == module:
            items.append(item)
    return items


def _missing_documents(family, child, module, activity_kind) -> list[MissingItem]:
    from core.documents.services import document_requirements

    result = []
    for req in document_requirements(
        family=family, child=child, module=module, activity_kind=activity_kind
    ):
        if req.satisfied:
            continue
        status = {
            "awaiting_review": " (en attente de vérification)",
            "rejected": " (refusé, à renvoyer)",
            "expired": " (expiré, à renouveler)",
        }.get(req.status, "")
        kid = req.child
        code = f"document:{req.document_type.pk}" + (f":child:{kid.pk}" if kid else "")
        result.append(
            MissingItem(
                "document",
                code,
                f"{req.document_type.name}{status}",
                "/mes-documents",
                kid.pk if kid else None,
                str(kid) if kid else "",
            )
        )
    return result
