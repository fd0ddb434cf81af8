"""Contracts (contrats d'accueil régulier) and their dated terms (the initial terms, then each
avenant): the schedule, the resources and the resulting PSU rate and monthly fee."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from core.errors import DomainError


class ContractTransitionRefused(DomainError):
    code = "contract_transition"
    status_code = 409


class Contract(models.Model):
    """One child's regular care in one establishment, between two dates."""

    DRAFT = "draft"
    PROPOSED = "proposed"
    SIGNED = "signed"
    ENDED = "ended"
    CANCELLED = "cancelled"
    STATE_CHOICES = [
        (DRAFT, "En préparation"),
        (PROPOSED, "À signer par la famille"),
        (SIGNED, "Signé"),
        (ENDED, "Terminé"),
        (CANCELLED, "Annulé"),
    ]
    TRANSITIONS = {
        DRAFT: (PROPOSED, CANCELLED),
        PROPOSED: (SIGNED, DRAFT, CANCELLED),
        SIGNED: (ENDED,),
        ENDED: (),
        CANCELLED: (),
    }
    #: States whose schedule holds places and is billed.
    RUNNING = (PROPOSED, SIGNED)

    SIGNED_ONLINE = "online"
    SIGNED_UPLOAD = "upload"
    SIGNED_PAPER = "paper"
    SIGNATURE_CHOICES = [
        (SIGNED_ONLINE, "Acceptation en ligne"),
        (SIGNED_UPLOAD, "Contrat signé déposé"),
        (SIGNED_PAPER, "Contrat signé remis à la structure"),
    ]

    family = models.ForeignKey(
        "families.Family", on_delete=models.PROTECT, related_name="creche_contracts"
    )
    child = models.ForeignKey(
        "families.Child", on_delete=models.PROTECT, related_name="creche_contracts"
    )
    establishment = models.ForeignKey(
        "creche.Establishment", on_delete=models.PROTECT, related_name="contracts"
    )
    section = models.ForeignKey(
        "creche.Section", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    request = models.ForeignKey(
        "creche.PlaceRequest",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contracts",
    )
    start_date = models.DateField("début")
    end_date = models.DateField("fin")
    months_billed = models.PositiveSmallIntegerField(
        "mois facturés", validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    state = models.CharField("état", max_length=10, choices=STATE_CHOICES, default=DRAFT)
    signed_at = models.DateTimeField("signé le", null=True, blank=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    signature = models.CharField("signature", max_length=8, choices=SIGNATURE_CHOICES, blank=True)
    signed_document = models.ForeignKey(
        "documents.Document", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The family's own FILOUÉ answer, on its contract (optional, changeable at any time): the
    # yearly file to the Caf exports only the children of contracts that carry it.
    filoue_consent = models.BooleanField(
        "accord pour la transmission FILOUÉ à la Caf", default=False
    )
    filoue_consent_at = models.DateTimeField("accord FILOUÉ modifié le", null=True, blank=True)
    filoue_consent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = "contrat d'accueil"
        verbose_name_plural = "contrats d'accueil"
        ordering = ["-start_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")), name="creche_contract_dates"
            ),
        ]

    def __str__(self) -> str:
        return f"Contrat n° {self.pk}"

    def move_to(self, state: str) -> None:
        if state not in self.TRANSITIONS[self.state]:
            raise ContractTransitionRefused(
                f"Le contrat est « {self.get_state_display()} » : impossible de le passer à "
                f"« {dict(self.STATE_CHOICES)[state]} »."
            )
        self.state = state

    def covers(self, day: date) -> bool:
        return self.start_date <= day <= self.end_date


class ContractTerms(models.Model):
    """The terms in force from ``effective_from``: number 0 is the contract itself, each next
    number an avenant. Never changed once the contract is proposed: a change is a new row."""

    RESOURCES_CHOICES = [
        ("ceiling", "Plafond (ressources inconnues)"),
        ("floor", "Plancher (accueil d'urgence, aide sociale à l'enfance)"),
    ]

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="terms")
    number = models.PositiveSmallIntegerField("n° d'avenant (0 : contrat initial)")
    effective_from = models.DateField("en vigueur à partir du")
    reason = models.CharField("motif", max_length=200, blank=True)
    schedule = models.JSONField("planning hebdomadaire")
    alternating = models.BooleanField("semaines alternées", default=False)
    weeks_per_year = models.DecimalField(
        "semaines d'accueil par an",
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(0), MaxValueValidator(53)],
    )
    leave_weeks = models.DecimalField(
        "semaines de congés déclarées", max_digits=4, decimal_places=1, default=0
    )
    annual_resources = models.DecimalField(
        "ressources annuelles N-2 (€)",
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    resources_year = models.PositiveSmallIntegerField("année des ressources", null=True, blank=True)
    missing_resources = models.CharField(
        "ressources inconnues", max_length=8, choices=RESOURCES_CHOICES, default="ceiling"
    )
    children = models.PositiveSmallIntegerField(
        "enfants à charge", validators=[MinValueValidator(1), MaxValueValidator(20)]
    )
    aeeh_children = models.PositiveSmallIntegerField(
        "enfants bénéficiaires de l'AEEH dans le foyer", default=0
    )
    # What the PSU gave on ``effective_from`` (shown and kept; each month's invoice recomputes
    # the rate under the parameters in force that month).
    hours_per_week = models.DecimalField("heures par semaine", max_digits=6, decimal_places=2)
    hourly_rate = models.DecimalField("tarif horaire", max_digits=8, decimal_places=2)
    monthly_hours = models.DecimalField("heures mensualisées", max_digits=7, decimal_places=2)
    monthly_fee = models.DecimalField("mensualité", max_digits=9, decimal_places=2)
    rate_steps = models.JSONField("calcul du tarif", default=list)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = "conditions du contrat"
        verbose_name_plural = "conditions du contrat (avenants)"
        ordering = ["contract", "effective_from", "number"]
        constraints = [
            models.UniqueConstraint(fields=["contract", "number"], name="creche_terms_number"),
            models.UniqueConstraint(
                fields=["contract", "effective_from"], name="creche_terms_effective"
            ),
        ]

    def __str__(self) -> str:
        if self.number == 0:
            return f"Contrat n° {self.contract_id}"
        return f"Avenant n° {self.number} du contrat n° {self.contract_id}"
