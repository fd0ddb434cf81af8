"""A stay: the catalogue activity (``catalog.Activity`` of kind ``sejour``) and what only stays
have — theme, destination, price rule, deposit, balance date, cancellation scale, transport
options, per-stay documents, photos and brochure."""

from __future__ import annotations

import uuid
from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q

from core.documents.storage import tenant_folder
from modules.sejours import money as rules

MONEY = {"max_digits": 10, "decimal_places": 2}


def media_upload_to(instance, filename: str) -> str:
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"{tenant_folder()}/sejours/{uuid.uuid4().hex}.{extension}"


def default_cancellation_scale() -> list[dict]:
    # The seeds' usual scale: more than 30 days before departure the deposit is kept, later
    # half of the price; a medical certificate refunds everything (decided per cancellation).
    return [{"days_min": 31, "deposit": True}, {"days_min": 0, "percent": "50"}]


class Stay(models.Model):
    STATUS_OPEN = "open"
    STATUS_CANCELLED = "cancelled"
    STATUS_CHOICES = [(STATUS_OPEN, "Proposé"), (STATUS_CANCELLED, "Annulé")]

    PRICE_CHOICES = [
        (rules.PriceMethod.FLAT.value, "Prix fixe"),
        (rules.PriceMethod.QUOTIENT.value, "Selon le quotient familial"),
        (rules.PriceMethod.PER_DAY.value, "Prix par jour"),
    ]

    activity = models.OneToOneField(
        "catalog.Activity", on_delete=models.CASCADE, related_name="stay"
    )
    campaign = models.ForeignKey(
        "sejours.Campaign",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="stays",
        help_text="Vide : séjour réservé directement, sans vœux.",
    )
    theme = models.CharField("thème", max_length=80)
    destination = models.CharField("destination", max_length=150)
    country = models.CharField("pays", max_length=80, default="France")
    nautical = models.BooleanField("activités nautiques", default=False)
    capacity = models.PositiveIntegerField("places", validators=[MinValueValidator(1)])
    price_method = models.CharField(
        "tarification", max_length=12, choices=PRICE_CHOICES, default="flat"
    )
    price_amount = models.DecimalField("prix", **MONEY, null=True, blank=True)
    price_amount_exterior = models.DecimalField("prix extérieur", **MONEY, null=True, blank=True)
    price_brackets = models.JSONField(
        "tranches de quotient",
        default=list,
        blank=True,
        help_text="[{qf_min, qf_max, amount, amount_exterior}]",
    )
    deposit_amount = models.DecimalField("acompte (montant)", **MONEY, null=True, blank=True)
    deposit_percent = models.DecimalField(
        "acompte (%)", max_digits=5, decimal_places=2, null=True, blank=True
    )
    balance_days_before = models.PositiveSmallIntegerField(
        "solde facturé (jours avant le départ)", default=30
    )
    cancellation_scale = models.JSONField(
        "barème d'annulation", default=default_cancellation_scale, blank=True
    )
    document_types = models.ManyToManyField(
        "documents.DocumentType",
        blank=True,
        related_name="+",
        verbose_name="pièces propres au séjour",
    )
    trousseau = models.TextField("trousseau", blank=True)
    practical_info = models.TextField("informations pratiques", blank=True)
    status = models.CharField("état", max_length=12, choices=STATUS_CHOICES, default=STATUS_OPEN)
    cancelled_at = models.DateTimeField("annulé le", null=True, blank=True)
    cancel_reason = models.TextField("motif d'annulation", blank=True)
    copied_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "séjour"
        verbose_name_plural = "séjours"
        ordering = ["activity__start_date", "activity__name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(deposit_amount__isnull=True) | Q(deposit_percent__isnull=True),
                name="sejours_stay_one_deposit_rule",
            ),
        ]

    def __str__(self) -> str:
        return self.activity.name

    @property
    def abroad(self) -> bool:
        return self.country.strip().lower() not in ("", "france")

    @property
    def days(self) -> int:
        return (self.activity.end_date - self.activity.start_date).days + 1

    def deposit_rule(self) -> rules.DepositRule:
        if self.deposit_amount is not None:
            return rules.DepositRule(amount=self.deposit_amount)
        return rules.DepositRule(percent=self.deposit_percent or Decimal(30))

    def brackets(self) -> list[rules.Bracket]:
        return [
            rules.Bracket(
                qf_min=Decimal(str(b.get("qf_min") or 0)),
                qf_max=Decimal(str(b["qf_max"])) if b.get("qf_max") not in (None, "") else None,
                amount=Decimal(str(b["amount"])),
                amount_exterior=Decimal(str(b["amount_exterior"]))
                if b.get("amount_exterior") not in (None, "")
                else None,
            )
            for b in self.price_brackets
        ]

    def scale(self) -> list[rules.ScaleStep]:
        return [
            rules.ScaleStep(
                days_min=int(step["days_min"]),
                percent=Decimal(str(step["percent"])) if step.get("percent") is not None else None,
                deposit=bool(step.get("deposit")),
            )
            for step in self.cancellation_scale
        ]


class TransportOption(models.Model):
    """A departure city: its supplement and where and when the children meet."""

    stay = models.ForeignKey(Stay, on_delete=models.CASCADE, related_name="transports")
    city = models.CharField("ville de départ", max_length=80)
    supplement = models.DecimalField("supplément", **MONEY, default=Decimal("0.00"))
    meeting_place = models.CharField("lieu de rendez-vous", max_length=200)
    meeting_at = models.DateTimeField("rendez-vous le")
    return_at = models.DateTimeField("retour le", null=True, blank=True)
    order = models.PositiveSmallIntegerField("ordre", default=100)

    class Meta:
        verbose_name = "option de transport"
        verbose_name_plural = "options de transport"
        ordering = ["order", "city"]

    def __str__(self) -> str:
        return self.city


class StayMedia(models.Model):
    """A photo or the PDF brochure of a stay (public: shown in the catalogue)."""

    KIND_PHOTO = "photo"
    KIND_BROCHURE = "brochure"
    KIND_CHOICES = [(KIND_PHOTO, "Photo"), (KIND_BROCHURE, "Brochure")]

    stay = models.ForeignKey(Stay, on_delete=models.CASCADE, related_name="media")
    kind = models.CharField("type", max_length=10, choices=KIND_CHOICES)
    file = models.FileField("fichier", upload_to=media_upload_to, max_length=300)
    content_type = models.CharField(max_length=80)
    caption = models.CharField("légende", max_length=150, blank=True)
    order = models.PositiveSmallIntegerField("ordre", default=100)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = "média de séjour"
        ordering = ["kind", "order", "pk"]

    def __str__(self) -> str:
        return self.caption or self.get_kind_display()
