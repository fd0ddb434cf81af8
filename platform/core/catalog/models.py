"""The structure's catalogue: activities, their units (prestations), groups, closures and the
openings (unit × date × capacity) families book."""

from __future__ import annotations

from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.db import models

WEEKDAY_LABELS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]


def validate_weekdays(value: list[int]) -> None:
    if any(day not in range(7) for day in value):
        raise ValidationError("Les jours de la semaine vont de 0 (lundi) à 6 (dimanche).")


class Activity(models.Model):
    """What a child is enrolled in for a season or a dated period (e.g. "2025/2026 - ALAE
    Matin", "CLV Toussaint 2025")."""

    VALIDATION_AUTO = "auto"
    VALIDATION_STAFF = "staff"
    VALIDATION_CHOICES = [
        (VALIDATION_AUTO, "Automatique"),
        (VALIDATION_STAFF, "Par la structure"),
    ]
    CALENDAR_SCHOOL_DAYS = "school_days"
    CALENDAR_SCHOOL_HOLIDAYS = "school_holidays"
    CALENDAR_ALL = "all"
    CALENDAR_CHOICES = [
        (CALENDAR_SCHOOL_DAYS, "Période scolaire"),
        (CALENDAR_SCHOOL_HOLIDAYS, "Vacances scolaires"),
        (CALENDAR_ALL, "Toute l'année"),
    ]

    module = models.CharField("module", max_length=32)
    kind = models.CharField("type d'activité", max_length=40)
    name = models.CharField("nom", max_length=150)
    season = models.CharField("période", max_length=40, help_text="Par exemple 2025/2026.")
    start_date = models.DateField("début")
    end_date = models.DateField("fin")
    description = models.TextField("description", blank=True)
    place = models.CharField("lieu", max_length=150, blank=True)
    calendar = models.CharField(
        "jours d'ouverture", max_length=20, choices=CALENDAR_CHOICES, default=CALENDAR_SCHOOL_DAYS
    )
    min_age = models.PositiveSmallIntegerField("âge minimum", null=True, blank=True)
    max_age = models.PositiveSmallIntegerField("âge maximum", null=True, blank=True)
    school_levels = models.ManyToManyField(
        "families.SchoolLevel", blank=True, verbose_name="classes admises"
    )
    enrolment_opens_on = models.DateField("inscriptions à partir du", null=True, blank=True)
    enrolment_closes_on = models.DateField("inscriptions jusqu'au", null=True, blank=True)
    enrolment_validation = models.CharField(
        "validation des inscriptions",
        max_length=10,
        choices=VALIDATION_CHOICES,
        default=VALIDATION_STAFF,
    )
    booking_validation = models.CharField(
        "validation des réservations",
        max_length=10,
        choices=VALIDATION_CHOICES,
        default=VALIDATION_AUTO,
    )
    max_enrolments = models.PositiveIntegerField("inscriptions maximum", null=True, blank=True)
    booking_policy = models.ForeignKey(
        "booking.BookingPolicy",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="délai de réservation",
    )
    cancel_policy = models.ForeignKey(
        "booking.BookingPolicy",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="délai d'annulation",
        help_text="Vide : le même que pour réserver.",
    )
    horizon_days = models.PositiveSmallIntegerField(
        "horizon de réservation (jours)",
        null=True,
        blank=True,
        help_text="Jusqu'où à l'avance les familles peuvent réserver. Vide : toute la période.",
    )
    published = models.BooleanField("proposée aux familles", default=True)
    order = models.PositiveSmallIntegerField("ordre", default=100)

    class Meta:
        verbose_name = "activité"
        verbose_name_plural = "activités"
        ordering = ["order", "start_date", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="catalog_activity_dates",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.season} - {self.name}"

    def clean(self) -> None:
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": "La fin doit suivre le début."})
        if self.min_age is not None and self.max_age is not None and self.max_age < self.min_age:
            raise ValidationError({"max_age": "L'âge maximum doit dépasser l'âge minimum."})


