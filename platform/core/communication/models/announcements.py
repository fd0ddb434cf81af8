"""Announcements: one message from the structure to a targeted set of families."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from core.communication.storage import announcement_upload_to
from core.errors import DomainError


class Announcement(models.Model):
    """Written as a draft, queued for sending, sent in batches by a task (decision 0025)."""

    STATE_DRAFT = "draft"
    STATE_QUEUED = "queued"
    STATE_SENDING = "sending"
    STATE_SENT = "sent"
    STATE_CHOICES = [
        (STATE_DRAFT, "Brouillon"),
        (STATE_QUEUED, "En file d'envoi"),
        (STATE_SENDING, "Envoi en cours"),
        (STATE_SENT, "Envoyée"),
    ]

    title = models.CharField("titre", max_length=150)
    text = models.TextField("texte", help_text="Texte enrichi, nettoyé par le serveur.")
    # A list of criteria (services/targets.py): [{"kind": "module", "module": "periscolaire"}…]
    target = models.JSONField("destinataires", default=list)
    by_email = models.BooleanField("par e-mail", default=True)
    urgent = models.BooleanField(
        "urgente", default=False, help_text="Aussi par SMS, si la structure l'a activé."
    )
    state = models.CharField("état", max_length=8, choices=STATE_CHOICES, default=STATE_DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    queued_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    recipients_count = models.PositiveIntegerField("destinataires", default=0)
    families_count = models.PositiveIntegerField("familles", default=0)

    class Meta:
        verbose_name = "annonce"
        verbose_name_plural = "annonces"
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    def queue(self) -> None:
        if self.state != self.STATE_DRAFT:
            raise DomainError("Cette annonce a déjà été envoyée.")
        self.state = self.STATE_QUEUED
        self.queued_at = timezone.now()

    def start_sending(self) -> None:
        if self.state == self.STATE_QUEUED:
            self.state = self.STATE_SENDING

    def finish(self) -> None:
        if self.state in (self.STATE_QUEUED, self.STATE_SENDING):
            self.state = self.STATE_SENT
            self.sent_at = timezone.now()


class AnnouncementAttachment(models.Model):
    announcement = models.ForeignKey(
        Announcement, on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(upload_to=announcement_upload_to, max_length=255)
    original_name = models.CharField("nom du fichier", max_length=255)
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField("taille (octets)")

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.original_name


class AnnouncementRecipient(models.Model):
    """One guardian reached by an announcement: the row is the portal delivery; e-mail and SMS
    are stamped once sent (never twice: the unique pair and the stamps)."""

    announcement = models.ForeignKey(
        Announcement, on_delete=models.CASCADE, related_name="recipients"
    )
    guardian = models.ForeignKey("families.Guardian", on_delete=models.CASCADE, related_name="+")
    family = models.ForeignKey("families.Family", on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    # Delivery state of each channel: null = still to do; ``*_skipped`` = not for this guardian.
    emailed_at = models.DateTimeField(null=True, blank=True)
    email_skipped = models.BooleanField(default=False)
    sms_at = models.DateTimeField(null=True, blank=True)
    sms_skipped = models.BooleanField(default=False)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["announcement", "guardian"], name="communication_recipient_unique"
            )
        ]
        indexes = [
            models.Index(fields=["guardian", "-created_at"]),
            models.Index(
                fields=["announcement"],
                condition=models.Q(emailed_at__isnull=True, email_skipped=False),
                name="communication_recipient_todo",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.announcement_id} → {self.guardian_id}"
