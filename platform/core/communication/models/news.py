"""News items (Actualités) and home messages (message d'accueil)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from core.communication.storage import news_upload_to

# Audiences: everyone with a login, staff only, or the families of one module (its id).
AUDIENCE_ALL = "all"
AUDIENCE_FAMILIES = "families"
AUDIENCE_STAFF = "staff"


class NewsItem(models.Model):
    """An Actualité, shown from ``publish_at`` until ``expire_at``; ``public`` ones also to
    visitors of the structure's public page."""

    title = models.CharField("titre", max_length=150)
    text = models.TextField("texte", help_text="Texte enrichi, nettoyé par le serveur.")
    image = models.ImageField("image", upload_to=news_upload_to, max_length=255, blank=True)
    image_alt = models.CharField("description de l'image", max_length=200, blank=True)
    audience = models.CharField(
        "public",
        max_length=32,
        default=AUDIENCE_ALL,
        help_text="all (tout le monde), staff (personnel) ou l'identifiant d'un module.",
    )
    public = models.BooleanField("visible sur la page publique", default=False)
    pinned = models.BooleanField("épinglée", default=False)
    publish_at = models.DateTimeField("publication", default=timezone.now)
    expire_at = models.DateTimeField("expiration", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "actualité"
        verbose_name_plural = "actualités"
        ordering = ["-pinned", "-publish_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    def status(self, now=None) -> str:
        """« Programmée » before ``publish_at``, « Expirée » from ``expire_at``, else
        « Publiée »."""
        now = now or timezone.now()
        if self.publish_at > now:
            return "Programmée"
        if self.expire_at is not None and self.expire_at <= now:
            return "Expirée"
        return "Publiée"


class HomeMessage(models.Model):
    """The message at the top of the home page, one per audience (families, staff, module)."""

    audience = models.CharField("public", max_length=32, unique=True)
    text = models.TextField("message", blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "message d'accueil"
        verbose_name_plural = "messages d'accueil"
        ordering = ["audience"]

    def __str__(self) -> str:
        return self.audience
