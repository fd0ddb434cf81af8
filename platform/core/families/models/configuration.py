"""What each structure configures about its families' files (lists, consents, policies)."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models


class DossierSettings(models.Model):
    """One row per structure (pk=1): how families get an account and what they may change."""

    SIGNUP_STAFF_ONLY = "staff_only"
    SIGNUP_SELF = "self"
    SIGNUP_CHOICES = [
        (SIGNUP_STAFF_ONLY, "Comptes créés par la structure"),
        (SIGNUP_SELF, "Inscription en ligne par les familles"),
    ]

    signup_mode = models.CharField(
        "création des comptes", max_length=20, choices=SIGNUP_CHOICES, default=SIGNUP_STAFF_ONLY
    )
    signup_requires_validation = models.BooleanField(
        "les comptes créés en ligne sont validés par la structure", default=True
    )
    email_change_by_staff_only = models.BooleanField(
        "seule la structure modifie les adresses e-mail", default=True
    )
    max_upload_mb = models.PositiveSmallIntegerField(
        "taille maximale d'un document (Mo)",
        default=6,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
    )
    retention_years = models.PositiveSmallIntegerField(
        "conservation des dossiers inactifs (années)",
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(30)],
        help_text="Durée après la dernière activité au-delà de laquelle un dossier est anonymisé.",
    )

    class Meta:
        verbose_name = "réglages des dossiers familles"
        verbose_name_plural = "réglages des dossiers familles"

    def __str__(self) -> str:
        return "Réglages des dossiers familles"

    @classmethod
    def current(cls) -> DossierSettings:
        obj, _ = cls.objects.get_or_create(pk=1)
        return obj


class OrderedLabel(models.Model):
    label = models.CharField("libellé", max_length=120)
    order = models.PositiveIntegerField("ordre", default=0)
    active = models.BooleanField("proposé aux familles", default=True)

    class Meta:
        abstract = True
        ordering = ["order", "label"]

    def __str__(self) -> str:
        return self.label


class MealType(OrderedLabel):
    """The structure's meal types ("sans porc", "végétarien"…): never a religious field."""

    class Meta(OrderedLabel.Meta):
        verbose_name = "type de repas"
        verbose_name_plural = "types de repas"


class SchoolLevel(OrderedLabel):
    class Meta(OrderedLabel.Meta):
        verbose_name = "niveau scolaire"
        verbose_name_plural = "niveaux scolaires"


class AuthorisationQuestion(OrderedLabel):
    """A yes/no question asked for each child (droit à l'image, sorties, rentrer seul…)."""

    description = models.TextField("précisions", blank=True)
    required = models.BooleanField("réponse obligatoire", default=True)

    class Meta(OrderedLabel.Meta):
        verbose_name = "autorisation"
        verbose_name_plural = "autorisations"


class ConsentType(OrderedLabel):
    """A GDPR consent every guardian answers at first login, before anything else."""

    text = models.TextField("texte présenté")
    covers_health = models.BooleanField(
        "porte sur les données médicales",
        default=False,
        help_text="Si la famille refuse, ses enfants n'ont pas de données de santé en ligne.",
    )
    required = models.BooleanField(
        "acceptation nécessaire",
        default=False,
        help_text="Si coché, un refus est signalé dans ce qu'il reste à compléter.",
    )

    class Meta(OrderedLabel.Meta):
        verbose_name = "consentement"
        verbose_name_plural = "consentements"


class FieldPolicy(models.Model):
    """A structure's choice for one field of the file (defaults in ``families/fields.py``)."""

    MODE_HIDDEN = "hidden"
    MODE_READ_ONLY = "read_only"
    MODE_EDITABLE = "editable"
    MODE_VALIDATED = "validated"
    MODE_CHOICES = [
        (MODE_HIDDEN, "Masqué"),
        (MODE_READ_ONLY, "Lecture seule"),
        (MODE_EDITABLE, "Modifiable"),
        (MODE_VALIDATED, "Modifiable avec validation"),
    ]

    field = models.CharField("champ", max_length=60, unique=True)
    mode = models.CharField("mode", max_length=12, choices=MODE_CHOICES)
    required = models.BooleanField("obligatoire", default=False)

    class Meta:
        verbose_name = "règle de saisie"
        verbose_name_plural = "règles de saisie"
        ordering = ["field"]

    def __str__(self) -> str:
        return f"{self.field}: {self.get_mode_display()}"
