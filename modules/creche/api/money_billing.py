"""Staff money screens of the crèche: the month's pre-billing check, the Caf reports (screen,
CSV, PDF), the FILOUÉ file and the crèche's settings."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from api.downloads import FileContentNegotiation, pdf_response
from api.permissions import StaffPermission
from modules.creche.api.money_serializers import (
    CafReportSerializer,
    CrecheSettingsSerializer,
    FilouePreviewSerializer,
    MonthQuerySerializer,
    PrebillingSerializer,
    ReportQuerySerializer,
)
from modules.creche.models import CrecheSettings, Establishment
from modules.creche.services import caf_reports, filoue, prebilling

# The money exports hold allocataire numbers, postal codes and participations: only the money
# staff read them (``permissions.ROLE_PERMISSIONS``: not the sections' team, which holds
# ``view_contract`` for the day's board).
MONEY_READ = "creche.view_crechesettings"
CHANGE_SETTINGS = "creche.change_crechesettings"


def _csv(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


class PrebillingView(APIView):
    permission_classes = [StaffPermission]
    required_permissions = {"GET": MONEY_READ}

    @extend_schema(
        parameters=[MonthQuerySerializer],
        responses=PrebillingSerializer,
        operation_id="creche_staff_prebilling",
    )
    def get(self, request):
        query = MonthQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        establishment = get_object_or_404(Establishment, pk=query.validated_data["establishment"])
        year, month = map(int, query.validated_data["month"].split("-"))
        payload = prebilling.prebilling(establishment=establishment, year=year, month=month)
        return Response(PrebillingSerializer(payload).data)


def _report(request) -> caf_reports.Report:
    query = ReportQuerySerializer(data=request.query_params)
    query.is_valid(raise_exception=True)
    values = query.validated_data
    establishment = get_object_or_404(Establishment, pk=values["establishment"])
    return caf_reports.caf_report(
        establishment=establishment, year=values["year"], month=values.get("month")
    )


class CafReportView(APIView):
    permission_classes = [StaffPermission]
    required_permissions = {"GET": MONEY_READ}

    @extend_schema(
        parameters=[ReportQuerySerializer],
        responses=CafReportSerializer,
        operation_id="creche_staff_caf_report",
    )
    def get(self, request):
        return Response(CafReportSerializer(_report(request).as_dict()).data)


class CafReportExportView(APIView):
    """The report as CSV or PDF (``fmt``)."""

    permission_classes = [StaffPermission]
    required_permissions = {"GET": MONEY_READ}
    content_negotiation_class = FileContentNegotiation

    @extend_schema(
        parameters=[ReportQuerySerializer],
        responses={
            (200, "text/csv"): OpenApiTypes.BINARY,
            (200, "application/pdf"): OpenApiTypes.BINARY,
        },
        operation_id="creche_staff_caf_report_export",
    )
    def get(self, request, fmt: str):
        if fmt not in ("csv", "pdf"):
            raise Http404
        report = _report(request)
        name = caf_reports.report_filename(report, fmt)
        if fmt == "pdf":
            return pdf_response(caf_reports.report_pdf(report), filename=name)
        return _csv(caf_reports.report_csv(report), name)


class FilouQuerySerializer(serializers.Serializer):
    establishment = serializers.IntegerField()
    year = serializers.IntegerField(min_value=2000, max_value=2100)


def _filoue(request) -> filoue.FiloueFile:
    query = FilouQuerySerializer(data=request.query_params)
    query.is_valid(raise_exception=True)
    establishment = get_object_or_404(Establishment, pk=query.validated_data["establishment"])
    return filoue.filoue_year(establishment=establishment, year=query.validated_data["year"])


class FiloueView(APIView):
    """How many children the FILOUÉ file of a year holds, and how many are left out."""

    permission_classes = [StaffPermission]
    required_permissions = {"GET": MONEY_READ}

    @extend_schema(
        parameters=[FilouQuerySerializer],
        responses=FilouePreviewSerializer,
        operation_id="creche_staff_filoue",
    )
    def get(self, request):
        file = _filoue(request)
        return Response(
            FilouePreviewSerializer(
                {
                    "year": file.year,
                    "consenting_children": len(file.rows),
                    "excluded_children": file.excluded,
                    "consent_label": filoue.CONSENT_LABEL,
                }
            ).data
        )


class FiloueCsvView(APIView):
    permission_classes = [StaffPermission]
    required_permissions = {"GET": MONEY_READ}
    content_negotiation_class = FileContentNegotiation

    @extend_schema(
        parameters=[FilouQuerySerializer],
        responses={(200, "text/csv"): OpenApiTypes.BINARY},
        operation_id="creche_staff_filoue_csv",
    )
    def get(self, request):
        file = _filoue(request)
        return _csv(filoue.filoue_csv(file), f"filoue-{file.establishment.pk}-{file.year}.csv")


class CrecheSettingsView(APIView):
    """The crèche's settings (one row). (The FILOUÉ consent is the family's accord on its
    contract, ``Contract.filoue_consent``: nothing to install here.)"""

    permission_classes = [StaffPermission]
    required_permissions = {"GET": CHANGE_SETTINGS, "PUT": CHANGE_SETTINGS}

    @extend_schema(responses=CrecheSettingsSerializer, operation_id="creche_staff_settings")
    def get(self, request):
        return Response(CrecheSettingsSerializer(CrecheSettings.current()).data)

    @extend_schema(
        request=CrecheSettingsSerializer,
        responses=CrecheSettingsSerializer,
        operation_id="creche_staff_settings_update",
    )
    def put(self, request):
        data = CrecheSettingsSerializer(CrecheSettings.current(), data=request.data)
        data.is_valid(raise_exception=True)
        data.save()
        return Response(data.data)
