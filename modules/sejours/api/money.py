"""The money of a place: its account (price, deposit, balance, aids, what a cancellation would
cost), the aids staff enter, and cancelling a place or a whole stay. Thin views over
``modules/sejours/services``; another family's place is a 404.

A family may cancel its place with the stay's scale; it cannot claim the medical-certificate
refund itself: the certificate is checked by staff, who cancel the place with ``medical``. A
family asking for it is refused (nothing cancelled) and told to send the certificate, rather
than having its place cancelled with fees it did not expect.
"""

from __future__ import annotations

from django.db.models import Count, Sum
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import permissions, status
from rest_framework.response import Response
from rest_framework.views import APIView

from api.permissions import IsFamilyMember, IsStaffMember, get_owned_or_404, implements
from core.billing.models import Invoice
from core.documents.models import Document
from core.errors import DomainError
from modules.sejours.api.serializers_money import (
    AidInputSerializer,
    CancellationResultSerializer,
    CancelPlaceSerializer,
    CancelStaySerializer,
    PlaceAccountSerializer,
    StaffPlaceAccountSerializer,
    StayCancelPreviewSerializer,
    StayCancelResultSerializer,
)
from modules.sejours.models import Stay, StayAid, Wish
from modules.sejours.services import aids, cancellation
from modules.sejours.services.invoices import place_account

# Money screens: those who manage families (admin, gestionnaire, coordinateur) and the
# comptable read them; the same write (aids, cancellations), the comptable through the
# billing permission that lets it issue credit notes.
READ = "families.view_family"
WRITE_ANY = ("booking.change_enrolment", "billing.add_invoice")


class MedicalByStaff(DomainError):
    code = "medical_by_staff"


class MoneyStaffPermission(IsStaffMember):
    def has_permission(self, request, view) -> bool:
        if not super().has_permission(request, view):
            return False
        if request.method == "OPTIONS" and not implements(view, "GET"):
            return False  # nothing to read: nothing to describe either (as StaffPermission)
        user = request.user
        if request.method in permissions.SAFE_METHODS:
            return user.has_perm(READ)
        return user.has_perm(READ) and any(user.has_perm(p) for p in WRITE_ANY)


def _places():
    return Wish.objects.select_related(
        "stay__activity", "family", "child", "transport", "deposit_invoice", "balance_invoice"
    ).prefetch_related("aids")


def _result(result) -> dict:
    return {
        "kept": result.kept,
        "credit": result.credit,
        "to_invoice": result.to_invoice,
        "refund": result.refund,
        "lines": list(result.lines),
    }


# --- Families ----------------------------------------------------------------------------------


class FamilyPlaceView(APIView):
    permission_classes = [IsFamilyMember]

    def wish(self, request, wish_id) -> Wish:
        return get_owned_or_404(_places().filter(family=request.family), pk=wish_id)


class PlaceAccountView(FamilyPlaceView):
    @extend_schema(responses=PlaceAccountSerializer, operation_id="sejours_place_account")
    def get(self, request, wish_id):
        """The place's price, invoices, aids, what is left to pay and what cancelling today
        would keep."""
        return Response(
            PlaceAccountSerializer(place_account(wish=self.wish(request, wish_id))).data
        )


class PlaceCancelView(FamilyPlaceView):
    @extend_schema(
        request=CancelPlaceSerializer,
        responses=CancellationResultSerializer,
        operation_id="sejours_place_cancel",
    )
    def post(self, request, wish_id):
        """Cancel the place with the stay's scale. ``medical`` is refused from a family (400,
        ``medical_by_staff``): the certificate goes to the structure, which cancels for free."""
        wish = self.wish(request, wish_id)  # another family's place: 404 before any check
        data = CancelPlaceSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        if data.validated_data["medical"]:
            raise MedicalByStaff(
                "Une annulation sur certificat médical est faite par la structure : envoyez-lui "
                "le certificat, elle annulera la place sans frais.",
                field="medical",
            )
        result = cancellation.cancel_place(
            wish=wish, by=request.user, reason=data.validated_data["reason"], medical=False
        )
        return Response(CancellationResultSerializer(_result(result)).data)


# --- Staff -------------------------------------------------------------------------------------


class StaffPlaceView(APIView):
    permission_classes = [MoneyStaffPermission]

    def wish(self, wish_id) -> Wish:
        return get_object_or_404(_places(), pk=wish_id)


