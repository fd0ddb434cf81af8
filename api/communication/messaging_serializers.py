"""Serializers of the messaging part: services and themes, threads, messages, attachments, the
staff's inbox and the configuration of the desks."""

from __future__ import annotations

from django.urls import reverse
from rest_framework import serializers

from core.communication.models import (
    CommunicationSettings,
    Message,
    QuickReply,
    Service,
    Theme,
    Thread,
)


def user_name(user) -> str:
    return (user.get_full_name() or user.email) if user is not None else ""


STRUCTURE_AUTHOR = "La structure"


def staff_name_for_family(user) -> str:
    """How a staff member signs a message a family reads: first and last name, never the
    e-mail address (« La structure » when the name is empty or nobody wrote it)."""
    name = f"{user.first_name} {user.last_name}".strip() if user is not None else ""
    return name or STRUCTURE_AUTHOR


# References ------------------------------------------------------------------------------------
class MessagingThemeRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    label = serializers.CharField()


class MessagingServiceRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    label = serializers.CharField()


class MessagingChildRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.SerializerMethodField()

    def get_name(self, child) -> str:
        return f"{child.first_name} {child.last_name}".strip()


class MessagingUserRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.SerializerMethodField()

    def get_name(self, user) -> str:
        return user_name(user)


class MessagingFamilyRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    number = serializers.IntegerField()


# Family side -----------------------------------------------------------------------------------
class ServiceOptionSerializer(serializers.ModelSerializer):
    """A service a family may write to, with its active themes."""

    themes = MessagingThemeRefSerializer(source="active_themes", many=True)

    class Meta:
        model = Service
        fields = ["id", "key", "label", "themes"]


class MessageAttachmentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField(source="original_name")
    content_type = serializers.CharField()
    size = serializers.IntegerField()
    url = serializers.SerializerMethodField()

    def get_url(self, attachment) -> str:
        name = (
            "v1:staff-communication-attachment-file"
            if self.context.get("staff")
            else "v1:communication-attachment-file"
        )
        return reverse(name, args=[attachment.pk])


class ThreadMessageSerializer(serializers.ModelSerializer):
    """A message as the family sees it (internal notes never reach this serializer)."""

    author_name = serializers.SerializerMethodField()
    attachments = MessageAttachmentSerializer(many=True)

    class Meta:
        model = Message
        fields = ["id", "side", "author_name", "text", "created_at", "attachments"]

    def get_author_name(self, message) -> str:
        if message.side == Message.SIDE_STAFF:
            return staff_name_for_family(message.author)
        return user_name(message.author)


class StaffThreadMessageSerializer(ThreadMessageSerializer):
    class Meta(ThreadMessageSerializer.Meta):
        fields = [*ThreadMessageSerializer.Meta.fields, "internal"]

    def get_author_name(self, message) -> str:
        return user_name(message.author)


class _ThreadBaseSerializer(serializers.ModelSerializer):
    service = MessagingServiceRefSerializer()
    theme = MessagingThemeRefSerializer(allow_null=True)
    child = MessagingChildRefSerializer(allow_null=True)
    state_label = serializers.CharField(source="get_state_display")
    unread = serializers.IntegerField(read_only=True, default=0)


class FamilyThreadSerializer(_ThreadBaseSerializer):
    """A conversation in the family's list: dated by its last message the family can see."""

    last_message_at = serializers.DateTimeField(source="last_family_visible_at")
    last_side = serializers.ChoiceField(choices=Message.SIDE_CHOICES, allow_null=True)

    class Meta:
        model = Thread
        fields = [
            "id",
            "subject",
            "service",
            "theme",
            "child",
            "state",
            "state_label",
            "last_message_at",
            "unread",
            "last_side",
        ]


class FamilyThreadDetailSerializer(FamilyThreadSerializer):
    messages = ThreadMessageSerializer(source="visible_messages", many=True)

    class Meta(FamilyThreadSerializer.Meta):
        fields = [*FamilyThreadSerializer.Meta.fields, "messages"]


class _Attachments(serializers.Serializer):
    attachments = serializers.ListField(
        child=serializers.FileField(allow_empty_file=True), required=False, default=list
    )


class ThreadCreateSerializer(_Attachments):
    service = serializers.IntegerField()
    theme = serializers.IntegerField(required=False, allow_null=True)
    child = serializers.IntegerField(required=False, allow_null=True)
    subject = serializers.CharField(max_length=150)
    text = serializers.CharField()


