"""``POST /api/v1/password/check/``: a candidate password against the server's own password
rules, for the SPA's checklist (sign-up, reset, change, first-login change).

It checks only the values sent: signed in, the similarity rule compares the password with the
account's name and e-mail (what the password change validates); anonymous, with the name and
e-mail the form sends (sign-up, or the reset key's account as the reset page received it). No
account is looked up, so the answer tells nothing about who has one. Throttled per client
address (per account when signed in), like the other public account endpoints.
"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import permissions, serializers
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from core.accounts.passwords import candidate_user, check_password


class PasswordCandidateSerializer(serializers.Serializer):
    password = serializers.CharField(
        max_length=4096, trim_whitespace=False, allow_blank=True, style={"input_type": "password"}
    )
    email = serializers.CharField(
        max_length=254,
        required=False,
        allow_blank=True,
        default="",
        help_text="Adresse e-mail saisie (ignorée une fois connecté).",
    )
    first_name = serializers.CharField(
        max_length=150,
        required=False,
        allow_blank=True,
        default="",
        help_text="Prénom saisi (ignoré une fois connecté).",
    )
    last_name = serializers.CharField(
        max_length=150,
        required=False,
        allow_blank=True,
        default="",
        help_text="Nom saisi (ignoré une fois connecté).",
    )


class PasswordRuleSerializer(serializers.Serializer):
    id = serializers.CharField()
    label = serializers.CharField()
    passed = serializers.BooleanField()
    message = serializers.CharField(allow_blank=True, help_text="Le message du refus, sinon vide.")


class PasswordCheckSerializer(serializers.Serializer):
    valid = serializers.BooleanField(help_text="Le serveur accepterait ce mot de passe.")
    rules = PasswordRuleSerializer(many=True)
    errors = serializers.ListField(
        child=serializers.CharField(),
        help_text="Les messages du refus, tels que l'inscription "
        "ou le changement de mot de passe les donnent.",
    )


class PasswordCheckView(APIView):
    permission_classes = [permissions.AllowAny]
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "password_check"

    @extend_schema(
        request=PasswordCandidateSerializer,
        responses=PasswordCheckSerializer,
        operation_id="password_check",
    )
    def post(self, request):
        """Every rule of the password policy, passed or failed for this password."""
        data = PasswordCandidateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        if request.user.is_authenticated:
            user = request.user
        else:
            user = candidate_user(
                email=values["email"],
                first_name=values["first_name"],
                last_name=values["last_name"],
            )
        result = check_password(values["password"], user=user)
        return Response(
            PasswordCheckSerializer(
                {"valid": result.valid, "rules": result.rules, "errors": result.errors}
            ).data
        )
