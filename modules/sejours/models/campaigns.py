"""The wish campaign, the wishes (vœux) and the commission's history: every run of the
proposal and every manual move, kept (who, when, why) so that a family may ask why."""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.utils import timezone

from modules.sejours.allocation import DEFAULT_CRITERIA


def default_criteria() -> list[str]:
    return list(DEFAULT_CRITERIA)


class Campaign(models.Model):
    """A dated window in which families rank their wishes, then the commission decides."""

    STATUS_PREPARING = "preparing"
    STATUS_PUBLISHED = "published"
    STATUS_CHOICES = [
        (STATUS_PREPARING, "Vœux et commission en cours"),
        (STATUS_PUBLISHED, "Décisions publiées"),
    ]

    label = models.CharField("intitulé", max_length=150)
    season = models.CharField("période", max_length=40)
    opens_at = models.DateTimeField("vœux à partir du")
    closes_at = models.DateTimeField("vœux jusqu'au")
    max_wishes = models.PositiveSmallIntegerField("nombre de vœux par enfant", default=3)
    max_stays_per_child = models.PositiveSmallIntegerField(
        "séjours attribués au plus par enfant", default=1
    )
    criteria = ArrayField(
        models.CharField(max_length=40),
        verbose_name="critères de priorité (dans l'ordre)",
        default=default_criteria,
        blank=True,
    )
    keep_on_better_waitlists = models.BooleanField(
        "garder en liste d'attente des vœux mieux classés", default=True
    )
    status = models.CharField(
        "état", max_length=12, choices=STATUS_CHOICES, default=STATUS_PREPARING
    )
    published_at = models.DateTimeField("publiée le", null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "campagne de vœux"
        verbose_name_plural = "campagnes de vœux"
        ordering = ["-opens_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=models.F("opens_at")),
                name="sejours_campaign_dates_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.label

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.status == self.STATUS_PREPARING and self.opens_at <= now < self.closes_at


class Wish(models.Model):
    """A child's vœu ``rank`` for a stay, then what became of it."""

    STATUS_PENDING = "pending"  # waiting for the commission
    STATUS_OFFERED = "offered"  # place given, to accept before ``accept_by``
    STATUS_ACCEPTED = "accepted"
    STATUS_WAITLISTED = "waitlisted"
    STATUS_REFUSED = "refused"
    STATUS_DECLINED = "declined"  # the family said no to the place
    STATUS_EXPIRED = "expired"  # not accepted in time: the place went to the next family
    STATUS_WITHDRAWN = "withdrawn"  # withdrawn by the family before the commission
    STATUS_CANCELLED = "cancelled"  # place cancelled after acceptance (family or stay)
    STATUS_CHOICES = [
        (STATUS_PENDING, "En attente de la commission"),
        (STATUS_OFFERED, "Place attribuée, à confirmer"),
        (STATUS_ACCEPTED, "Place confirmée"),
        (STATUS_WAITLISTED, "Liste d'attente"),
        (STATUS_REFUSED, "Refusée"),
        (STATUS_DECLINED, "Place déclinée"),
        (STATUS_EXPIRED, "Place non confirmée à temps"),
        (STATUS_WITHDRAWN, "Vœu retiré"),
        (STATUS_CANCELLED, "Annulée"),
    ]
    # A wish in these states keeps its rank and its stay for the child.
    LIVE = (STATUS_PENDING, STATUS_OFFERED, STATUS_ACCEPTED, STATUS_WAITLISTED)
    HOLDS_PLACE = (STATUS_OFFERED, STATUS_ACCEPTED)
    TRANSITIONS: dict[str, tuple[str, ...]] = {
        STATUS_PENDING: (
            STATUS_OFFERED,
            STATUS_WAITLISTED,
            STATUS_REFUSED,
            STATUS_WITHDRAWN,
            STATUS_CANCELLED,
        ),
        STATUS_WAITLISTED: (STATUS_OFFERED, STATUS_REFUSED, STATUS_WITHDRAWN, STATUS_CANCELLED),
        STATUS_OFFERED: (
            STATUS_ACCEPTED,
            STATUS_DECLINED,
            STATUS_EXPIRED,
            STATUS_WAITLISTED,
            STATUS_CANCELLED,
        ),
        STATUS_ACCEPTED: (STATUS_CANCELLED,),
        STATUS_REFUSED: (STATUS_OFFERED, STATUS_WAITLISTED),
    }

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="wishes", null=True, blank=True
    )
    family = models.ForeignKey("families.Family", on_delete=models.PROTECT, related_name="+")
    child = models.ForeignKey("families.Child", on_delete=models.PROTECT, related_name="+")
    stay = models.ForeignKey("sejours.Stay", on_delete=models.PROTECT, related_name="wishes")
    rank = models.PositiveSmallIntegerField("vœu n°")
    transport = models.ForeignKey(
        "sejours.TransportOption",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="départ de",
    )
    together_with = models.ForeignKey(
        "families.Child",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="partir avec",
    )
    friend_name = models.CharField("partir avec (ami·e)", max_length=120, blank=True)
    comment = models.TextField("commentaire", blank=True)
    status = models.CharField(
        "état", max_length=12, choices=STATUS_CHOICES, default=STATUS_PENDING, db_index=True
    )
    waitlist_position = models.PositiveIntegerField("rang en liste d'attente", null=True)
    reason = models.TextField("motif", blank=True)
    created_at = models.DateTimeField("demandé le", default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    offered_at = models.DateTimeField("place attribuée le", null=True, blank=True)
    accept_by = models.DateField("à confirmer au plus tard le", null=True, blank=True)
    accepted_at = models.DateTimeField("confirmée le", null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    enrolment = models.ForeignKey(
        "booking.Enrolment", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    deposit_invoice = models.ForeignKey(
        "billing.Invoice", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    balance_invoice = models.ForeignKey(
        "billing.Invoice", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    price = models.DecimalField("prix", max_digits=10, decimal_places=2, null=True, blank=True)
    price_detail = models.JSONField("détail du prix", default=list, blank=True)
    cancelled_at = models.DateTimeField("annulée le", null=True, blank=True)
    cancel_reason = models.TextField("motif d'annulation", blank=True)
    cancel_medical = models.BooleanField("annulation sur certificat médical", default=False)
    # Each e-mail is sent once: the commission's decision, then the convocation before departure.
    decision_sent_at = models.DateTimeField("décision envoyée le", null=True, blank=True)
    convocation_sent_at = models.DateTimeField("convocation envoyée le", null=True, blank=True)

    class Meta:
        verbose_name = "vœu"
        verbose_name_plural = "vœux"
        ordering = ["child_id", "rank"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "child", "rank"],
                condition=Q(status__in=["pending", "offered", "accepted", "waitlisted"]),
                name="sejours_wish_rank_unique",
            ),
            models.UniqueConstraint(
                fields=["child", "stay"],
                condition=Q(status__in=["pending", "offered", "accepted", "waitlisted"]),
                name="sejours_wish_stay_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"Vœu {self.rank} de {self.child} pour {self.stay}"

    def can_move_to(self, status: str) -> bool:
        return status in self.TRANSITIONS.get(self.status, ())


class AllocationRun(models.Model):
    """One run of the automatic proposal: its inputs' seed and criteria, and its result."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="runs")
    seed = models.BigIntegerField("graine du tirage")
    criteria = ArrayField(models.CharField(max_length=40), verbose_name="critères")
    decisions = models.JSONField("décisions", default=dict)
    summary = models.JSONField("synthèse", default=dict)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField("lancée le", default=timezone.now)
    published_at = models.DateTimeField("publiée le", null=True, blank=True)

    class Meta:
        verbose_name = "proposition d'attribution"
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Proposition du {self.created_at:%d/%m/%Y %H:%M} (graine {self.seed})"


class ManualMove(models.Model):
    """A coordinator's change to a run's proposal, with its reason."""

    run = models.ForeignKey(AllocationRun, on_delete=models.CASCADE, related_name="moves")
    child = models.ForeignKey("families.Child", on_delete=models.PROTECT, related_name="+")
    from_stay = models.ForeignKey(
        "sejours.Stay", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    to_stay = models.ForeignKey(
        "sejours.Stay", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    to_status = models.CharField("décision", max_length=12)
    reason = models.TextField("motif")
    effect = models.JSONField("effet", default=list)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField("le", default=timezone.now)

    class Meta:
        verbose_name = "changement manuel"
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.child} : {self.to_status} ({self.reason})"
