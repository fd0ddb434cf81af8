"""Who families write to: the structure's services, their themes, which roles read them, and the
structure's communication settings."""

from __future__ import annotations

from django.contrib.postgres.fields import ArrayField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

# The service every structure has, whatever its modules (« Accueil / mairie »).
RECEPTION_KEY = "accueil"


class CommunicationSettings(models.Model):
    """One row per structure (pk=1): attachment limits and channels."""

    max_attachments = models.PositiveSmallIntegerField(
        "pièces jointes par message",
        default=3,
        validators=[MinValueValidator(0), MaxValueValidator(10)],
    )
    max_attachment_mb = models.PositiveSmallIntegerField(
        "taille maximale d'une pièce jointe (Mo)",
        default=6,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
    )
    sms_enabled = models.BooleanField(
        "SMS pour les annonces urgentes",
        default=False,
        help_text="Envoyés aux seuls responsables qui ont accepté les SMS.",
    )
    sms_sender = models.CharField(
        "expéditeur des SMS", max_length=11, blank=True, help_text="11 caractères au plus."
    )

    class Meta:
        verbose_name = "réglages de la communication"
        verbose_name_plural = "réglages de la communication"

    def __str__(self) -> str:
        return "Réglages de la communication"

    @classmethod
    def current(cls) -> CommunicationSettings:
        settings, _ = cls.objects.get_or_create(pk=1)
        return settings


class Service(models.Model):
    """A desk of the structure families write to (« Accueil / mairie », « Crèche »…)."""

    key = models.SlugField("identifiant", max_length=40, unique=True)
    label = models.CharField("nom", max_length=80)
    module = models.CharField(
        "module", max_length=32, blank=True, help_text="Vide : service commun à la structure."
    )
    order = models.PositiveSmallIntegerField("ordre", default=0)
    active = models.BooleanField("proposé aux familles", default=True)

    class Meta:
        verbose_name = "service"
        verbose_name_plural = "services"
        ordering = ["order", "label"]

    def __str__(self) -> str:
        return self.label


class Theme(models.Model):
    """What a message is about, per service (« Absence », « Facturation »…)."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="themes")
    label = models.CharField("thème", max_length=80)
    order = models.PositiveSmallIntegerField("ordre", default=0)
    active = models.BooleanField("proposé aux familles", default=True)

    class Meta:
        verbose_name = "thème"
        verbose_name_plural = "thèmes"
        ordering = ["service", "order", "label"]
        constraints = [
            models.UniqueConstraint(fields=["service", "label"], name="communication_theme_unique")
        ]

    def __str__(self) -> str:
        return self.label


class ServiceAccess(models.Model):
    """The services a staff role reads (administrateur and gestionnaire read them all)."""

    role = models.CharField("rôle", max_length=40, unique=True)
    services = ArrayField(models.SlugField(max_length=40), verbose_name="services", default=list)

    class Meta:
        verbose_name = "accès aux services"
        verbose_name_plural = "accès aux services"

    def __str__(self) -> str:
        return self.role


class QuickReply(models.Model):
    """A saved text staff insert in a reply."""

    title = models.CharField("titre", max_length=80, unique=True)
    text = models.TextField("texte")

    class Meta:
        verbose_name = "réponse rapide"
        verbose_name_plural = "réponses rapides"
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title
