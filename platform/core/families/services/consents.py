"""GDPR consents: each guardian answers the structure's list before using the portal."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from core.families.models import ConsentAnswer, ConsentType


def health_data_refused(*, family) -> bool:
    """A guardian of the family refused the consent that covers medical data."""
    return ConsentAnswer.objects.filter(
        user__guardian__family=family,
        consent__covers_health=True,
        consent__active=True,
        accepted=False,
    ).exists()


def pending_consents(*, user) -> list[ConsentType]:
    answered = ConsentAnswer.objects.filter(user=user).values("consent_id")
    return list(ConsentType.objects.filter(active=True).exclude(pk__in=answered))


@transaction.atomic
def answer_consents(*, user, answers: dict[int, bool]) -> list[ConsentAnswer]:
    """Record (or change) the user's answers; the date of each answer is kept."""
    consents = {c.pk: c for c in ConsentType.objects.filter(active=True, pk__in=list(answers))}
    unknown = [pk for pk in answers if pk not in consents]
    if unknown:
        raise ValidationError({"answers": "Consentement inconnu."})
    saved = []
    for pk, accepted in answers.items():
        answer, _ = ConsentAnswer.objects.update_or_create(
            user=user,
            consent_id=pk,
            defaults={"accepted": accepted, "answered_at": timezone.now()},
        )
        saved.append(answer)
    return saved
