"""Place requests (pré-inscriptions crèche) and the commission's offers."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from core.errors import DomainError


class RequestTransitionRefused(DomainError):
    code = "request_transition"
    status_code = 409


class PlaceRequest(models.Model):
    """A family's request for a place, from submission to a contract (or not)."""

    SUBMITTED = "submitted"
    WAITLISTED = "waitlisted"
    OFFERED = "offered"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    REFUSED = "refused"
    LAPSED = "lapsed"
    WITHDRAWN = "withdrawn"
    STATE_CHOICES = [
        (SUBMITTED, "Reçue"),
        (WAITLISTED, "En liste d'attente"),
        (OFFERED, "Place proposée"),
        (ACCEPTED, "Place acceptée"),
        (DECLINED, "Place déclinée"),
        (REFUSED, "Refusée"),
        (LAPSED, "Caduque (non renouvelée)"),
        (WITHDRAWN, "Retirée par la famille"),
    ]
    OPEN_STATES = (SUBMITTED, WAITLISTED, OFFERED)
    TRANSITIONS = {
        SUBMITTED: (WAITLISTED, OFFERED, REFUSED, LAPSED, WITHDRAWN),
        WAITLISTED: (OFFERED, REFUSED, LAPSED, WITHDRAWN),
        OFFERED: (ACCEPTED, DECLINED, WAITLISTED, WITHDRAWN),
        ACCEPTED: (),
        DECLINED: (),
        REFUSED: (),
        LAPSED: (),
        WITHDRAWN: (),
    }

    CARE_REGULAR = "regular"
    CARE_OCCASIONAL = "occasional"
    CARE_CHOICES = [(CARE_REGULAR, "Accueil régulier"), (CARE_OCCASIONAL, "Accueil occasionnel")]

    family = models.ForeignKey(
        "families.Family", on_delete=models.CASCADE, related_name="creche_requests"
    )
    child = models.ForeignKey(
        "families.Child",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="creche_requests",
        help_text="Vide : enfant à naître.",
    )
    expected_first_name = models.CharField("prénom prévu", max_length=150, blank=True)
    due_date = models.DateField("naissance prévue le", null=True, blank=True)
    desired_start = models.DateField("entrée souhaitée le")
    care = models.CharField("type d'accueil", max_length=10, choices=CARE_CHOICES)
    schedule = models.JSONField("planning souhaité", default=list)
    alternating = models.BooleanField("semaines alternées", default=False)
    comment = models.TextField("commentaire", blank=True, max_length=2000)
    state = models.CharField("état", max_length=12, choices=STATE_CHOICES, default=SUBMITTED)
    created_at = models.DateTimeField("déposée le", default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    renewed_at = models.DateTimeField("renouvelée le", default=timezone.now)
    renewal_asked_at = models.DateTimeField("renouvellement demandé le", null=True, blank=True)
    decided_at = models.DateTimeField("décidée le", null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reason = models.TextField("motif communiqué à la famille", blank=True)
    # The offer (state "offered", then "accepted"/"declined").
    offer_establishment = models.ForeignKey(
        "creche.Establishment", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    offer_section = models.ForeignKey(
        "creche.Section", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    offer_start = models.DateField("entrée proposée le", null=True, blank=True)
    offer_schedule = models.JSONField("planning proposé", default=list, blank=True)
    offer_answer_by = models.DateField("réponse attendue avant le", null=True, blank=True)
    answered_at = models.DateTimeField("réponse le", null=True, blank=True)

    class Meta:
        verbose_name = "demande de place"
        verbose_name_plural = "demandes de place"
        ordering = ["desired_start", "created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(child__isnull=False) | Q(due_date__isnull=False),
                name="creche_request_child_or_due_date",
            ),
        ]

    def __str__(self) -> str:
        return f"Demande de place n° {self.pk}"

    @property
    def child_name(self) -> str:
        if self.child_id:
            return self.child.first_name
        return self.expected_first_name or "Enfant à naître"

    def move_to(self, state: str, *, by=None, reason: str = "") -> None:
        if state not in self.TRANSITIONS[self.state]:
            raise RequestTransitionRefused(
                f"La demande est « {self.get_state_display()} » : impossible de la passer à "
                f"« {dict(self.STATE_CHOICES)[state]} »."
            )
        self.state = state
        if reason:
            self.reason = reason
        now = timezone.now()
        if state in (self.ACCEPTED, self.DECLINED):
            self.answered_at = now
        else:
            self.decided_at, self.decided_by = now, by


class RequestChoice(models.Model):
    """An establishment a request names, in the family's order of preference."""

    request = models.ForeignKey(PlaceRequest, on_delete=models.CASCADE, related_name="choices")
    establishment = models.ForeignKey(
        "creche.Establishment", on_delete=models.CASCADE, related_name="request_choices"
    )
    rank = models.PositiveSmallIntegerField("rang")

    class Meta:
        verbose_name = "établissement demandé"
        verbose_name_plural = "établissements demandés"
        ordering = ["rank"]
        constraints = [
            models.UniqueConstraint(fields=["request", "rank"], name="creche_choice_rank"),
            models.UniqueConstraint(
                fields=["request", "establishment"], name="creche_choice_establishment"
            ),
        ]

    def __str__(self) -> str:
        return f"Vœu n° {self.rank}"
