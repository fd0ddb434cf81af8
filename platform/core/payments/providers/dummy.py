"""The demonstration provider: our own page, no money moves (demo and tests).

eopayment's dummy backend redirects to an external site, unusable offline, hence this one.
"""

from __future__ import annotations

from datetime import timedelta

from django.core import signing
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from core.payments.providers.base import Provider, ProviderError, ProviderStatus

SALT = "core.payments.dummy"
OUTCOMES = {"pay", "refuse", "abandon"}
# An attempt left on the demo page is given up after this long (the polling task settles it).
ABANDONED_AFTER = timedelta(hours=1)


def make_token(attempt) -> str:
    # Bound to the attempt and the schema: a token cannot be replayed for another attempt or
    # on another structure.
    return signing.dumps({"a": attempt.pk, "s": connection.schema_name}, salt=SALT)


def read_token(token: str) -> int:
    try:
        data = signing.loads(token, salt=SALT, max_age=timedelta(days=1))
    except signing.BadSignature as exc:
        raise ProviderError("Lien de paiement invalide ou expiré.") from exc
    if data.get("s") != connection.schema_name:
        raise ProviderError("Lien de paiement invalide ou expiré.")
    return int(data["a"])


class DummyProvider(Provider):
    code = "dummy"
    label = "Paiement de démonstration — aucun débit réel"
    is_demo = True
    supports_refund = True

    def start(self, attempt, *, return_url: str, notify_url: str) -> str:
        token = make_token(attempt)
        attempt.provider_reference = f"demo-{attempt.pk}"
        attempt.provider_state = {**attempt.provider_state, "return_url": return_url}
        return reverse("v1:payments-demo", kwargs={"token": token})

    def fetch_status(self, attempt) -> ProviderStatus:
        outcome = attempt.provider_state.get("outcome")
        reference = attempt.provider_reference
        if outcome == "pay":
            return ProviderStatus(
                paid=True, amount=attempt.amount, currency="EUR", reference=reference, final=True
            )
        if outcome == "refuse":
            return ProviderStatus(paid=False, final=True, outcome="failed", detail="Refusé")
        if outcome == "abandon" or timezone.now() - attempt.created_at > ABANDONED_AFTER:
            return ProviderStatus(paid=False, final=True, outcome="cancelled", detail="Abandon")
        return ProviderStatus(paid=None)

    def refund(self, attempt) -> str:
        return f"demo-refund-{attempt.pk}"