class MessageCreateSerializer(_Attachments):
    text = serializers.CharField()


class StaffMessageCreateSerializer(MessageCreateSerializer):
    internal = serializers.BooleanField(required=False, default=False)


class FamilyUnreadSerializer(serializers.Serializer):
    messages = serializers.IntegerField()
    announcements = serializers.IntegerField()


# Staff side ------------------------------------------------------------------------------------
class StaffThreadSerializer(_ThreadBaseSerializer):
    family = MessagingFamilyRefSerializer()
    assignee = MessagingUserRefSerializer(allow_null=True)

    class Meta:
        model = Thread
        fields = [
            "id",
            "subject",
            "family",
            "service",
            "theme",
            "child",
            "state",
            "state_label",
            "assignee",
            "last_message_at",
            "unread",
        ]


class StaffThreadDetailSerializer(StaffThreadSerializer):
    messages = StaffThreadMessageSerializer(source="all_messages", many=True)

    class Meta(StaffThreadSerializer.Meta):
        fields = [*StaffThreadSerializer.Meta.fields, "messages"]


class InboxQuerySerializer(serializers.Serializer):
    service = serializers.IntegerField(required=False)
    theme = serializers.IntegerField(required=False)
    state = serializers.ChoiceField(choices=Thread.STATE_CHOICES, required=False)
    assignee = serializers.RegexField(
        r"^(me|none|\d+)$",
        required=False,
        error_messages={"invalid": "Choisissez « me », « none » ou l'identifiant d'une personne."},
        help_text="Identifiant d'une personne, « me » ou « none » (non attribué).",
    )
    q = serializers.CharField(required=False, max_length=100, help_text="Objet, nom ou n° famille.")
    page = serializers.IntegerField(required=False, min_value=1)


class AssignSerializer(serializers.Serializer):
    assignee = serializers.IntegerField(allow_null=True)


class AssigneesQuerySerializer(serializers.Serializer):
    service = serializers.IntegerField()


class StaffUnreadSerializer(serializers.Serializer):
    new_threads = serializers.IntegerField()
    unread = serializers.IntegerField()


class QuickReplySerializer(serializers.ModelSerializer):
    class Meta:
        model = QuickReply
        fields = ["id", "title", "text"]


# Configuration ---------------------------------------------------------------------------------
class ThemeConfigSerializer(serializers.ModelSerializer):
    class Meta:
        model = Theme
        fields = ["id", "label", "order", "active"]

    def validate_label(self, value: str) -> str:
        service = self.context.get("service") or getattr(self.instance, "service", None)
        taken = Theme.objects.filter(service=service, label__iexact=value.strip())
        if self.instance is not None:
            taken = taken.exclude(pk=self.instance.pk)
        if service is not None and taken.exists():
            raise serializers.ValidationError("Ce service a déjà un thème de ce nom.")
        return value.strip()


class ServiceConfigSerializer(serializers.ModelSerializer):
    themes = ThemeConfigSerializer(many=True, read_only=True)
    key = serializers.SlugField(
        max_length=40, required=False, help_text="Déduit du nom s'il n'est pas donné."
    )

    class Meta:
        model = Service
        fields = ["id", "key", "label", "module", "order", "active", "themes"]
        read_only_fields = ["module"]

    def validate_key(self, value: str) -> str:
        if self.instance is not None and value != self.instance.key:
            raise serializers.ValidationError(
                "L'identifiant d'un service ne change pas : les accès des rôles en dépendent."
            )
        return value

    def validate(self, attrs):
        if self.instance is None:
            from django.utils.text import slugify

            key = attrs.get("key") or slugify(attrs.get("label", ""))[:40]
            if not key:
                raise serializers.ValidationError({"label": ["Indiquez le nom du service."]})
            if Service.objects.filter(key=key).exists():
                raise serializers.ValidationError(
                    {"key": ["Un service porte déjà cet identifiant : choisissez un autre nom."]}
                )
            attrs["key"] = key
        return attrs


class AccessRowSerializer(serializers.Serializer):
    role = serializers.CharField()
    role_label = serializers.CharField(read_only=True)
    all_services = serializers.BooleanField(read_only=True)
    services = serializers.ListField(child=serializers.SlugField(), default=list)


class CommunicationSettingsSerializer(serializers.ModelSerializer):
    class Meta:
        model = CommunicationSettings
        fields = ["max_attachments", "max_attachment_mb", "sms_enabled", "sms_sender"]
