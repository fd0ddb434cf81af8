"""« Mes envois »: the family sends files and lists its envois; staff list every family's,
open the files and mark them seen. Read through the family's own querysets: another family's
(or structure's) id answers 404."""

from __future__ import annotations

from django.urls import reverse
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import generics, serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from api.communication.downloads import refuse_oversized_upload
from api.downloads import FILE_RESPONSES, FileContentNegotiation, stored_file_response
from api.permissions import IsFamilyMember, StaffPermission, get_owned_or_404
from core.communication.models import FamilySubmission, Thread
from core.communication.services.submissions import (
    family_submissions,
    mark_submission_seen,
    send_submission,
    staff_submissions,
)

SUBMISSIONS_READ = "communication.view_familysubmission"


class SubmissionChildSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class SubmissionFamilySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    number = serializers.IntegerField()


class SubmissionSerializer(serializers.ModelSerializer):
    """An envoi as its family sees it. Context: ``file_route``."""

    child = serializers.SerializerMethodField()
    seen = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()

    class Meta:
        model = FamilySubmission
        fields = [
            "id",
            "title",
            "child",
            "comment",
            "thread",
            "original_name",
            "content_type",
            "size",
            "created_at",
            "seen",
            "url",
        ]
        read_only_fields = fields

    @staticmethod
    def _child(submission: FamilySubmission) -> dict | None:
        child = submission.child
        if child is None:
            return None
        return {"id": child.pk, "name": f"{child.first_name} {child.last_name}".strip()}

    @extend_schema_field(SubmissionChildSerializer(allow_null=True))
    def get_child(self, submission: FamilySubmission) -> dict | None:
        return self._child(submission)

    def get_seen(self, submission: FamilySubmission) -> bool:
        return submission.seen_at is not None

    def get_url(self, submission: FamilySubmission) -> str:
        route = self.context.get("file_route", "v1:communication-submission-file")
        return reverse(route, kwargs={"pk": submission.pk})


class StaffSubmissionSerializer(SubmissionSerializer):
    family = serializers.SerializerMethodField()

    class Meta(SubmissionSerializer.Meta):
        fields = [*SubmissionSerializer.Meta.fields, "seen_at", "family"]
        read_only_fields = fields

    @extend_schema_field(SubmissionFamilySerializer)
    def get_family(self, submission: FamilySubmission) -> dict:
        family = submission.family
        return {"id": family.pk, "name": family.name, "number": family.number}


class SubmissionUploadSerializer(serializers.Serializer):
    """``multipart/form-data``."""

    title = serializers.CharField(max_length=150)
    child = serializers.IntegerField(required=False, allow_null=True, min_value=1)
    comment = serializers.CharField(max_length=2000, required=False, allow_blank=True)
    thread = serializers.IntegerField(
        required=False, allow_null=True, min_value=1, help_text="Conversation concernée."
    )
    file = serializers.FileField(
        allow_empty_file=True,  # the service says "Le fichier est vide." in French
        error_messages={"required": "Choisissez un fichier.", "invalid": "Choisissez un fichier."},
    )


class SubmissionQuerySerializer(serializers.Serializer):
    family = serializers.IntegerField(
        required=False, min_value=1, help_text="Seulement cette famille."
    )
    seen = serializers.ChoiceField(
        choices=["true", "false"], required=False, help_text="Vus (true) ou non vus (false)."
    )


class SubmissionListView(APIView):
    """The family's envois, newest first; ``POST`` sends one."""

    permission_classes = [IsFamilyMember]

    @extend_schema(
        responses=SubmissionSerializer(many=True), operation_id="communication_submissions_list"
    )
    def get(self, request):
        items = family_submissions(family=request.family)
        return Response(SubmissionSerializer(items, many=True).data)

    @extend_schema(
        request={"multipart/form-data": SubmissionUploadSerializer},
        responses={
            201: SubmissionSerializer,
            404: OpenApiResponse(description="Enfant ou conversation introuvable."),
        },
        operation_id="communication_submissions_create",
    )
    def post(self, request):
        refuse_oversized_upload(request)
        upload = SubmissionUploadSerializer(data=request.data)
        upload.is_valid(raise_exception=True)
        data = upload.validated_data
        child = thread = None
        if data.get("child") is not None:
            child = get_owned_or_404(request.family.children.all(), pk=data["child"])
        if data.get("thread") is not None:
            thread = get_owned_or_404(
                Thread.objects.filter(family=request.family), pk=data["thread"]
            )
        submission = send_submission(
            family=request.family,
            user=request.user,
            title=data["title"],
            file=data["file"],
            child=child,
            comment=data.get("comment", ""),
            thread=thread,
        )
        return Response(SubmissionSerializer(submission).data, status=status.HTTP_201_CREATED)


class SubmissionFileView(APIView):
    permission_classes = [IsFamilyMember]
    content_negotiation_class = FileContentNegotiation

    @extend_schema(responses=FILE_RESPONSES, operation_id="communication_submission_file")
    def get(self, request, pk):
        return _file(get_owned_or_404(family_submissions(family=request.family), pk=pk))


def _file(submission: FamilySubmission):
    return stored_file_response(
        submission.file, filename=submission.original_name, content_type=submission.content_type
    )


STAFF_CONTEXT = {"file_route": "v1:staff-communication-submission-file"}


class StaffSubmissionListView(generics.ListAPIView):
    """Every family's envois, newest first, by family and seen / not seen (paginated)."""

    permission_classes = [StaffPermission]
    required_permissions = {"GET": SUBMISSIONS_READ}
    serializer_class = StaffSubmissionSerializer

    def get_queryset(self):
        query = SubmissionQuerySerializer(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        params = query.validated_data
        seen = params.get("seen")
        return staff_submissions(
            user=self.request.user,
            family_id=params.get("family"),
            seen=None if seen is None else seen == "true",
        )

    def get_serializer_context(self):
        return {**super().get_serializer_context(), **STAFF_CONTEXT}

    @extend_schema(
        parameters=[SubmissionQuerySerializer], operation_id="staff_communication_submissions"
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class StaffSubmissionSeenView(APIView):
    permission_classes = [StaffPermission]
    required_permissions = {"POST": SUBMISSIONS_READ}

    @extend_schema(
        request=None,
        responses=StaffSubmissionSerializer,
        operation_id="staff_communication_submission_seen",
    )
    def post(self, request, pk):
        submission = get_owned_or_404(staff_submissions(user=request.user), pk=pk)
        mark_submission_seen(submission=submission)
        return Response(StaffSubmissionSerializer(submission, context=STAFF_CONTEXT).data)


class StaffSubmissionFileView(APIView):
    permission_classes = [StaffPermission]
    required_permissions = {"GET": SUBMISSIONS_READ}
    content_negotiation_class = FileContentNegotiation

    @extend_schema(responses=FILE_RESPONSES, operation_id="staff_communication_submission_file")
    def get(self, request, pk):
        return _file(get_owned_or_404(staff_submissions(user=request.user), pk=pk))
