"""Serializers of the news part: actualités, home messages."""

from __future__ import annotations

from django.urls import reverse
from rest_framework import serializers

from api.fields import BoundedDateTimeField
from core.communication.models import NewsItem
from core.communication.services.audiences import audience_label

# Which route serves an item's image, by who reads the list.
IMAGE_ROUTES = {
    "reader": "v1:communication-news-image",
    "public": "v1:communication-public-news-image",
    "staff": "v1:staff-communication-news-image",
}


class NewsSerializer(serializers.ModelSerializer):
    """An item as families, staff and visitors read it. Context: ``image_route`` (a key of
    ``IMAGE_ROUTES``) and ``modules`` (enabled modules' labels by id)."""

    image_url = serializers.SerializerMethodField()
    audience_label = serializers.SerializerMethodField()

    class Meta:
        model = NewsItem
        fields = [
            "id",
            "title",
            "text",
            "image_url",
            "image_alt",
            "publish_at",
            "pinned",
            "audience",
            "audience_label",
        ]
        read_only_fields = fields
        extra_kwargs = {"text": {"help_text": "HTML nettoyé par le serveur."}}

    def get_image_url(self, item: NewsItem) -> str | None:
        if not item.image:
            return None
        route = IMAGE_ROUTES[self.context.get("image_route", "reader")]
        return reverse(route, kwargs={"pk": item.pk})

    def get_audience_label(self, item: NewsItem) -> str:
        return audience_label(item.audience, modules=self.context.get("modules"))


class StaffNewsSerializer(NewsSerializer):
    """An item in the staff's list and editor, with its state."""

    status = serializers.SerializerMethodField(
        help_text="« Programmée », « Publiée » ou « Expirée »."
    )

    class Meta(NewsSerializer.Meta):
        fields = [*NewsSerializer.Meta.fields, "public", "expire_at", "status", "created_at"]
        read_only_fields = fields

    def get_status(self, item: NewsItem) -> str:
        return item.status(self.context.get("now"))


class NewsWriteSerializer(serializers.Serializer):
    """``multipart/form-data`` (with the image) or JSON (without)."""

    title = serializers.CharField(max_length=150)
    text = serializers.CharField(
        max_length=20000, help_text="HTML : p, br, strong, em, ul, ol, li, a."
    )
    audience = serializers.CharField(
        max_length=32, default="all", help_text="all, staff ou l'identifiant d'un module."
    )
    image = serializers.FileField(
        required=False,
        allow_empty_file=True,  # the service says "Le fichier est vide." in French
        help_text="JPEG ou PNG.",
        error_messages={"invalid": "Choisissez une image."},
    )
    remove_image = serializers.BooleanField(
        required=False, default=False, help_text="Retirer l'image actuelle."
    )
    image_alt = serializers.CharField(max_length=200, required=False, allow_blank=True)
    public = serializers.BooleanField(required=False, default=False)
    pinned = serializers.BooleanField(required=False, default=False)
    publish_at = BoundedDateTimeField(required=False, allow_null=True)
    expire_at = BoundedDateTimeField(required=False, allow_null=True)


class HomeMessageSerializer(serializers.Serializer):
    audience = serializers.CharField(read_only=True)
    label = serializers.CharField(read_only=True)
    text = serializers.CharField()


class HomeMessageWriteSerializer(serializers.Serializer):
    audience = serializers.CharField(max_length=32, help_text="families, staff ou un module.")
    text = serializers.CharField(max_length=2000, allow_blank=True, trim_whitespace=False)


class CommunicationHomeSerializer(serializers.Serializer):
    messages = HomeMessageSerializer(many=True)
    news = NewsSerializer(many=True)


class NewsQuerySerializer(serializers.Serializer):
    limit = serializers.IntegerField(
        required=False, min_value=1, max_value=100, help_text="Au plus ce nombre d'actualités."
    )