def staff_account(wish: Wish) -> dict:
    documents = Document.objects.filter(family_id=wish.family_id).select_related(
        "document_type", "child"
    )
    return {
        **place_account(wish=wish),
        "family_name": wish.family.name,
        "documents": [
            {
                "id": d.pk,
                "label": f"{d.document_type.name}"
                + (f" ({d.child.first_name})" if d.child_id else "")
                + f" — {d.original_name}",
            }
            for d in documents.order_by("-uploaded_at")
        ],
    }


class StaffPlaceAccountView(StaffPlaceView):
    @extend_schema(responses=StaffPlaceAccountSerializer, operation_id="sejours_staff_account")
    def get(self, request, wish_id):
        return Response(StaffPlaceAccountSerializer(staff_account(self.wish(wish_id))).data)


class StaffAidsView(StaffPlaceView):
    @extend_schema(
        request=AidInputSerializer,
        responses={201: StaffPlaceAccountSerializer},
        operation_id="sejours_staff_aid_add",
    )
    def post(self, request, wish_id):
        """Add a works council (CSE) or other aid, with its proof (a document of the family)."""
        wish = self.wish(wish_id)
        data = AidInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        proof = None
        if data.validated_data.get("proof"):
            proof = get_owned_or_404(
                Document.objects.filter(family_id=wish.family_id), pk=data.validated_data["proof"]
            )
        aids.add_aid(
            wish=wish,
            kind=data.validated_data["kind"],
            label=data.validated_data["label"],
            amount=data.validated_data["amount"],
            proof=proof,
            by=request.user,
        )
        return Response(
            StaffPlaceAccountSerializer(staff_account(self.wish(wish_id))).data,
            status=status.HTTP_201_CREATED,
        )


class StaffAidView(StaffPlaceView):
    @extend_schema(responses={204: None}, operation_id="sejours_staff_aid_remove")
    def delete(self, request, wish_id, aid_id):
        aid = get_object_or_404(StayAid.objects.filter(wish_id=wish_id), pk=aid_id)
        aids.remove_aid(aid=aid, by=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class StaffPlaceCancelView(StaffPlaceView):
    @extend_schema(
        request=CancelPlaceSerializer,
        responses=CancellationResultSerializer,
        operation_id="sejours_staff_place_cancel",
    )
    def post(self, request, wish_id):
        """Cancel the place with the stay's scale, or with nothing kept on a medical
        certificate (``medical``)."""
        wish = self.wish(wish_id)  # another structure's place: 404 before any check
        data = CancelPlaceSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        result = cancellation.cancel_place(
            wish=wish,
            by=request.user,
            reason=data.validated_data["reason"],
            medical=data.validated_data["medical"],
        )
        return Response(CancellationResultSerializer(_result(result)).data)


class StaffStayCancelView(APIView):
    permission_classes = [MoneyStaffPermission]

    @extend_schema(
        responses=StayCancelPreviewSerializer, operation_id="sejours_staff_stay_cancel_preview"
    )
    def get(self, request, stay_id):
        """Who a cancellation of the stay would affect."""
        stay = get_object_or_404(Stay.objects.select_related("activity"), pk=stay_id)
        live = Wish.objects.filter(stay=stay, status__in=Wish.LIVE)
        counts = live.aggregate(
            families=Count("family_id", distinct=True),
        )
        holding = live.filter(status__in=Wish.HOLDS_PLACE)
        invoiced = Invoice.objects.filter(
            kind=Invoice.KIND_INVOICE,
            lines__source_module="sejours",
            lines__activity_id=stay.activity_id,
        ).distinct()
        total = Invoice.objects.filter(pk__in=invoiced.values("pk")).aggregate(t=Sum("total"))
        activity = stay.activity
        data = {
            "stay": {
                "id": stay.pk,
                "name": activity.name,
                "start_date": activity.start_date,
                "end_date": activity.end_date,
                "status": stay.status,
            },
            "places": holding.count(),
            "waiting": live.count() - holding.count(),
            "families": counts["families"],
            "invoiced": total["t"] or 0,
        }
        return Response(StayCancelPreviewSerializer(data).data)

    @extend_schema(
        request=CancelStaySerializer,
        responses=StayCancelResultSerializer,
        operation_id="sejours_staff_stay_cancel",
    )
    def post(self, request, stay_id):
        """Cancel the stay: every place released and refunded in full, the families told."""
        stay = get_object_or_404(Stay, pk=stay_id)
        data = CancelStaySerializer(data=request.data)
        data.is_valid(raise_exception=True)
        result = cancellation.cancel_stay(
            stay=stay, by=request.user, reason=data.validated_data["reason"]
        )
        return Response(StayCancelResultSerializer(result).data)
