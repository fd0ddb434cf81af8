"""Serializers of « Mes documents », « Mes éditions » and the staff's review."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models, transaction
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.fields import empty

from api.fields import BoundedDateField, BoundedDateTimeField
from api.serializers import ChildRefSerializer
from core.documents.models import Document, DocumentType
from core.documents.services import (
    AWAITING_REVIEW,
    MISSING,
    REJECTED,
    check_document_type,
)
from core.documents.uploads import check_upload
from core.families.models import DossierSettings

REQUIREMENT_STATUSES = [
    (MISSING, "À fournir"),
    (AWAITING_REVIEW, "En attente de vérification"),
    (REJECTED, "Refusé"),
    (Document.STATUS_ACCEPTED, "Accepté"),
    (Document.STATUS_EXPIRED, "Expiré"),
]
_STATUS_LABELS = dict(REQUIREMENT_STATUSES)


class FamilyRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.IntegerField()
    name = serializers.CharField()


class DocumentTypeRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class DocumentSummarySerializer(serializers.ModelSerializer):
    """A document as the family sees it; ``file_url`` downloads it."""

    status_label = serializers.CharField(source="get_status_display", read_only=True)
    file_url = serializers.SerializerMethodField()

    class Meta:
        model = Document
        fields = [
            "uuid",
            "original_name",
            "content_type",
            "size",
            "uploaded_at",
            "status",
            "status_label",
            "rejection_reason",
            "valid_until",
            "file_url",
        ]
        read_only_fields = fields

    def get_file_url(self, document: Document) -> str:
        return f"/api/v1/documents/{document.uuid}/file"


class DocumentSerializer(DocumentSummarySerializer):
    document_type = DocumentTypeRefSerializer()
    child = ChildRefSerializer(allow_null=True)

    class Meta(DocumentSummarySerializer.Meta):
        fields = [*DocumentSummarySerializer.Meta.fields, "document_type", "child"]
        read_only_fields = fields


class DocumentQuerySerializer(serializers.Serializer):
    document_type = serializers.IntegerField(required=False, help_text="Seulement ce type.")
    child = serializers.IntegerField(required=False, help_text="Seulement cet enfant.")


class DocumentUploadSerializer(serializers.Serializer):
    """``multipart/form-data``: the file and what it is for."""

    document_type = serializers.PrimaryKeyRelatedField(
        queryset=DocumentType.objects.filter(active=True),
        error_messages={
            "does_not_exist": "Ce type de document n'existe pas ou n'est plus demandé.",
            "incorrect_type": "Choisissez un type de document.",
        },
    )
    child = serializers.IntegerField(
        required=False, allow_null=True, help_text="Obligatoire pour un document par enfant."
    )
    file = serializers.FileField(
        allow_empty_file=True,  # the service says "Le fichier est vide." in French
        error_messages={"required": "Choisissez un fichier.", "invalid": "Choisissez un fichier."},
    )
    valid_until = BoundedDateField(
        required=False,
        allow_null=True,
        help_text="Pour un document daté : jusqu'à quand il est valable (AAAA-MM-JJ).",
    )


class RequirementDocumentTypeSerializer(serializers.ModelSerializer):
    class Meta:
        model = DocumentType
        fields = ["id", "name", "description", "scope", "validity", "requires_review"]
        read_only_fields = fields


class RequirementSerializer(serializers.Serializer):
    """One line of « Mes documents »: a required document and where the family stands."""

    document_type = RequirementDocumentTypeSerializer()
    child = ChildRefSerializer(allow_null=True)
    status = serializers.ChoiceField(choices=REQUIREMENT_STATUSES)
    status_label = serializers.SerializerMethodField()
    satisfied = serializers.BooleanField()
    document = DocumentSummarySerializer(allow_null=True)
    template_available = serializers.SerializerMethodField()
    template_url = serializers.SerializerMethodField()

    def get_status_label(self, requirement) -> str:
        return _STATUS_LABELS[requirement.status]

    def get_template_available(self, requirement) -> bool:
        return self.get_template_url(requirement) is not None

    def get_template_url(self, requirement) -> str | None:
        return template_url(requirement.document_type, child=requirement.child)


def template_url(document_type: DocumentType, *, child=None) -> str | None:
    """Where a family downloads the type's model: the pre-filled edition for a child, else
    the file the staff uploaded; None when there is neither."""
    base = f"/api/v1/documents/types/{document_type.pk}/template"
    if document_type.edition == DocumentType.EDITION_HEALTH_FORM and child is not None:
        return f"{base}?child={child.pk}"
    return base if document_type.template else None


class RequirementsSerializer(serializers.Serializer):
    complete = serializers.BooleanField(help_text="Tous les documents demandés sont valables.")
    missing_count = serializers.IntegerField(help_text="Documents demandés non (encore) valables.")
    items = RequirementSerializer(many=True)


class RequirementsQuerySerializer(serializers.Serializer):
    module = serializers.CharField(required=False, help_text="Seulement pour ce module.")
    activity_kind = serializers.CharField(
        required=False, help_text="Seulement pour ce type d'activité."
    )
    child = serializers.IntegerField(
        required=False, help_text="Seulement cet enfant (et les documents de la famille)."
    )


class FamilyDocumentTypeSerializer(serializers.ModelSerializer):
    """A type the family may send (required or not)."""

    has_template = serializers.SerializerMethodField()

    class Meta:
        model = DocumentType
        fields = [
            "id",
            "name",
            "description",
            "scope",
            "validity",
            "required",
            "requires_review",
            "edition",
            "has_template",
        ]
        read_only_fields = fields

    def get_has_template(self, document_type: DocumentType) -> bool:
        return bool(document_type.template)


class TemplateQuerySerializer(serializers.Serializer):
    child = serializers.IntegerField(
        required=False, help_text="L'enfant pour qui pré-remplir la fiche sanitaire."
    )


class EditionChildSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="child_id")
    first_name = serializers.CharField(source="child_first_name")
    last_name = serializers.CharField(source="child_last_name")


class EditionSerializer(serializers.Serializer):
    """An edition of « Mes éditions » (``core.module_hooks.EditionLink``): the core's health
    form per child, or a module's document (``module`` set), about a child or the family."""

    edition = serializers.CharField(source="kind")
    label = serializers.CharField()
    child = serializers.SerializerMethodField()
    module = serializers.CharField(allow_null=True)
    url = serializers.CharField()

    @extend_schema_field(EditionChildSerializer(allow_null=True))
    def get_child(self, link) -> dict | None:
        return EditionChildSerializer(link).data if link.child_id else None


