"""GDPR consents a guardian answers at first login."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import permissions, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from api.fields import BoundedDateTimeField
from core.families.models import ConsentAnswer, ConsentType
from core.families.services.consents import answer_consents


class ConsentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    label = serializers.CharField()
    text = serializers.CharField()
    required = serializers.BooleanField()
    covers_health = serializers.BooleanField()
    accepted = serializers.BooleanField(allow_null=True)
    answered_at = BoundedDateTimeField(allow_null=True)


class ConsentAnswerInputSerializer(serializers.Serializer):
    consent = serializers.IntegerField()
    accepted = serializers.BooleanField()


class ConsentAnswersInputSerializer(serializers.Serializer):
    answers = ConsentAnswerInputSerializer(many=True, allow_empty=False)


def _consents_of(user) -> list[dict]:
    answers = {a.consent_id: a for a in ConsentAnswer.objects.filter(user=user)}
    result = []
    for consent in ConsentType.objects.filter(active=True):
        answer = answers.get(consent.pk)
        result.append(
            {
                "id": consent.pk,
                "label": consent.label,
                "text": consent.text,
                "required": consent.required,
                "covers_health": consent.covers_health,
                "accepted": answer.accepted if answer else None,
                "answered_at": answer.answered_at if answer else None,
            }
        )
    return result


class ConsentsView(APIView):
    """The structure's consents with this user's answers (``accepted: null`` = to answer)."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(responses=ConsentSerializer(many=True), operation_id="consents_list")
    def get(self, request):
        return Response(ConsentSerializer(_consents_of(request.user), many=True).data)

    @extend_schema(
        request=ConsentAnswersInputSerializer,
        responses=ConsentSerializer(many=True),
        operation_id="consents_answer",
    )
    def post(self, request):
        serializer = ConsentAnswersInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        answer_consents(
            user=request.user,
            answers={a["consent"]: a["accepted"] for a in serializer.validated_data["answers"]},
        )
        return Response(ConsentSerializer(_consents_of(request.user), many=True).data)
