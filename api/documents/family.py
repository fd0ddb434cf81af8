"""« Mes documents » and « Mes éditions »: a family's side. Everything is read through the
family's own querysets, so another family's (or structure's) ids answer 404."""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from api.documents.serializers import (
    DocumentQuerySerializer,
    DocumentSerializer,
    DocumentUploadSerializer,
    EditionSerializer,
    FamilyDocumentTypeSerializer,
    RequirementsQuerySerializer,
    RequirementsSerializer,
    TemplateQuerySerializer,
)
from api.downloads import (
    FILE_RESPONSES,
    PDF_RESPONSES,
    FileContentNegotiation,
    pdf_response,
    stored_file_response,
    template_file_response,
)
from api.permissions import IsFamilyMember, get_owned_or_404
from core.documents.editions import HEALTH_FORM, available_editions, generate_edition
from core.documents.models import Document, DocumentType
from core.documents.services import (
    applicable_document_types,
    document_requirements,
    upload_document,
)
from core.families.models import DossierSettings
from core.modules import registry

# Multipart overhead allowed above the structure's size limit before the body is even read.
_MULTIPART_SLACK = 256 * 1024


class RequirementsView(APIView):
    """What « Mes documents » shows: each required document, for the family and each child,
    with the current one, whether it counts, and the model to download when there is one."""

    permission_classes = [IsFamilyMember]

    @extend_schema(
        parameters=[RequirementsQuerySerializer],
        responses={
            200: RequirementsSerializer,
            404: OpenApiResponse(description="Enfant introuvable dans la famille."),
        },
        operation_id="documents_requirements",
    )
    def get(self, request):
        query = RequirementsQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        params = query.validated_data
        module = params.get("module")
        if module is not None and not registry.is_enabled(request.tenant, module):
            raise serializers.ValidationError(
                {"module": [f"Le module « {module} » n'est pas activé pour cette structure."]}
            )
        child = None
        if "child" in params:
            child = get_owned_or_404(request.family.children.all(), pk=params["child"])
        items = document_requirements(
            family=request.family,
            child=child,
            module=module,
            activity_kind=params.get("activity_kind"),
        )
        missing = sum(1 for item in items if not item.satisfied)
        payload = {"complete": missing == 0, "missing_count": missing, "items": items}
        return Response(RequirementsSerializer(payload).data)


class FamilyDocumentTypeListView(generics.ListAPIView):
    """Every document the family may send here (required or optional)."""

    permission_classes = [IsFamilyMember]
    serializer_class = FamilyDocumentTypeSerializer

    def get_queryset(self):
        ids = [t.pk for t in applicable_document_types(required_only=False)]
        return DocumentType.objects.filter(pk__in=ids)

    @extend_schema(operation_id="documents_types_list")
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class DocumentListView(generics.ListAPIView):
    """The family's documents, newest first; ``POST`` sends one (multipart)."""

    permission_classes = [IsFamilyMember]
    serializer_class = DocumentSerializer
    parser_classes = [MultiPartParser, FormParser]

    def get_queryset(self):
        query = DocumentQuerySerializer(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        queryset = Document.objects.filter(family=self.request.family).select_related(
            "document_type", "child"
        )
        for name, value in query.validated_data.items():
            queryset = queryset.filter(**{f"{name}_id": value})
        return queryset

    @extend_schema(parameters=[DocumentQuerySerializer], operation_id="documents_list")
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        request={"multipart/form-data": DocumentUploadSerializer},
        responses={
            201: DocumentSerializer,
            404: OpenApiResponse(description="Enfant introuvable dans la famille."),
        },
        operation_id="documents_upload",
    )
    def post(self, request):
        max_mb = DossierSettings.current().max_upload_mb
        # Refuse an oversized body before Django spools it to disk.
        length = request.META.get("CONTENT_LENGTH") or "0"
        if (
            length.isascii()
            and length.isdigit()
            and int(length) > max_mb * 1024 * 1024 + _MULTIPART_SLACK
        ):
            raise serializers.ValidationError(
                {"file": [f"Le fichier dépasse la taille maximale de {max_mb} Mo."]}
            )
        upload = DocumentUploadSerializer(data=request.data)
        upload.is_valid(raise_exception=True)
        data = upload.validated_data
        child = None
        if data.get("child") is not None:
            child = get_owned_or_404(request.family.children.all(), pk=data["child"])
        document = upload_document(
            family=request.family,
            document_type=data["document_type"],
            file=data["file"],
            child=child,
            valid_until=data.get("valid_until"),
            user=request.user,
        )
        return Response(DocumentSerializer(document).data, status=status.HTTP_201_CREATED)


class DocumentFileView(APIView):
    """Download one of the family's documents, under its (normalised) original name."""

    permission_classes = [IsFamilyMember]
    content_negotiation_class = FileContentNegotiation

    @extend_schema(responses=FILE_RESPONSES, operation_id="documents_file")
    def get(self, request, uuid):
        document = get_owned_or_404(Document.objects.filter(family=request.family), uuid=uuid)
        return stored_file_response(
            document.file, filename=document.original_name, content_type=document.content_type
        )


class DocumentTypeTemplateView(APIView):
    """The model of a document type: the fiche sanitaire pre-filled for ``?child=`` when the
    type offers it, else the file the structure uploaded."""

    permission_classes = [IsFamilyMember]
    content_negotiation_class = FileContentNegotiation

    @extend_schema(
        parameters=[TemplateQuerySerializer],
        responses={**PDF_RESPONSES, **FILE_RESPONSES},
        operation_id="documents_type_template",
    )
    def get(self, request, pk):
        document_type = get_owned_or_404(DocumentType.objects.filter(active=True), pk=pk)
        query = TemplateQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        child_id = query.validated_data.get("child")
        if document_type.edition == HEALTH_FORM and child_id is not None:
            child = get_owned_or_404(request.family.children.all(), pk=child_id)
            data, filename = generate_edition(kind=HEALTH_FORM, child=child)
            return pdf_response(data, filename=filename)
        if document_type.template:
            return template_file_response(
                document_type.template, title=f"Modèle - {document_type.name}"
            )
        if document_type.edition == HEALTH_FORM:
            raise serializers.ValidationError(
                {"child": ["Choisissez l'enfant pour qui pré-remplir la fiche sanitaire."]}
            )
        raise Http404


class EditionListView(APIView):
    """« Mes éditions »: the documents pre-filled from the family's file (one fiche sanitaire
    per child). Not paginated: one entry per child."""

    permission_classes = [IsFamilyMember]

    @extend_schema(responses=EditionSerializer(many=True), operation_id="editions_list")
    def get(self, request):
        editions = available_editions(family=request.family)
        return Response(EditionSerializer(editions, many=True).data)


class HealthFormView(APIView):
    """The fiche sanitaire de liaison of one of the family's children, as a PDF."""

    permission_classes = [IsFamilyMember]
    content_negotiation_class = FileContentNegotiation

    @extend_schema(responses=PDF_RESPONSES, operation_id="editions_health_form")
    def get(self, request, child_id):
        child = get_owned_or_404(request.family.children.all(), pk=child_id)
        data, filename = generate_edition(kind=HEALTH_FORM, child=child)
        return pdf_response(data, filename=filename)
