"""Conversations between a family and a service of the structure."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from core.communication.storage import message_upload_to
from core.errors import DomainError


class Thread(models.Model):
    """A conversation: nouveau until staff answer or take it, en cours, clos."""

    STATE_NEW = "new"
    STATE_OPEN = "open"
    STATE_CLOSED = "closed"
    STATE_CHOICES = [(STATE_NEW, "Nouveau"), (STATE_OPEN, "En cours"), (STATE_CLOSED, "Clos")]

    family = models.ForeignKey("families.Family", on_delete=models.CASCADE, related_name="threads")
    service = models.ForeignKey(
        "communication.Service", on_delete=models.PROTECT, related_name="threads"
    )
    theme = models.ForeignKey(
        "communication.Theme",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="threads",
    )
    child = models.ForeignKey(
        "families.Child", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    subject = models.CharField("objet", max_length=150)
    state = models.CharField("état", max_length=8, choices=STATE_CHOICES, default=STATE_NEW)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_threads",
        verbose_name="attribué à",
    )
    created_at = models.DateTimeField(default=timezone.now)
    last_message_at = models.DateTimeField(default=timezone.now, db_index=True)
    # The last message a family can see: what its list orders and marks unread by.
    last_family_visible_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "conversation"
        verbose_name_plural = "conversations"
        ordering = ["-last_message_at"]
        indexes = [
            models.Index(fields=["family", "-last_family_visible_at"]),
            models.Index(fields=["service", "state", "-last_message_at"]),
        ]

    def __str__(self) -> str:
        return self.subject

    def open(self) -> None:
        if self.state == self.STATE_NEW:
            self.state = self.STATE_OPEN

    def close(self) -> None:
        if self.state == self.STATE_CLOSED:
            raise DomainError("Cette conversation est déjà close.")
        self.state = self.STATE_CLOSED

    def reopen(self) -> None:
        if self.state != self.STATE_CLOSED:
            raise DomainError("Cette conversation n'est pas close.")
        self.state = self.STATE_OPEN


class Message(models.Model):
    """One message of a thread; staff notes (``internal``) are never shown to the family."""

    SIDE_FAMILY = "family"
    SIDE_STAFF = "staff"
    SIDE_CHOICES = [(SIDE_FAMILY, "Famille"), (SIDE_STAFF, "Structure")]

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    side = models.CharField(max_length=6, choices=SIDE_CHOICES)
    text = models.TextField("message")
    internal = models.BooleanField("note interne", default=False)
    created_at = models.DateTimeField(default=timezone.now)
    # Stamped by the notification task under a row lock: one e-mail per message.
    notified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "message"
        verbose_name_plural = "messages"
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["thread", "created_at"])]

    def __str__(self) -> str:
        return f"Message {self.pk}"


class Attachment(models.Model):
    """A file of a message (PDF, JPEG or PNG, checked by content)."""

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=message_upload_to, max_length=255)
    original_name = models.CharField("nom du fichier", max_length=255)
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField("taille (octets)")

    class Meta:
        verbose_name = "pièce jointe"
        verbose_name_plural = "pièces jointes"
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.original_name


class ReadMark(models.Model):
    """Until when a user has read a thread: later messages are unread for them."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="read_marks")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    read_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["thread", "user"], name="communication_readmark_unique")
        ]

    def __str__(self) -> str:
        return f"{self.thread_id} lu par {self.user_id}"
