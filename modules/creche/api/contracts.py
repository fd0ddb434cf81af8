"""The staff's contracts: list, options of the form, prefill (from a child or an accepted place
request), live simulation of the PSU rate, draft creation and change, proposal to the family
(places held), cancellation, « signé sur papier », avenants and early end. Thin views over
``services.contracts`` / ``amendments`` / ``signature``. Read: ``creche.view_contract``;
create: ``creche.add_contract``; change: ``creche.change_contract``. Ids of another structure
do not exist in this schema: 404."""

from __future__ import annotations

from django.db.models import Q
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers as drf
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from api.downloads import PDF_RESPONSES, FileContentNegotiation, pdf_response
from api.params import optional_choice, optional_id, parse_date, search_text
from api.permissions import StaffPermission
from core.families.models import Child
from modules.creche.api import contracts_serializers as s
from modules.creche.models import Contract, Establishment, PlaceRequest, Section
from modules.creche.services import amendments, contracts, editions, signature
from modules.creche.services.contracts import default_months

READ = "creche.view_contract"
ADD = "creche.add_contract"
WRITE = "creche.change_contract"


def staff_contracts():
    return Contract.objects.select_related(
        "child",
        "family",
        "establishment",
        "section",
        "signed_by",
        "signed_document",
        "filoue_consent_by",
    ).prefetch_related("terms")


def detail(contract: Contract) -> dict:
    contract = staff_contracts().get(pk=contract.pk)
    return s.ContractDetailSerializer(contract, context={"staff": True}).data


def _section(pk: int | None, establishment: Establishment) -> Section | None:
    if pk is None:
        return None
    return get_object_or_404(Section, pk=pk, establishment=establishment)


class StaffView(APIView):
    permission_classes = [StaffPermission]
    required_permissions = {"GET": READ, "POST": WRITE, "PATCH": WRITE}

    def contract(self, pk: int) -> Contract:
        return get_object_or_404(staff_contracts(), pk=pk)


class ContractListView(StaffView):
    required_permissions = {"GET": READ, "POST": ADD}

    @extend_schema(
        parameters=[
            OpenApiParameter("establishment", int),
            OpenApiParameter("state", str, enum=[c for c, _ in Contract.STATE_CHOICES]),
            OpenApiParameter("child", int),
            OpenApiParameter("q", str, description="Nom ou prénom de l'enfant"),
        ],
        responses=s.ContractListSerializer(many=True),
        operation_id="creche_staff_contracts_list",
    )
    def get(self, request):
        """The contracts by establishment, state, child."""
        params = request.query_params
        rows = staff_contracts()
        if (establishment := optional_id(params, "establishment")) is not None:
            rows = rows.filter(establishment_id=establishment)
        if state := optional_choice(params, "state", Contract.STATE_CHOICES):
            rows = rows.filter(state=state)
        if (child := optional_id(params, "child")) is not None:
            rows = rows.filter(child_id=child)
        if text := search_text(params):
            rows = rows.filter(
                Q(child__first_name__icontains=text) | Q(child__last_name__icontains=text)
            )
        rows = rows.order_by("-start_date", "child__last_name", "pk")[:500]
        return Response(s.ContractListSerializer(rows, many=True).data)

    @extend_schema(
        request=s.ContractInputSerializer,
        responses={201: s.ContractDetailSerializer},
        operation_id="creche_staff_contracts_create",
    )
    def post(self, request):
        """A draft contract, its initial terms computed on its start."""
        data = s.ContractInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        child = get_object_or_404(Child.objects.select_related("family"), pk=values["child"])
        establishment = get_object_or_404(Establishment, pk=values["establishment"])
        place_request = None
        if values["request"] is not None:
            place_request = get_object_or_404(PlaceRequest, pk=values["request"])
        contract = contracts.create_contract(
            child=child,
            establishment=establishment,
            section=_section(values["section"], establishment),
            start=values["start_date"],
            end=values["end_date"],
            months_billed=values["months_billed"],
            terms=data.terms(),
            request=place_request,
            by=request.user,
        )
        return Response(detail(contract), status=status.HTTP_201_CREATED)


class ContractEstablishmentSerializer(drf.Serializer):
    id = drf.IntegerField()
    name = drf.CharField()
    sections = s.NamedSerializer(many=True)


class ContractOptionsSerializer(drf.Serializer):
    establishments = ContractEstablishmentSerializer(many=True)