class ActivityGroup(models.Model):
    """A group of an activity with its own capacity (e.g. maternelle / élémentaire)."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="groups")
    name = models.CharField("nom", max_length=80)
    capacity = models.PositiveIntegerField("places par jour", null=True, blank=True)
    school_levels = models.ManyToManyField(
        "families.SchoolLevel", blank=True, verbose_name="classes"
    )
    order = models.PositiveSmallIntegerField("ordre", default=100)

    class Meta:
        verbose_name = "groupe"
        verbose_name_plural = "groupes"
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class Unit(models.Model):
    """A bookable element of an activity (prestation): "Accueil du matin 7h30–8h20",
    "Midi + repas", "Journée complète"."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="units")
    name = models.CharField("nom", max_length=120)
    short_label = models.CharField("abréviation", max_length=12, blank=True)
    start_time = models.TimeField("début", null=True, blank=True)
    end_time = models.TimeField("fin", null=True, blank=True)
    with_meal = models.BooleanField("avec repas", default=False)
    weekdays = ArrayField(
        models.PositiveSmallIntegerField(),
        default=list,
        blank=True,
        validators=[validate_weekdays],
        verbose_name="jours de la semaine",
        help_text="0 = lundi … 6 = dimanche.",
    )
    capacity = models.PositiveIntegerField("places par jour", default=30)
    incompatible_with = models.ManyToManyField(
        "self", blank=True, symmetrical=True, verbose_name="incompatible avec"
    )
    requires = models.ManyToManyField(
        "self",
        blank=True,
        symmetrical=False,
        related_name="required_by",
        verbose_name="nécessite",
    )
    booking_policy = models.ForeignKey(
        "booking.BookingPolicy",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="délai de réservation (si différent de l'activité)",
    )
    cancel_policy = models.ForeignKey(
        "booking.BookingPolicy",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="délai d'annulation (si différent de l'activité)",
    )
    booked_on_enrolment = models.BooleanField(
        "réservée automatiquement à l'inscription",
        default=False,
        help_text="L'inscription validée réserve chaque jour d'ouverture de la période.",
    )
    order = models.PositiveSmallIntegerField("ordre", default=100)

    class Meta:
        verbose_name = "prestation"
        verbose_name_plural = "prestations"
        ordering = ["order", "start_time", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def label(self) -> str:
        return self.short_label or self.name


class Closure(models.Model):
    """A day or range the structure (or one activity) is closed: pont, formation, travaux."""

    label = models.CharField("motif", max_length=120)
    start_date = models.DateField("du")
    end_date = models.DateField("au")
    activity = models.ForeignKey(
        Activity,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="closures",
        verbose_name="activité (vide : toute la structure)",
    )

    class Meta:
        verbose_name = "fermeture"
        verbose_name_plural = "fermetures"
        ordering = ["start_date"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="catalog_closure_dates",
            ),
        ]

    def __str__(self) -> str:
        return self.label


class Opening(models.Model):
    """One unit open on one date (for one group), with its capacity and the places taken.

    ``booked`` counts the reservations holding a place; it only changes inside the booking
    transaction, under this row's lock, and the CHECK constraint refuses any write that would
    exceed the capacity, whatever the code path.
    """

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="openings")
    group = models.ForeignKey(
        ActivityGroup,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="openings",
    )
    date = models.DateField("date")
    capacity = models.PositiveIntegerField("places")
    booked = models.PositiveIntegerField("places prises", default=0)
    closed = models.BooleanField("fermé", default=False)
    note = models.CharField("remarque", max_length=150, blank=True)

    class Meta:
        verbose_name = "ouverture"
        verbose_name_plural = "ouvertures"
        ordering = ["date", "unit__order"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "group", "date"],
                name="catalog_opening_unique",
                nulls_distinct=False,
            ),
            models.CheckConstraint(
                condition=models.Q(booked__lte=models.F("capacity")),
                name="catalog_opening_capacity",
                violation_error_message="Plus de places réservées que la capacité.",
            ),
        ]
        indexes = [models.Index(fields=["date", "unit"])]

    def __str__(self) -> str:
        return f"{self.unit} — {self.date:%d/%m/%Y}"

    @property
    def free(self) -> int:
        return max(self.capacity - self.booked, 0)
