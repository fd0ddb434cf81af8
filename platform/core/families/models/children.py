"""Children, their health record, the persons around them and their authorisations."""

from __future__ import annotations

import pghistory
from django.conf import settings
from django.db import models
from django.utils import timezone

from core.families.models.configuration import AuthorisationQuestion, MealType, SchoolLevel
from core.families.models.household import Family, Guardian
from core.families.validators import (
    validate_birth_date,
    validate_phone,
    validate_vaccination_date,
)


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class Child(models.Model):
    SEX_CHOICES = [("F", "Fille"), ("M", "Garçon")]

    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="children")
    first_name = models.CharField("prénom", max_length=150)
    last_name = models.CharField("nom", max_length=150)
    birth_date = models.DateField("date de naissance", validators=[validate_birth_date])
    sex = models.CharField("sexe", max_length=1, choices=SEX_CHOICES, blank=True)
    school_name = models.CharField("école", max_length=150, blank=True)
    school_level = models.ForeignKey(
        SchoolLevel,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name="classe",
    )
    # Health record (fiche sanitaire).
    doctor_name = models.CharField("médecin traitant", max_length=150, blank=True)
    doctor_phone = models.CharField(
        "téléphone du médecin", max_length=20, blank=True, validators=[validate_phone]
    )
    allergies = models.TextField("allergies", blank=True)
    has_pai = models.BooleanField("PAI (projet d'accueil individualisé)", default=False)
    pai_details = models.TextField("précisions sur le PAI", blank=True)
    meal_type = models.ForeignKey(
        MealType,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name="type de repas",
    )
    wears_glasses = models.BooleanField("porte des lunettes", default=False)
    health_notes = models.TextField(
        "recommandations (santé, comportement…)",
        blank=True,
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = "enfant"
        verbose_name_plural = "enfants"
        ordering = ["birth_date", "first_name"]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class GuardianChildLink(models.Model):
    """How a guardian relates to one child of the household."""

    RELATION_CHOICES = [
        ("mother", "Mère"),
        ("father", "Père"),
        ("step_parent", "Beau-parent"),
        ("grand_parent", "Grand-parent"),
        ("tutor", "Tuteur / tutrice"),
        ("foster", "Famille d'accueil"),
        ("other", "Autre"),
    ]

    guardian = models.ForeignKey(Guardian, on_delete=models.CASCADE, related_name="child_links")
    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="guardian_links")
    relation = models.CharField("lien", max_length=16, choices=RELATION_CHOICES)
    has_parental_authority = models.BooleanField("autorité parentale", default=True)

    class Meta:
        verbose_name = "lien responsable-enfant"
        verbose_name_plural = "liens responsable-enfant"
        constraints = [
            models.UniqueConstraint(fields=["guardian", "child"], name="families_link_unique")
        ]

    def __str__(self) -> str:
        return f"{self.guardian} – {self.get_relation_display()} de {self.child}"


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class Vaccination(models.Model):
    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="vaccinations")
    vaccine = models.CharField("vaccin", max_length=120)
    date = models.DateField("date", validators=[validate_vaccination_date])

    class Meta:
        verbose_name = "vaccination"
        verbose_name_plural = "vaccinations"
        ordering = ["vaccine", "date"]

    def __str__(self) -> str:
        return f"{self.vaccine} ({self.date:%d/%m/%Y})"


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class AuthorisedPerson(models.Model):
    """Someone to call in an emergency and/or allowed to pick the child up."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="authorised_persons")
    name = models.CharField("nom et prénom", max_length=150)
    relation = models.CharField("lien avec l'enfant", max_length=80)
    phone = models.CharField("téléphone", max_length=20, validators=[validate_phone])
    can_pick_up = models.BooleanField("autorisé(e) à venir chercher l'enfant", default=True)
    is_emergency_contact = models.BooleanField("à prévenir en cas d'urgence", default=True)

    class Meta:
        verbose_name = "personne autorisée"
        verbose_name_plural = "personnes autorisées"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class AuthorisationAnswer(models.Model):
    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="authorisations")
    # PROTECT: a question that was answered is switched off, never deleted with the answers.
    question = models.ForeignKey(
        AuthorisationQuestion, on_delete=models.PROTECT, related_name="answers"
    )
    value = models.BooleanField("réponse")
    answered_at = models.DateTimeField(default=timezone.now)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "réponse à une autorisation"
        verbose_name_plural = "réponses aux autorisations"
        constraints = [
            models.UniqueConstraint(fields=["child", "question"], name="families_auth_unique")
        ]

    def __str__(self) -> str:
        return f"{self.question} : {'oui' if self.value else 'non'}"
