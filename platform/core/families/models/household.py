"""The household (foyer), its guardians and its declared resources."""

from __future__ import annotations

from datetime import date

import pghistory
from django.conf import settings
from django.db import connection, models
from django.utils import timezone

from core.families.validators import (
    validate_bic,
    validate_iban,
    validate_phone,
    validate_postal_code,
)


class AddressFields(models.Model):
    address_line1 = models.CharField("adresse", max_length=200, blank=True)
    address_line2 = models.CharField("complément d'adresse", max_length=200, blank=True)
    postal_code = models.CharField(
        "code postal", max_length=5, blank=True, validators=[validate_postal_code]
    )
    city = models.CharField("ville", max_length=120, blank=True)

    class Meta:
        abstract = True


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class Family(AddressFields):
    """A household: the unit that books, is invoiced and pays."""

    STATUS_EMAIL_UNCONFIRMED = "email_unconfirmed"
    STATUS_AWAITING_VALIDATION = "awaiting_validation"
    STATUS_ACTIVE = "active"
    STATUS_REFUSED = "refused"
    STATUS_CHOICES = [
        (STATUS_EMAIL_UNCONFIRMED, "E-mail à confirmer"),
        (STATUS_AWAITING_VALIDATION, "En attente de validation"),
        (STATUS_ACTIVE, "Actif"),
        (STATUS_REFUSED, "Refusé"),
    ]

    REGIME_CAF = "caf"
    REGIME_MSA = "msa"
    REGIME_OTHER = "other"
    REGIME_NONE = "none"
    REGIME_CHOICES = [
        (REGIME_CAF, "CAF"),
        (REGIME_MSA, "MSA"),
        (REGIME_OTHER, "Autre régime"),
        (REGIME_NONE, "Non allocataire"),
    ]

    MARITAL_CHOICES = [
        ("married", "Marié(e)s"),
        ("pacs", "Pacsé(e)s"),
        ("cohabiting", "Vie maritale"),
        ("single", "Célibataire"),
        ("separated", "Séparé(e)s"),
        ("divorced", "Divorcé(e)s"),
        ("widowed", "Veuf / veuve"),
    ]

    number = models.PositiveIntegerField("n° famille", unique=True, editable=False)
    name = models.CharField("nom de la famille", max_length=150)
    status = models.CharField(
        "état du compte", max_length=24, choices=STATUS_CHOICES, default=STATUS_ACTIVE
    )
    refusal_reason = models.TextField("motif du refus", blank=True)
    phone = models.CharField(
        "téléphone du domicile", max_length=20, blank=True, validators=[validate_phone]
    )
    email = models.EmailField("e-mail du foyer", blank=True)
    regime = models.CharField(
        "régime allocataire", max_length=8, choices=REGIME_CHOICES, blank=True
    )
    allocataire_number = models.CharField("n° allocataire", max_length=20, blank=True)
    marital_status = models.CharField(
        "situation familiale", max_length=12, choices=MARITAL_CHOICES, blank=True
    )
    account_holder = models.CharField("titulaire du compte", max_length=140, blank=True)
    iban = models.CharField("IBAN", max_length=34, blank=True, validators=[validate_iban])
    bic = models.CharField("BIC", max_length=11, blank=True, validators=[validate_bic])
    notes = models.TextField("notes internes", blank=True)
    created_at = models.DateTimeField("créé le", default=timezone.now, editable=False)
    validated_at = models.DateTimeField("validé le", null=True, blank=True, editable=False)
    anonymised_at = models.DateTimeField("anonymisé le", null=True, blank=True, editable=False)
    last_activity_at = models.DateTimeField("dernière activité", default=timezone.now)

    class Meta:
        verbose_name = "famille"
        verbose_name_plural = "familles"
        ordering = ["name", "number"]
        indexes = [models.Index(fields=["status"])]

    def __str__(self) -> str:
        return f"{self.name} (n° {self.number})"

    def save(self, *args, **kwargs) -> None:
        if self.number is None:
            # A sequence per schema: numbers are per structure, never reused.
            with connection.cursor() as cursor:
                cursor.execute("SELECT nextval('families_family_number_seq')")
                self.number = cursor.fetchone()[0]
        super().save(*args, **kwargs)

    # State transitions ---------------------------------------------------------------------
    def email_confirmed(self, *, requires_validation: bool) -> None:
        if self.status != self.STATUS_EMAIL_UNCONFIRMED:
            return
        if requires_validation:
            self.status = self.STATUS_AWAITING_VALIDATION
        else:
            self.status = self.STATUS_ACTIVE
            self.validated_at = timezone.now()
        self.save(update_fields=["status", "validated_at"])

    def validate(self) -> None:
        if self.status not in (self.STATUS_AWAITING_VALIDATION, self.STATUS_REFUSED):
            raise ValueError("Ce compte n'est pas en attente de validation.")
        self.status = self.STATUS_ACTIVE
        self.refusal_reason = ""
        self.validated_at = timezone.now()
        self.save(update_fields=["status", "refusal_reason", "validated_at"])

    def refuse(self, *, reason: str) -> None:
        if self.status != self.STATUS_AWAITING_VALIDATION:
            raise ValueError("Ce compte n'est pas en attente de validation.")
        self.status = self.STATUS_REFUSED
        self.refusal_reason = reason
        self.save(update_fields=["status", "refusal_reason"])

    @property
    def is_anonymised(self) -> bool:
        return self.anonymised_at is not None


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class Guardian(AddressFields):
    """An adult of the household (responsable); may have a login of their own."""

    CIVILITY_CHOICES = [("mme", "Madame"), ("m", "Monsieur")]

    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="guardians")
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="guardian",
    )
    is_primary = models.BooleanField("responsable principal", default=False)
    civility = models.CharField("civilité", max_length=3, choices=CIVILITY_CHOICES, blank=True)
    first_name = models.CharField("prénom", max_length=150)
    last_name = models.CharField("nom", max_length=150)
    birth_date = models.DateField("date de naissance", null=True, blank=True)
    phone_mobile = models.CharField(
        "téléphone portable", max_length=20, blank=True, validators=[validate_phone]
    )
    phone_home = models.CharField(
        "téléphone domicile", max_length=20, blank=True, validators=[validate_phone]
    )
    phone_work = models.CharField(
        "téléphone professionnel", max_length=20, blank=True, validators=[validate_phone]
    )
    email = models.EmailField("e-mail", blank=True)
    profession = models.CharField("profession", max_length=120, blank=True)
    employer = models.CharField("employeur", max_length=150, blank=True)
    lives_elsewhere = models.BooleanField(
        "adresse différente de celle du foyer (parents séparés)", default=False
    )
    email_consent = models.BooleanField("accepte les e-mails", default=True)
    sms_consent = models.BooleanField("accepte les SMS", default=False)

    class Meta:
        verbose_name = "responsable"
        verbose_name_plural = "responsables"
        ordering = ["-is_primary", "last_name", "first_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["family"],
                condition=models.Q(is_primary=True),
                name="families_one_primary_guardian",
            )
        ]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def category(self) -> str:
        """The "Mes demandes" type of a change to this guardian."""
        return "responsable" if self.is_primary else "conjoint"


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class QuotientDeclaration(models.Model):
    """A quotient familial value valid over dates, with its proof.

    A family's declaration is pending until staff accept it (with its proof): only accepted
    declarations price anything.
    """

    STATUS_PENDING = "pending"
    STATUS_ACCEPTED = "accepted"
    STATUS_REFUSED = "refused"
    STATUS_CHOICES = [
        (STATUS_PENDING, "En attente de vérification"),
        (STATUS_ACCEPTED, "Accepté"),
        (STATUS_REFUSED, "Refusé"),
    ]
    SOURCE_FAMILY = "family"
    SOURCE_STAFF = "staff"

    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="quotients")
    value = models.PositiveIntegerField("quotient familial")
    valid_from = models.DateField("valable du")
    valid_until = models.DateField("au", null=True, blank=True)
    source = models.CharField(
        "source",
        max_length=12,
        choices=[
            (SOURCE_FAMILY, "Déclaré par la famille"),
            (SOURCE_STAFF, "Saisi par la structure"),
        ],
        default=SOURCE_FAMILY,
    )
    proof = models.ForeignKey(
        "documents.Document",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="justificatif",
    )
    status = models.CharField("état", max_length=10, choices=STATUS_CHOICES, default=STATUS_PENDING)
    reason = models.TextField("motif du refus", blank=True)
    decided_at = models.DateTimeField("vérifié le", null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = "quotient familial"
        verbose_name_plural = "quotients familiaux"
        ordering = ["-valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_until__isnull=True)
                | models.Q(valid_until__gte=models.F("valid_from")),
                name="families_quotient_dates_ordered",
            )
        ]

    def __str__(self) -> str:
        return f"QF {self.value} dès le {self.valid_from:%d/%m/%Y}"

    def decide(self, *, accept: bool, reason: str = "") -> None:
        if self.status != self.STATUS_PENDING:
            raise ValueError("Ce quotient a déjà été vérifié.")
        self.status = self.STATUS_ACCEPTED if accept else self.STATUS_REFUSED
        self.reason = reason
        self.decided_at = timezone.now()
        self.save(update_fields=["status", "reason", "decided_at"])

    def covers(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_until is None or day <= self.valid_until)


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class AnnualResources(models.Model):
    """The household's yearly resources (crèche: year N-2), for the effort-rate pricing."""

    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="resources")
    year = models.PositiveSmallIntegerField("année des revenus")
    amount = models.DecimalField("montant annuel (€)", max_digits=10, decimal_places=2)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = "ressources annuelles"
        verbose_name_plural = "ressources annuelles"
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["family", "year"], name="families_resources_year"),
            models.CheckConstraint(
                condition=models.Q(amount__gte=0), name="families_resources_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"Ressources {self.year} : {self.amount} €"
