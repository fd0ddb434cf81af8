"""Notification preferences (any signed-in user) and the RFC 8058 one-click unsubscribe (no
session: mail clients POST it on their own)."""

from __future__ import annotations

from django.core import signing
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView

from api.communication.announcements_serializers import (
    PreferencesInputSerializer,
    PreferencesSerializer,
    UnsubscribeInputSerializer,
    UnsubscribeSerializer,
)
from core.communication.models import LEGAL_KINDS, OPTIONAL_KINDS
from core.communication.services import preferences as service

BAD_TOKEN = "Ce lien de désinscription n'est pas valable pour ce portail."


def _payload(choices: dict[str, bool]) -> dict:
    return {
        "preferences": [
            {"kind": kind, "label": label, "email": choices[kind]}
            for kind, label in OPTIONAL_KINDS.items()
        ],
        "legal": [{"kind": kind, "label": label} for kind, label in LEGAL_KINDS.items()],
    }


class PreferencesView(APIView):
    """« Mes notifications »: which optional e-mails the user gets; legal ones listed apart."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses=PreferencesSerializer, operation_id="communication_preferences")
    def get(self, request):
        return Response(
            PreferencesSerializer(_payload(service.preferences_of(user=request.user))).data
        )

    @extend_schema(
        request=PreferencesInputSerializer,
        responses=PreferencesSerializer,
        operation_id="communication_preferences_update",
    )
    def put(self, request):
        data = PreferencesInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        choices = {}
        for item in data.validated_data["preferences"]:
            if item["kind"] not in OPTIONAL_KINDS:
                raise serializers.ValidationError(
                    {"preferences": [f"Type de notification inconnu : « {item['kind']} »."]}
                )
            choices[item["kind"]] = item["email"]
        saved = service.set_preferences(user=request.user, choices=choices)
        return Response(PreferencesSerializer(_payload(saved)).data)


class UnsubscribeThrottle(AnonRateThrottle):
    scope = "unsubscribe"
    rate = "30/min"


def _read(token: str | None) -> tuple[int, str]:
    if not token:
        raise serializers.ValidationError({"token": [BAD_TOKEN]})
    try:
        return service.read_unsubscribe_token(token)
    except signing.BadSignature:
        raise serializers.ValidationError({"token": [BAD_TOKEN]}) from None


TOKEN_PARAMETER = OpenApiParameter("token", str, description="Jeton du lien de l'e-mail")


class UnsubscribeView(APIView):
    """``GET`` says what the link stops (changes nothing: link scanners follow links);
    ``POST`` (token in the query or the body, e.g. RFC 8058 ``List-Unsubscribe=One-Click``)
    turns that kind of e-mail off."""

    permission_classes = [AllowAny]
    authentication_classes: list = []  # no session, hence no CSRF: the signed token decides
    throttle_classes = [UnsubscribeThrottle]
    parser_classes = [FormParser, MultiPartParser, JSONParser]

    @extend_schema(
        parameters=[TOKEN_PARAMETER],
        responses={200: UnsubscribeSerializer, 400: OpenApiResponse(description=BAD_TOKEN)},
        operation_id="communication_unsubscribe_read",
    )
    def get(self, request):
        _, kind = _read(request.query_params.get("token"))
        return Response({"kind": kind, "label": OPTIONAL_KINDS[kind]})

    @extend_schema(
        parameters=[TOKEN_PARAMETER],
        request=UnsubscribeInputSerializer,
        responses={200: UnsubscribeSerializer, 400: OpenApiResponse(description=BAD_TOKEN)},
        operation_id="communication_unsubscribe",
    )
    def post(self, request):
        token = request.query_params.get("token") or request.data.get("token")
        _read(token)
        try:
            kind = service.unsubscribe(token=token)
        except signing.BadSignature:
            raise serializers.ValidationError({"token": [BAD_TOKEN]}) from None
        return Response({"kind": kind, "label": OPTIONAL_KINDS[kind]})
