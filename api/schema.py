"""How the OpenAPI schema describes the API where drf-spectacular's default is wrong or silent:
times of day, blank slugs, typed query parameters, the error answers of every operation.

A time of day (``07:30:00``) is declared ``format: time``, which OpenAPI takes from RFC 3339's
``full-time``: it requires an offset (``07:30:00+01:00``) that our times, wall-clock times in
the structure's zone, never carry. A pattern says what the API really accepts and returns.
"""

from __future__ import annotations

import re

from django.core.exceptions import FieldDoesNotExist
from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter

TIME_PATTERN = r"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\.[0-9]+)?)?$"
SLUG_OR_BLANK_PATTERN = r"^[-a-zA-Z0-9_]*$"


class WallClockTimeExtension(OpenApiSerializerFieldExtension):
    target_class = "rest_framework.fields.TimeField"
    match_subclasses = True

    def map_serializer_field(self, auto_schema, direction):
        return {"type": "string", "pattern": TIME_PATTERN, "example": "07:30:00"}


class BlankSlugExtension(OpenApiSerializerFieldExtension):
    """A slug that may be blank: its validator's pattern (``+``) would refuse the ``""`` the API
    returns. DRF drops ``allow_blank`` from read-only fields, so the model says whether a
    read-only slug may be blank."""

    target_class = "rest_framework.fields.SlugField"
    match_subclasses = True

    def map_serializer_field(self, auto_schema, direction):
        schema = auto_schema._map_serializer_field(self.target, direction, bypass_extensions=True)
        if _may_be_blank(self.target):
            # Set here, the pattern is kept: drf-spectacular adds the validator's only if none.
            schema["pattern"] = SLUG_OR_BLANK_PATTERN
        return schema


def _may_be_blank(field) -> bool:
    if field.allow_blank:
        return True
    model = getattr(getattr(field.parent, "Meta", None), "model", None)
    if not field.read_only or model is None:
        return False
    try:
        return model._meta.get_field(field.source).blank
    except FieldDoesNotExist:
        return False


# --- query parameters ----------------------------------------------------------------------
#
# As ``api.params`` reads them: typed, so that a client (and a fuzzer) knows the values that
# pass, and that anything else is a 400.


def choice_parameter(name: str, choices, description: str = "") -> OpenApiParameter:
    """A parameter ``optional_choice`` reads: one of ``choices`` (values or Django pairs)."""
    values = [c[0] if isinstance(c, tuple | list) else c for c in choices]
    return OpenApiParameter(name, str, enum=values, description=description)


def date_parameter(name: str, description: str) -> OpenApiParameter:
    return OpenApiParameter(name, OpenApiTypes.DATE, description=description)


MONTH_PATTERN = r"^[0-9]{4}-(0[1-9]|1[0-2])$"
PERIOD_PARAMETERS = [
    date_parameter("from", "Du (inclus), AAAA-MM-JJ"),
    date_parameter("to", "Au (inclus), AAAA-MM-JJ"),
]


# --- error answers ------------------------------------------------------------------------
#
# Every operation can answer some errors whatever its view does: the permission classes, the
# request guard (core/http/guards.py), DRF's parsers and pagination, the module gate. Declaring
# them by hand on each view would drift; the hook below adds them from what the schema already
# says of the operation (its security, body, parameters and pagination) and of its view (its
# throttles). An error a view gives of its own (a 409, a 404 on an id in the body) is declared
# on the view with ``OpenApiResponse(description=…)``; the hook gives it the error body.

