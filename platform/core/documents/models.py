"""Required document types, the files families send, and their review."""

from __future__ import annotations

import uuid

import pghistory
from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils import timezone

from core.documents.storage import document_upload_to, template_upload_to


class DocumentType(models.Model):
    """A document the structure asks for (pièce obligatoire), for the family or each child."""

    SCOPE_FAMILY = "family"
    SCOPE_CHILD = "child"
    SCOPE_CHOICES = [(SCOPE_FAMILY, "Pour la famille"), (SCOPE_CHILD, "Pour chaque enfant")]

    VALIDITY_SCHOOL_YEAR = "school_year"
    VALIDITY_DATED = "dated"
    VALIDITY_PERMANENT = "permanent"
    VALIDITY_CHOICES = [
        (VALIDITY_SCHOOL_YEAR, "Valable pour l'année scolaire"),
        (VALIDITY_DATED, "Valable jusqu'à une date (indiquée au dépôt)"),
        (VALIDITY_PERMANENT, "Permanent"),
    ]

    EDITION_NONE = ""
    EDITION_HEALTH_FORM = "health_form"
    EDITION_CHOICES = [
        (EDITION_NONE, "Aucun"),
        (EDITION_HEALTH_FORM, "Fiche sanitaire de liaison pré-remplie"),
    ]

    name = models.CharField("nom", max_length=150)
    description = models.TextField("consignes", blank=True)
    scope = models.CharField("concerne", max_length=8, choices=SCOPE_CHOICES)
    modules = ArrayField(
        models.CharField(max_length=40),
        verbose_name="exigé pour les modules",
        blank=True,
        default=list,
        help_text="Vide : exigé de toutes les familles.",
    )
    activity_kinds = ArrayField(
        models.CharField(max_length=60),
        verbose_name="exigé pour les types d'activité",
        blank=True,
        default=list,
        help_text="Vide : tous les types d'activité des modules choisis.",
    )
    required = models.BooleanField("obligatoire", default=True)
    validity = models.CharField(
        "validité", max_length=12, choices=VALIDITY_CHOICES, default=VALIDITY_SCHOOL_YEAR
    )
    template = models.FileField(
        "modèle à télécharger", upload_to=template_upload_to, blank=True, max_length=300
    )
    edition = models.CharField(
        "modèle pré-rempli", max_length=20, choices=EDITION_CHOICES, blank=True
    )
    requires_review = models.BooleanField("vérifié par la structure", default=True)
    order = models.PositiveIntegerField("ordre", default=0)
    active = models.BooleanField("actif", default=True)
    # "<module>.<code>" of the module default this row was installed from (blank for the
    # staff's own types): re-installing defaults finds it even after staff renamed it.
    default_key = models.CharField("modèle d'origine", max_length=80, blank=True, editable=False)

    class Meta:
        verbose_name = "type de document"
        verbose_name_plural = "types de document"
        ordering = ["order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["default_key"],
                condition=~models.Q(default_key=""),
                name="documents_type_default_key_unique",
            )
        ]

    def __str__(self) -> str:
        return self.name


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent())
class Document(models.Model):
    """A file a family sent for one document type (and one child when the type is per child)."""

    STATUS_AWAITING_REVIEW = "awaiting_review"
    STATUS_ACCEPTED = "accepted"
    STATUS_REJECTED = "rejected"
    STATUS_EXPIRED = "expired"
    STATUS_CHOICES = [
        (STATUS_AWAITING_REVIEW, "En attente de vérification"),
        (STATUS_ACCEPTED, "Accepté"),
        (STATUS_REJECTED, "Refusé"),
        (STATUS_EXPIRED, "Expiré"),
    ]

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    family = models.ForeignKey(
        "families.Family", on_delete=models.CASCADE, related_name="documents"
    )
    child = models.ForeignKey(
        "families.Child",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="documents",
    )
    document_type = models.ForeignKey(
        DocumentType, on_delete=models.PROTECT, related_name="documents"
    )
    file = models.FileField(upload_to=document_upload_to, max_length=300)
    original_name = models.CharField("nom du fichier", max_length=255)
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField("taille (octets)")
    status = models.CharField(
        "état", max_length=16, choices=STATUS_CHOICES, default=STATUS_AWAITING_REVIEW
    )
    rejection_reason = models.TextField("motif du refus", blank=True)
    valid_until = models.DateField("valable jusqu'au", null=True, blank=True)
    uploaded_at = models.DateTimeField("déposé le", default=timezone.now)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reviewed_at = models.DateTimeField("vérifié le", null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "document"
        verbose_name_plural = "documents"
        ordering = ["-uploaded_at"]
        indexes = [models.Index(fields=["status", "uploaded_at"])]

    def __str__(self) -> str:
        return f"{self.document_type} – {self.original_name}"

    # State transitions ---------------------------------------------------------------------
    def accept(self, *, by) -> None:
        self._review(self.STATUS_ACCEPTED, by=by, reason="")

    def reject(self, *, by, reason: str) -> None:
        self._review(self.STATUS_REJECTED, by=by, reason=reason)

    def _review(self, status: str, *, by, reason: str) -> None:
        if self.status != self.STATUS_AWAITING_REVIEW:
            raise ValueError("Ce document a déjà été vérifié.")
        self.status = status
        self.rejection_reason = reason
        self.reviewed_at = timezone.now()
        self.reviewed_by = by
        self.save(update_fields=["status", "rejection_reason", "reviewed_at", "reviewed_by"])

    def expire(self) -> None:
        if self.status in (self.STATUS_ACCEPTED, self.STATUS_AWAITING_REVIEW):
            self.status = self.STATUS_EXPIRED
            self.save(update_fields=["status"])
