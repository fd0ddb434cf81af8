"""Serializers of the announcements part (staff editor, progress, receipts; families' copies)."""

from __future__ import annotations

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.communication.models import Announcement, AnnouncementAttachment
from core.communication.services.targets import target_labels


class CriterionSerializer(serializers.Serializer):
    """One target criterion (checked by ``services/targets.validate_target``)."""

    kind = serializers.ChoiceField(
        choices=["all", "module", "activity", "group", "reservation", "unpaid", "families"]
    )
    module = serializers.CharField(required=False)
    activity = serializers.IntegerField(required=False, allow_null=True)
    group = serializers.IntegerField(required=False)
    date = serializers.DateField(required=False)
    unit = serializers.IntegerField(required=False, allow_null=True)
    families = serializers.ListField(child=serializers.IntegerField(), required=False)


class TargetField(serializers.JSONField):
    """The criteria as sent (validated by the service, which answers in French)."""


class AnnouncementInputSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=150, allow_blank=True)
    text = serializers.CharField(allow_blank=True, max_length=50_000)
    target = CriterionSerializer(many=True)
    by_email = serializers.BooleanField(default=True)
    urgent = serializers.BooleanField(default=False)

    def to_internal_value(self, data):
        # The criteria reach the service as sent: it normalises them and words the errors.
        value = super().to_internal_value(data)
        if isinstance(data, dict) and "target" in data:
            value["target"] = data["target"]
        return value


class AnnouncementPatchSerializer(AnnouncementInputSerializer):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, partial=True, **kwargs)


class PreviewInputSerializer(serializers.Serializer):
    target = CriterionSerializer(many=True)

    def to_internal_value(self, data):
        value = super().to_internal_value(data)
        value["target"] = data["target"]
        return value


class ReachSerializer(serializers.Serializer):
    families = serializers.IntegerField()
    guardians = serializers.IntegerField()
    families_without_login = serializers.IntegerField()


class AttachmentSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="original_name")
    url = serializers.SerializerMethodField()

    class Meta:
        model = AnnouncementAttachment
        fields = ["id", "name", "content_type", "size", "url"]

    def get_url(self, obj) -> str:
        name = self.context.get("file_route", "v1:staff-communication-announcement-attachment-file")
        return reverse(name, kwargs={"pk": obj.announcement_id, "attachment_id": obj.pk})


class AttachmentUploadSerializer(serializers.Serializer):
    file = serializers.FileField()


class AnnouncementSummarySerializer(serializers.ModelSerializer):
    state_label = serializers.CharField(source="get_state_display")
    emailed_count = serializers.IntegerField()
    read_families_count = serializers.IntegerField()

    class Meta:
        model = Announcement
        fields = [
            "id",
            "title",
            "state",
            "state_label",
            "urgent",
            "created_at",
            "sent_at",
            "families_count",
            "recipients_count",
            "emailed_count",
            "read_families_count",
        ]


class AnnouncementDetailSerializer(AnnouncementSummarySerializer):
    target_labels = serializers.SerializerMethodField()
    attachments = AttachmentSerializer(many=True)
    target = serializers.JSONField()

    class Meta(AnnouncementSummarySerializer.Meta):
        fields = [
            *AnnouncementSummarySerializer.Meta.fields,
            "text",
            "target",
            "target_labels",
            "by_email",
            "attachments",
        ]

    def get_target_labels(self, obj) -> list[str]:
        return target_labels(obj.target)


class ProgressSerializer(serializers.Serializer):
    state = serializers.ChoiceField(choices=Announcement.STATE_CHOICES)
    state_label = serializers.CharField()
    recipients = serializers.IntegerField()
    emailed = serializers.IntegerField()
    email_skipped = serializers.IntegerField()
    sms_sent = serializers.IntegerField()
    read_families = serializers.IntegerField()
    families = serializers.IntegerField()


class ReceiptFamilySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    number = serializers.IntegerField()


class ReceiptGuardianSerializer(serializers.Serializer):
    name = serializers.CharField()
    emailed_at = serializers.DateTimeField(allow_null=True)
    read_at = serializers.DateTimeField(allow_null=True)


class ReceiptSerializer(serializers.Serializer):
    family = ReceiptFamilySerializer()
    read_at = serializers.DateTimeField(allow_null=True)
    guardians = ReceiptGuardianSerializer(many=True)


class TargetModuleSerializer(serializers.Serializer):
    id = serializers.CharField()
    label = serializers.CharField()


class TargetActivitySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    module = serializers.CharField()
    season = serializers.CharField()


class TargetGroupSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    activity_id = serializers.IntegerField()


class TargetOptionsSerializer(serializers.Serializer):
    modules = TargetModuleSerializer(many=True)
    activities = TargetActivitySerializer(many=True)
    groups = TargetGroupSerializer(many=True)
    units = TargetGroupSerializer(many=True)


# Families ------------------------------------------------------------------------------


class FamilyAnnouncementSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField(source="announcement_id")
    title = serializers.CharField(source="announcement.title")
    sent_at = serializers.SerializerMethodField()
    urgent = serializers.BooleanField(source="announcement.urgent")
    read = serializers.SerializerMethodField()

    @extend_schema_field(OpenApiTypes.DATETIME)
    def get_sent_at(self, obj) -> str | None:
        # The portal copy exists from the queuing on (the row is the delivery).
        when = obj.announcement.sent_at or obj.announcement.queued_at
        return serializers.DateTimeField().to_representation(when) if when else None

    def get_read(self, obj) -> bool:
        return obj.read_at is not None


class FamilyAnnouncementSerializer(FamilyAnnouncementSummarySerializer):
    text = serializers.CharField(source="announcement.text")
    attachments = serializers.SerializerMethodField()

    @extend_schema_field(AttachmentSerializer(many=True))
    def get_attachments(self, obj) -> list[dict]:
        return AttachmentSerializer(
            obj.announcement.attachments.all(),
            many=True,
            context={"file_route": "v1:communication-announcement-attachment-file"},
        ).data


# Preferences and unsubscribe ----------------------------------------------------------


class PreferenceSerializer(serializers.Serializer):
    kind = serializers.CharField()
    label = serializers.CharField(read_only=True)
    email = serializers.BooleanField()


class LegalKindSerializer(serializers.Serializer):
    kind = serializers.CharField()
    label = serializers.CharField()


class PreferencesSerializer(serializers.Serializer):
    preferences = PreferenceSerializer(many=True)
    legal = LegalKindSerializer(many=True, read_only=True)


class PreferencesInputSerializer(serializers.Serializer):
    preferences = PreferenceSerializer(many=True)


class UnsubscribeInputSerializer(serializers.Serializer):
    token = serializers.CharField(required=False)


class UnsubscribeSerializer(serializers.Serializer):
    kind = serializers.CharField()
    label = serializers.CharField()