ERROR = "Erreur"
VALIDATION_ERROR = "ErreurDeSaisie"
ERROR_SCHEMAS = {
    ERROR: {
        "type": "object",
        "description": "Une erreur, en français : `detail` pour l'afficher, `code` pour réagir.",
        "properties": {
            "detail": {"type": "string"},
            "code": {"type": "string"},
        },
        "required": ["detail"],
    },
    VALIDATION_ERROR: {
        "type": "object",
        "description": (
            "Une requête refusée, en français : `detail` (un message ou une liste) pour la "
            'requête entière, sinon les messages par champ (`{"champ": ["message"]}`, '
            "imbriqués comme la saisie)."
        ),
        "properties": {
            "detail": {
                "oneOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]
            },
            "code": {"type": "string"},
        },
        "additionalProperties": True,
    },
}
ERROR_TITLES = {
    400: "Requête refusée",
    403: "Accès refusé",
    404: "Introuvable",
    413: "Corps de requête trop volumineux.",
    415: "Type de contenu du corps non pris en charge.",
    429: "Trop de requêtes : réessayer plus tard.",
}
UNSAFE = {"post", "put", "patch", "delete"}


def _error_reasons(path: str, method: str, operation: dict, view) -> dict[int, list[str]]:
    """Status → why the operation may answer it, whatever its view does."""
    from api.permissions import IsFamilyMember
    from core.modules import registry

    parameters = operation.get("parameters", [])
    in_path = [p for p in parameters if p["in"] == "path"]
    has_body = "requestBody" in operation
    security = operation.get("security", [])
    reasons: dict[int, list[str]] = {}

    def add(status: int, reason: str = "") -> None:
        reasons.setdefault(status, [])
        if reason:
            reasons[status].append(reason)

    # The request guard refuses NUL in a query string, a body or the path; the parsers and
    # serializers what they cannot read; the services a write their rules forbid (a run no
    # longer a draft, an activity with bookings).
    if any(p["in"] == "query" for p in parameters):
        add(400, "paramètre de requête invalide")
    if has_body:
        add(400, "corps invalide")
    if in_path:
        add(400, "caractère refusé dans l'adresse")
    if method in UNSAFE:
        add(400, "règle de gestion")
    # The permission classes; SessionAuthentication's CSRF check on a signed-in write.
    if {} not in security:
        add(403, "connexion requise ou rôle insuffisant")
    if method in UNSAFE and any("cookieAuth" in s for s in security):
        add(403, "vérification CSRF échouée")
    permissions = getattr(view, "permission_classes", None) or []
    if method in UNSAFE and any(issubclass(p, IsFamilyMember) for p in permissions):
        add(403, "consentements de la structure à donner d'abord")
    if in_path:
        add(404, "objet inexistant ou d'une autre famille")
    if any(p["name"] == "page" and p["in"] == "query" for p in parameters):
        add(404, "page hors limites")
    if path.startswith(tuple(f"/api/v1/{module.id}/" for module in registry)):
        add(404, "module non activé pour la structure")
    # Django's size limits; DRF's parsers, for a body of a type none of them reads.
    if has_body:
        add(413)
        add(415)
    if view is not None and getattr(view, "throttle_classes", None):
        add(429)
    return reasons


def _description(status: int, reasons: list[str]) -> str:
    title = ERROR_TITLES[status]
    return f"{title} : {', '.join(reasons)}." if reasons else title


def _shape(path: str) -> str:
    return re.sub(r"\{[^}]*\}", "{}", path)


def add_error_responses(result, generator, request, public):
    """drf-spectacular postprocessing hook: the error answers of every operation, with a body."""
    result.setdefault("components", {}).setdefault("schemas", {}).update(ERROR_SCHEMAS)
    # The endpoints name path parameters as the URL configuration does (``pk`` for ``id``).
    views = {
        (_shape(path), method.lower()): getattr(callback, "cls", None)
        for path, _, method, callback in (generator.endpoints or [])
    }
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            if method not in ("get", "post", "put", "patch", "delete"):
                continue
            responses = operation.setdefault("responses", {})
            view = views.get((_shape(path), method))
            for status, reasons in sorted(_error_reasons(path, method, operation, view).items()):
                responses.setdefault(str(status), {"description": _description(status, reasons)})
            for status, response in responses.items():
                if status.startswith("4") and "content" not in response:
                    name = VALIDATION_ERROR if status == "400" else ERROR
                    response["content"] = {
                        "application/json": {"schema": {"$ref": f"#/components/schemas/{name}"}}
                    }
            operation["responses"] = dict(sorted(responses.items()))
    return result
