"""The staff's side: the documents to check, their review, editions, document types."""

from __future__ import annotations

from django.db import transaction
from django.db.models import ProtectedError
from django.http import Http404
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import exceptions, generics, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from api.documents.serializers import (
    ReviewSerializer,
    StaffDocumentQuerySerializer,
    StaffDocumentSerializer,
    StaffDocumentTypeSerializer,
)
from api.downloads import (
    FILE_RESPONSES,
    PDF_RESPONSES,
    FileContentNegotiation,
    pdf_response,
    stored_file_response,
    template_file_response,
)
from api.permissions import StaffPermission, get_owned_or_404
from core.documents.editions import HEALTH_FORM, generate_edition
from core.documents.models import Document, DocumentType
from core.documents.services import review_document
from core.families.models import Child

VIEW_DOCUMENTS = "documents.view_document"
REVIEW_DOCUMENTS = "documents.change_document"
VIEW_TYPES = "documents.view_documenttype"
CONFIGURE_TYPES = "documents.change_documenttype"


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"


def _documents():
    return Document.objects.select_related("document_type", "child", "family", "reviewed_by")


class StaffDocumentListView(generics.ListAPIView):
    """The structure's documents, filtered; ``status=awaiting_review`` is the review queue,
    oldest first (first sent, first checked)."""

    permission_classes = [StaffPermission]
    required_permissions = {"GET": VIEW_DOCUMENTS}
    serializer_class = StaffDocumentSerializer

    def get_queryset(self):
        query = StaffDocumentQuerySerializer(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        params = query.validated_data
        queryset = _documents()
        if "status" in params:
            queryset = queryset.filter(status=params["status"])
        for name in ("family", "child", "document_type"):
            if name in params:
                queryset = queryset.filter(**{f"{name}_id": params[name]})
        if params.get("status") == Document.STATUS_AWAITING_REVIEW:
            queryset = queryset.order_by("uploaded_at", "pk")
        return queryset

    @extend_schema(parameters=[StaffDocumentQuerySerializer], operation_id="staff_documents_list")
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class StaffDocumentReviewView(APIView):
    """Accept or reject a document awaiting review; a rejection (with its reason) is e-mailed
    to the family."""

    permission_classes = [StaffPermission]
    required_permissions = {"POST": REVIEW_DOCUMENTS}

    @extend_schema(
        request=ReviewSerializer,
        responses=StaffDocumentSerializer,
        operation_id="staff_documents_review",
    )
    def post(self, request, uuid):
        document = get_owned_or_404(_documents(), uuid=uuid)
        review = ReviewSerializer(data=request.data)
        review.is_valid(raise_exception=True)
        document = review_document(
            document=document,
            accept=review.validated_data["decision"] == "accept",
            reason=review.validated_data.get("reason", ""),
            by=request.user,
        )
        return Response(StaffDocumentSerializer(document).data)


class StaffDocumentFileView(APIView):
    permission_classes = [StaffPermission]
    required_permissions = {"GET": VIEW_DOCUMENTS}
    content_negotiation_class = FileContentNegotiation

    @extend_schema(responses=FILE_RESPONSES, operation_id="staff_documents_file")
    def get(self, request, uuid):
        document = get_owned_or_404(Document.objects.all(), uuid=uuid)
        return stored_file_response(
            document.file, filename=document.original_name, content_type=document.content_type
        )


class StaffHealthFormView(APIView):
    """A child's fiche sanitaire de liaison, pre-filled from the file (e.g. for a stay's
    folder)."""

    permission_classes = [StaffPermission]
    required_permissions = {"GET": "families.view_child"}
    content_negotiation_class = FileContentNegotiation

    @extend_schema(responses=PDF_RESPONSES, operation_id="staff_editions_health_form")
    def get(self, request, family_id, child_id):
        child = get_owned_or_404(
            Child.objects.select_related("family"), family_id=family_id, pk=child_id
        )
        data, filename = generate_edition(kind=HEALTH_FORM, child=child)
        return pdf_response(data, filename=filename)


@extend_schema_view(
    list=extend_schema(operation_id="staff_document_types_list"),
    retrieve=extend_schema(operation_id="staff_document_types_retrieve"),
    create=extend_schema(
        request={
            "multipart/form-data": StaffDocumentTypeSerializer,
            "application/json": StaffDocumentTypeSerializer,
        },
        operation_id="staff_document_types_create",
    ),
    update=extend_schema(
        request={
            "multipart/form-data": StaffDocumentTypeSerializer,
            "application/json": StaffDocumentTypeSerializer,
        },
        operation_id="staff_document_types_update",
    ),
    partial_update=extend_schema(
        request={
            "multipart/form-data": StaffDocumentTypeSerializer,
            "application/json": StaffDocumentTypeSerializer,
        },
        operation_id="staff_document_types_partial_update",
    ),
    destroy=extend_schema(
        responses={
            204: None,
            409: OpenApiResponse(description="Des documents ont déjà été déposés pour ce type."),
        },
        operation_id="staff_document_types_destroy",
    ),
)
class DocumentTypeViewSet(viewsets.ModelViewSet):
    """The documents the structure asks for. A type that received documents cannot be
    deleted (they stay filed under it): deactivate it instead."""

    permission_classes = [StaffPermission]
    required_permissions = {"GET": VIEW_TYPES, "*": CONFIGURE_TYPES}
    serializer_class = StaffDocumentTypeSerializer
    parser_classes = [JSONParser, MultiPartParser, FormParser]
    queryset = DocumentType.objects.all()

    def perform_destroy(self, instance: DocumentType) -> None:
        template = instance.template.name if instance.template else ""
        storage = instance.template.storage
        try:
            instance.delete()
        except ProtectedError as exc:
            raise Conflict(
                "Des documents ont déjà été déposés pour ce type : désactivez-le plutôt que de "
                "le supprimer."
            ) from exc
        if template:
            transaction.on_commit(lambda: storage.delete(template))

    @extend_schema(responses=FILE_RESPONSES, operation_id="staff_document_types_template")
    @action(
        detail=True,
        methods=["get"],
        url_path="template",
        content_negotiation_class=FileContentNegotiation,
    )
    def template(self, request, pk=None):
        document_type = self.get_object()
        if not document_type.template:
            raise Http404
        return template_file_response(
            document_type.template, title=f"Modèle - {document_type.name}"
        )
