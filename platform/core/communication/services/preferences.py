"""Which optional e-mails a user wants, and the RFC 8058 one-click unsubscribe.

Optional kinds (``OPTIONAL_KINDS``) are sent unless the user said no; legally needed e-mails
(invoices, contracts, password) never ask. Each optional e-mail carries a signed token naming
the user and the kind: the link in the e-mail and the ``List-Unsubscribe`` header lead to the
same endpoint, which answers a POST without a session (mail clients send it on their own).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core import signing
from django.db import connection

from core.communication.models import OPTIONAL_KINDS, NotificationPreference

_SALT = "marelle.unsubscribe"
UNSUBSCRIBE_API_PATH = "/api/v1/communication/unsubscribe/"
UNSUBSCRIBE_PAGE_PATH = "/desabonnement/"


def wants_email(*, user, kind: str) -> bool:
    """Whether ``user`` gets the optional e-mails of ``kind`` (legal kinds: always)."""
    if kind not in OPTIONAL_KINDS:
        return True
    return not NotificationPreference.objects.filter(user=user, kind=kind, email=False).exists()


def users_refusing(*, user_ids: Iterable[int], kind: str) -> set[int]:
    """Among ``user_ids``, those who turned ``kind`` off (one query for a whole batch)."""
    if kind not in OPTIONAL_KINDS:
        return set()
    return set(
        NotificationPreference.objects.filter(
            user_id__in=list(user_ids), kind=kind, email=False
        ).values_list("user_id", flat=True)
    )


def preferences_of(*, user) -> dict[str, bool]:
    """Every optional kind → whether it is sent to ``user``."""
    refused = set(
        NotificationPreference.objects.filter(user=user, email=False).values_list("kind", flat=True)
    )
    return {kind: kind not in refused for kind in OPTIONAL_KINDS}


def set_preferences(*, user, choices: dict[str, bool]) -> dict[str, bool]:
    """Save the user's answers (unknown kinds are ignored by the caller's validation)."""
    for kind, wanted in choices.items():
        if kind in OPTIONAL_KINDS:
            NotificationPreference.objects.update_or_create(
                user=user, kind=kind, defaults={"email": bool(wanted)}
            )
    return preferences_of(user=user)


def unsubscribe_token(*, user, kind: str) -> str:
    """A token naming the user, the kind and the structure (a token of one structure is
    refused by another: the schema is signed in)."""
    return signing.dumps({"u": user.pk, "k": kind, "s": connection.schema_name}, salt=_SALT)


def read_unsubscribe_token(token: str) -> tuple[int, str]:
    """``(user id, kind)`` of a valid token of this structure; ``signing.BadSignature`` else."""
    data = signing.loads(token, salt=_SALT)
    if data.get("s") != connection.schema_name or data.get("k") not in OPTIONAL_KINDS:
        raise signing.BadSignature("token of another structure or kind")
    return int(data["u"]), data["k"]


def unsubscribe(*, token: str) -> str:
    """Turn off the token's kind for its user; returns the kind. Idempotent."""
    from core.accounts.models import User

    user_id, kind = read_unsubscribe_token(token)
    user = User.objects.filter(pk=user_id).first()
    if user is None:
        raise signing.BadSignature("unknown user")
    set_preferences(user=user, choices={kind: False})
    return kind


def optional_email_headers(*, user, kind: str, base_url: str) -> tuple[dict[str, str], str]:
    """(RFC 8058 headers, page link) for an optional e-mail of ``kind`` to ``user``.

    ``base_url`` is the structure's address (``core.tenancy.routing.tenant_base_url``). The page
    link goes in the e-mail's footer (« Ne plus recevoir ces e-mails »).
    """
    token = unsubscribe_token(user=user, kind=kind)
    headers = {
        "List-Unsubscribe": f"<{base_url}{UNSUBSCRIBE_API_PATH}?token={token}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
    return headers, f"{base_url}{UNSUBSCRIBE_PAGE_PATH}{token}"