# Staff -----------------------------------------------------------------------------------------
class StaffDocumentSerializer(DocumentSerializer):
    family = FamilyRefSerializer()
    reviewed_at = BoundedDateTimeField(allow_null=True)
    reviewed_by_name = serializers.SerializerMethodField()

    class Meta(DocumentSerializer.Meta):
        fields = [*DocumentSerializer.Meta.fields, "family", "reviewed_at", "reviewed_by_name"]
        read_only_fields = fields

    def get_file_url(self, document: Document) -> str:
        return f"/api/v1/staff/documents/{document.uuid}/file"

    def get_reviewed_by_name(self, document: Document) -> str | None:
        user = document.reviewed_by
        if user is None:
            return None
        return f"{user.first_name} {user.last_name}".strip() or user.email


class StaffDocumentQuerySerializer(serializers.Serializer):
    status = serializers.ChoiceField(
        choices=Document.STATUS_CHOICES,
        required=False,
        error_messages={"invalid_choice": "État inconnu : « {input} »."},
        help_text="« awaiting_review » : la file à vérifier, des plus anciens aux plus récents.",
    )
    family = serializers.IntegerField(required=False)
    child = serializers.IntegerField(required=False)
    document_type = serializers.IntegerField(required=False)


class ReviewSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(
        choices=[("accept", "Accepter"), ("reject", "Refuser")],
        error_messages={"invalid_choice": "Choisissez « accept » ou « reject »."},
    )
    reason = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=2000,
        help_text="Obligatoire pour un refus : il est envoyé à la famille.",
    )


class FormBooleanField(serializers.BooleanField):
    # DRF reads a boolean missing from a multipart form as an unticked checkbox (False): a
    # type created with its template would then be inactive and optional. Missing means
    # "not sent", so the model's default applies.
    default_empty_html = empty


class StaffDocumentTypeSerializer(serializers.ModelSerializer):
    """A type as the staff configures it; ``template`` is uploaded as multipart (PDF, JPEG or
    PNG) and removed with ``null`` (JSON)."""

    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.BooleanField: FormBooleanField,
    }

    template = serializers.FileField(
        required=False, allow_null=True, write_only=True, allow_empty_file=True
    )
    has_template = serializers.SerializerMethodField()
    template_url = serializers.SerializerMethodField()

    class Meta:
        model = DocumentType
        fields = [
            "id",
            "name",
            "description",
            "scope",
            "modules",
            "activity_kinds",
            "required",
            "validity",
            "edition",
            "requires_review",
            "order",
            "active",
            "template",
            "has_template",
            "template_url",
            "default_key",
        ]
        read_only_fields = ["id", "default_key"]

    def get_has_template(self, document_type: DocumentType) -> bool:
        return bool(document_type.template)

    def get_template_url(self, document_type: DocumentType) -> str | None:
        if not document_type.template:
            return None
        return f"/api/v1/staff/document-types/{document_type.pk}/template"

    def validate_template(self, file):
        if file is not None:
            try:
                self._checked_template = check_upload(
                    file, max_mb=DossierSettings.current().max_upload_mb, field="template"
                )
            except DjangoValidationError as exc:
                raise serializers.ValidationError(exc.message_dict["template"]) from exc
        return file

    def validate(self, attrs):
        instance = self.instance

        def value(name):
            return attrs[name] if name in attrs else getattr(instance, name, None)

        # Its ValidationError (by field) becomes DRF's, as any raised in ``validate``.
        check_document_type(
            scope=value("scope") or "",
            modules=value("modules") or [],
            activity_kinds=value("activity_kinds") or [],
            edition=value("edition") or "",
            instance=instance,
        )
        return attrs

    def create(self, validated_data):
        provided = "template" in validated_data
        template = validated_data.pop("template", None)
        instance = DocumentType(**validated_data)
        self._store_template(instance, template, provided=provided)
        instance.save()
        return instance

    def update(self, instance, validated_data):
        provided = "template" in validated_data
        template = validated_data.pop("template", None)
        for name, val in validated_data.items():
            setattr(instance, name, val)
        self._store_template(instance, template, provided=provided)
        instance.save()
        return instance

    def _store_template(self, instance: DocumentType, template, *, provided: bool) -> None:
        if not provided:
            return
        old = instance.template.name if instance.template else ""
        if template is None:
            instance.template = ""
        else:
            checked = self._checked_template
            instance.template.save(f"template.{checked.extension}", template, save=False)
        if old:
            # The replaced file goes once the new value is committed (never before: a
            # rollback would leave the row pointing to nothing).
            storage = instance.template.storage
            transaction.on_commit(lambda: storage.delete(old))
