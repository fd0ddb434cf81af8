"""Attestations d'inscription: the family asks and downloads, staff issue or refuse.

The family sees only its own children's certificates (any other id answers 404); staff need
the enrolment permissions (the same people who decide enrolments).
"""

from __future__ import annotations

from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import serializers, status
from rest_framework.generics import ListAPIView
from rest_framework.response import Response
from rest_framework.views import APIView

from api.downloads import PDF_RESPONSES, FileContentNegotiation, pdf_response
from api.params import optional_choice, optional_id
from api.permissions import IsFamilyMember, StaffPermission, get_owned_or_404
from api.schema import choice_parameter
from core.booking.models import Enrolment, EnrolmentCertificate
from core.booking.services.certificates import (
    decide_certificates,
    render_certificate_pdf,
    request_certificate,
)

VIEW_ENROLMENTS = "booking.view_enrolment"
DECIDE = "booking.change_enrolment"


class CertificateSerializer(serializers.ModelSerializer):
    child_name = serializers.CharField(source="enrolment.child.first_name", read_only=True)
    activity_name = serializers.CharField(source="enrolment.activity.__str__", read_only=True)
    pdf_url = serializers.SerializerMethodField()

    class Meta:
        model = EnrolmentCertificate
        fields = [
            "id",
            "enrolment",
            "child_name",
            "activity_name",
            "state",
            "requested_at",
            "decided_at",
            "issued_on",
            "reason",
            "pdf_url",
        ]
        read_only_fields = fields

    def get_pdf_url(self, obj) -> str | None:
        if obj.state != EnrolmentCertificate.STATE_ISSUED:
            return None
        return f"{self.context.get('base', '/api/v1/booking/certificates')}/{obj.pk}/pdf/"


class StaffCertificateSerializer(CertificateSerializer):
    family_id = serializers.IntegerField(source="enrolment.child.family_id", read_only=True)
    family_name = serializers.CharField(source="enrolment.child.family.name", read_only=True)
    child_last_name = serializers.CharField(source="enrolment.child.last_name", read_only=True)

    class Meta(CertificateSerializer.Meta):
        fields = [*CertificateSerializer.Meta.fields, "family_id", "family_name", "child_last_name"]
        read_only_fields = fields


class CertificateRequestSerializer(serializers.Serializer):
    enrolment = serializers.IntegerField()


def _certificates():
    return EnrolmentCertificate.objects.select_related(
        "enrolment__child__family", "enrolment__activity", "decided_by"
    )


class CertificateListView(ListAPIView):
    """The family's attestation requests and certificates; POST asks for one."""

    permission_classes = [IsFamilyMember]
    serializer_class = CertificateSerializer

    def get_queryset(self):
        return _certificates().filter(enrolment__child__family=self.request.family)

    @extend_schema(
        request=CertificateRequestSerializer,
        responses={
            201: CertificateSerializer,
            404: OpenApiResponse(description="Inscription introuvable."),
        },
        operation_id="booking_certificates_create",
    )
    def post(self, request):
        data = CertificateRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        enrolment = get_owned_or_404(
            Enrolment.objects.filter(child__family=request.family),
            pk=data.validated_data["enrolment"],
        )
        certificate = request_certificate(enrolment=enrolment, user=request.user)
        return Response(CertificateSerializer(certificate).data, status=status.HTTP_201_CREATED)


class CertificatePdf(APIView):
    content_negotiation_class = FileContentNegotiation

    def certificates(self):
        raise NotImplementedError

    def get(self, request, pk: int):
        certificate = get_owned_or_404(
            self.certificates().filter(state=EnrolmentCertificate.STATE_ISSUED), pk=pk
        )
        data, filename = render_certificate_pdf(certificate)
        return pdf_response(data, filename=filename)


@extend_schema_view(
    get=extend_schema(responses=PDF_RESPONSES, operation_id="booking_certificate_pdf")
)
class CertificatePdfView(CertificatePdf):
    """An issued certificate of one of the family's children, as a PDF."""

    permission_classes = [IsFamilyMember]

    def certificates(self):
        return _certificates().filter(enrolment__child__family=self.request.family)


@extend_schema_view(
    get=extend_schema(responses=PDF_RESPONSES, operation_id="staff_booking_certificate_pdf")
)
class StaffCertificatePdfView(CertificatePdf):
    """Any issued certificate, as a PDF."""

    permission_classes = [StaffPermission]
    required_permissions = {"GET": VIEW_ENROLMENTS}

    def certificates(self):
        return _certificates()


STAFF_BASE = "/api/v1/staff/booking/certificates"


class StaffCertificateListView(ListAPIView):
    """Attestation requests (default: those awaiting an answer), oldest first."""

    permission_classes = [StaffPermission]
    required_permissions = {"GET": VIEW_ENROLMENTS}
    serializer_class = StaffCertificateSerializer

    @extend_schema(
        parameters=[
            choice_parameter(
                "state", EnrolmentCertificate.STATE_CHOICES, description="Par défaut : requested"
            ),
            OpenApiParameter("activity", int),
        ]
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "base": STAFF_BASE}

    def get_queryset(self):
        state = optional_choice(
            self.request.query_params,
            "state",
            EnrolmentCertificate.STATE_CHOICES,
            default=EnrolmentCertificate.STATE_REQUESTED,
        )
        qs = _certificates().filter(state=state)
        if (activity := optional_id(self.request.query_params, "activity")) is not None:
            qs = qs.filter(enrolment__activity_id=activity)
        return qs.order_by("requested_at", "pk")


class CertificateDecisionSerializer(serializers.Serializer):
    ids = serializers.ListField(child=serializers.IntegerField(), allow_empty=False, max_length=500)
    decision = serializers.ChoiceField(choices=["issue", "refuse"])
    reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=1000)


class StaffCertificateDecisionView(APIView):
    permission_classes = [StaffPermission]
    required_permissions = {"POST": DECIDE}

    @extend_schema(
        request=CertificateDecisionSerializer,
        responses=StaffCertificateSerializer(many=True),
        operation_id="staff_certificates_decide",
    )
    def post(self, request):
        """Issue (one click: the PDF is ready for the family) or refuse, with a reason,
        several attestation requests at once."""
        data = CertificateDecisionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        done = decide_certificates(
            certificate_ids=data.validated_data["ids"],
            decision=data.validated_data["decision"],
            reason=data.validated_data["reason"],
            by=request.user,
        )
        return Response(
            StaffCertificateSerializer(done, many=True, context={"base": STAFF_BASE}).data
        )