class ContractOptionsView(StaffView):
    @extend_schema(
        responses=ContractOptionsSerializer, operation_id="creche_staff_contract_options"
    )
    def get(self, request):
        """The establishments and their sections, for the form and the filters."""
        rows = Establishment.objects.prefetch_related("sections").order_by("order", "name")
        return Response(
            ContractOptionsSerializer(
                {
                    "establishments": [
                        {
                            "id": e.pk,
                            "name": e.name,
                            "sections": [{"id": x.pk, "name": x.name} for x in e.sections.all()],
                        }
                        for e in rows
                    ]
                }
            ).data
        )


class ContractChildChoiceSerializer(drf.Serializer):
    id = drf.IntegerField()
    first_name = drf.CharField()
    last_name = drf.CharField()
    birth_date = drf.DateField(allow_null=True)
    family_name = drf.CharField()


class ContractChildrenView(StaffView):
    @extend_schema(
        parameters=[OpenApiParameter("q", str, required=True)],
        responses=ContractChildChoiceSerializer(many=True),
        operation_id="creche_staff_contract_children",
    )
    def get(self, request):
        """Children whose first or last name contains ``q`` (20 at most), for the form."""
        text = search_text(request.query_params)
        if len(text) < 2:
            return Response([])
        rows = (
            Child.objects.filter(Q(first_name__icontains=text) | Q(last_name__icontains=text))
            .filter(family__is_anonymised=False)
            .select_related("family")
            .order_by("last_name", "first_name", "pk")[:20]
        )
        data = [
            {
                "id": c.pk,
                "first_name": c.first_name,
                "last_name": c.last_name,
                "birth_date": c.birth_date,
                "family_name": str(c.family),
            }
            for c in rows
        ]
        return Response(ContractChildChoiceSerializer(data, many=True).data)


class ContractPrefillView(StaffView):
    @extend_schema(
        parameters=[
            OpenApiParameter("child", int),
            OpenApiParameter("request", int, description="Demande de place acceptée"),
            OpenApiParameter("start", str, description="AAAA-MM-JJ"),
        ],
        responses=s.PrefillSerializer,
        operation_id="creche_staff_contract_prefill",
    )
    def get(self, request):
        """The form's defaults: from an accepted place request (child, establishment, section,
        start, schedule) or a child; the family file's N-2 resources and children."""
        params = request.query_params
        request_id, child_id = optional_id(params, "request"), optional_id(params, "child")
        place_request, child = None, None
        if request_id is not None:
            place_request = get_object_or_404(
                PlaceRequest.objects.select_related("family", "child"),
                pk=request_id,
                state=PlaceRequest.ACCEPTED,
            )
            family, child = place_request.family, place_request.child
        elif child_id is not None:
            child = get_object_or_404(Child.objects.select_related("family"), pk=child_id)
            family = child.family
        else:
            raise drf.ValidationError({"child": ["Choisissez l'enfant ou la demande de place."]})
        start = parse_date(params.get("start"), "start") if params.get("start") else None
        if start is None and place_request is not None:
            start = place_request.offer_start
        values = contracts.prefill(family=family, child=child, start=start)
        data = {
            **values,
            "child": child.pk if child else None,
            "child_first_name": child.first_name if child else "",
            "child_last_name": child.last_name if child else "",
            "family_name": str(family),
            "establishment": place_request.offer_establishment_id if place_request else None,
            "section": place_request.offer_section_id if place_request else None,
            "request": place_request.pk if place_request else None,
            "start_date": start,
            "schedule": (
                (place_request.offer_schedule or place_request.schedule) if place_request else []
            ),
            "alternating": place_request.alternating if place_request else False,
        }
        return Response(s.PrefillSerializer(data).data)


class ContractSimulationView(StaffView):
    required_permissions = {"POST": READ}

    @extend_schema(
        request=s.SimulationInputSerializer,
        responses=s.SimulationSerializer,
        operation_id="creche_staff_contract_simulate",
    )
    def post(self, request):
        """The PSU computation of the form's figures, step by step (nothing saved)."""
        data = s.SimulationInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        establishment = get_object_or_404(Establishment, pk=values["establishment"])
        months = values["months_billed"] or (
            default_months(values["start_date"], values["end_date"]) if values["end_date"] else 12
        )
        computed = contracts.simulate(
            establishment=establishment,
            on=values["start_date"],
            months_billed=months,
            terms=data.terms(),
        )
        rate = computed.rate
        return Response(
            s.SimulationSerializer(
                {
                    "on": rate.on,
                    "parameters_from": rate.parameters_from,
                    "monthly_resources": rate.monthly_resources,
                    "retained_resources": rate.retained_resources,
                    "floor": rate.floor,
                    "ceiling": rate.ceiling,
                    "effort_rate": rate.effort_rate,
                    "rate_children": rate.rate_children,
                    "hourly_rate": rate.hourly_rate,
                    "hours_per_week": computed.hours_per_week,
                    "care_weeks": computed.care_weeks,
                    "months_billed": months,
                    "monthly_hours": computed.monthly_hours,
                    "monthly_fee": computed.monthly_fee,
                    "steps": list(computed.steps),
                }
            ).data
        )


