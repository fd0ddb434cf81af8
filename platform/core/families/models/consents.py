"""A guardian's answers to the structure's GDPR consents."""

from __future__ import annotations

import pghistory
from django.conf import settings
from django.db import models
from django.utils import timezone

from core.families.models.configuration import ConsentType


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class ConsentAnswer(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="consent_answers"
    )
    # PROTECT: the answer and its date are kept; a consent type in use is switched off.
    consent = models.ForeignKey(ConsentType, on_delete=models.PROTECT, related_name="answers")
    accepted = models.BooleanField("accepté")
    answered_at = models.DateTimeField("répondu le", default=timezone.now)

    class Meta:
        verbose_name = "réponse à un consentement"
        verbose_name_plural = "réponses aux consentements"
        constraints = [
            models.UniqueConstraint(fields=["user", "consent"], name="families_consent_unique")
        ]

    def __str__(self) -> str:
        return f"{self.consent} : {'accepté' if self.accepted else 'refusé'}"
