"""Files the structure offers (Téléchargements) and files families send (Mes envois)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from core.communication.storage import download_upload_to, submission_upload_to


class Download(models.Model):
    """A document offered to every family (règlement intérieur, menus…)."""

    title = models.CharField("titre", max_length=150)
    description = models.CharField("description", max_length=300, blank=True)
    module = models.CharField("module", max_length=32, blank=True, help_text="Vide : tous.")
    season = models.CharField("période", max_length=40, blank=True)
    file = models.FileField(upload_to=download_upload_to, max_length=255)
    original_name = models.CharField("nom du fichier", max_length=255)
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField("taille (octets)")
    publish_at = models.DateTimeField("publication", default=timezone.now)
    expire_at = models.DateTimeField("retrait", null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "document à télécharger"
        verbose_name_plural = "documents à télécharger"
        ordering = ["module", "-publish_at", "title"]

    def __str__(self) -> str:
        return self.title


class FamilySubmission(models.Model):
    """A file a family sends that is not a required document (« Mes envois »)."""

    family = models.ForeignKey(
        "families.Family", on_delete=models.CASCADE, related_name="submissions"
    )
    child = models.ForeignKey(
        "families.Child", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    thread = models.ForeignKey(
        "communication.Thread",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="submissions",
    )
    title = models.CharField("objet", max_length=150)
    comment = models.TextField("commentaire", blank=True)
    file = models.FileField(upload_to=submission_upload_to, max_length=255)
    original_name = models.CharField("nom du fichier", max_length=255)
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField("taille (octets)")
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    seen_at = models.DateTimeField("vu par la structure", null=True, blank=True)

    class Meta:
        verbose_name = "envoi d'une famille"
        verbose_name_plural = "envois des familles"
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    def mark_seen(self) -> bool:
        """Stamp the first time staff open or acknowledge it; later calls keep that instant.
        Returns whether it changed."""
        if self.seen_at is not None:
            return False
        self.seen_at = timezone.now()
        self.save(update_fields=["seen_at"])
        return True