class ContractDetailView(StaffView):
    @extend_schema(responses=s.ContractDetailSerializer, operation_id="creche_staff_contract")
    def get(self, request, pk):
        """The contract, its terms (contract and avenants, each with its steps)."""
        return Response(detail(self.contract(pk)))

    @extend_schema(
        request=s.ContractFrameSerializer,
        responses=s.ContractDetailSerializer,
        operation_id="creche_staff_contract_update",
    )
    def patch(self, request, pk):
        """Change a draft (its initial terms recomputed)."""
        contract = self.contract(pk)
        data = s.ContractFrameSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        contract = contracts.update_draft(
            contract=contract,
            section=_section(values["section"], contract.establishment),
            start=values["start_date"],
            end=values["end_date"],
            months_billed=values["months_billed"],
            terms=data.terms(),
            by=request.user,
        )
        return Response(detail(contract))


class ContractActionView(StaffView):
    required_permissions = {"POST": WRITE}
    action = ""

    def act(self, request, contract):
        raise NotImplementedError

    def post(self, request, pk):
        contract = self.act(request, self.contract(pk))
        return Response(detail(contract))


class ContractProposeView(ContractActionView):
    @extend_schema(
        request=None,
        responses=s.ContractDetailSerializer,
        operation_id="creche_staff_contract_propose",
    )
    def post(self, request, pk):
        """Propose to the family: the places of the whole contract are held (all or nothing,
        409 naming the full half-hour) and the family is e-mailed."""
        return super().post(request, pk)

    def act(self, request, contract):
        return contracts.propose(contract=contract, by=request.user)


class ContractCancelView(ContractActionView):
    @extend_schema(
        request=None,
        responses=s.ContractDetailSerializer,
        operation_id="creche_staff_contract_cancel",
    )
    def post(self, request, pk):
        """Cancel a contract not yet signed: its places are given back."""
        return super().post(request, pk)

    def act(self, request, contract):
        return contracts.cancel(contract=contract, by=request.user)


class ContractPaperView(ContractActionView):
    @extend_schema(
        request=None,
        responses=s.ContractDetailSerializer,
        operation_id="creche_staff_contract_signed_on_paper",
    )
    def post(self, request, pk):
        """The family signed the paper contract at the crèche."""
        return super().post(request, pk)

    def act(self, request, contract):
        return signature.sign_paper(contract=contract, by=request.user)


class ContractAmendmentView(StaffView):
    required_permissions = {"POST": WRITE}

    @extend_schema(
        request=s.AmendmentInputSerializer,
        responses={201: s.ContractDetailSerializer},
        operation_id="creche_staff_contract_amend",
    )
    def post(self, request, pk):
        """An avenant from its date: rate of that date, places re-booked (all or nothing)."""
        contract = self.contract(pk)
        data = s.AmendmentInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        amendments.add_amendment(
            contract=contract,
            effective_from=data.validated_data["effective_from"],
            terms=data.terms(),
            reason=data.validated_data["reason"],
            by=request.user,
        )
        return Response(detail(contract), status=status.HTTP_201_CREATED)


class ContractEndView(StaffView):
    required_permissions = {"POST": WRITE}

    @extend_schema(
        request=s.EndInputSerializer,
        responses=s.ContractDetailSerializer,
        operation_id="creche_staff_contract_end",
    )
    def post(self, request, pk):
        """End the contract early: the places after the new end are given back."""
        contract = self.contract(pk)  # an unknown id answers 404 before the body is read
        data = s.EndInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        contract = amendments.end_early(
            contract=contract, end=data.validated_data["end_date"], by=request.user
        )
        return Response(detail(contract))


class StaffContractPdfView(StaffView):
    content_negotiation_class = FileContentNegotiation

    @extend_schema(responses=PDF_RESPONSES, operation_id="creche_staff_contract_pdf")
    def get(self, request, pk):
        """The pre-filled contract, to print for a signature on paper (a draft too)."""
        contract = self.contract(pk)
        data, filename = editions.render_contract(contract=contract)
        return pdf_response(data, filename=filename)
