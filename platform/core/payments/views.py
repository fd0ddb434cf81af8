"""The demonstration provider's page (Django-rendered, on the structure's host)."""

from __future__ import annotations

from django.db import connection
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from core.families.models import Guardian
from core.payments.models import PaymentAttempt
from core.payments.providers import ProviderError
from core.payments.providers.dummy import OUTCOMES, DummyProvider, read_token
from core.payments.services import return_path, settle_attempt


def _attempt_for(request, token: str) -> PaymentAttempt:
    try:
        attempt_id = read_token(token)
    except ProviderError as exc:
        raise Http404 from exc
    attempt = (
        PaymentAttempt.objects.filter(pk=attempt_id, provider=DummyProvider.code)
        .select_related("family")
        .first()
    )
    user = request.user
    # Only a guardian of the paying family sees the page (like a bank's page behind 3-D Secure).
    if attempt is None or not user.is_authenticated:
        raise Http404
    if not Guardian.objects.filter(user=user, family_id=attempt.family_id).exists():
        raise Http404
    return attempt


@require_http_methods(["GET", "POST"])
def dummy_payment_page(request, token: str):
    attempt = _attempt_for(request, token)
    if request.method == "POST" and not attempt.is_final:
        choice = request.POST.get("choice")
        if choice in OUTCOMES:
            # The outcome is stored on the attempt; settle_attempt reads it back like it would
            # ask a real provider, through the same idempotent path.
            PaymentAttempt.objects.filter(pk=attempt.pk, status=attempt.STATUS_PENDING).update(
                provider_state={**attempt.provider_state, "outcome": choice}
            )
            settle_attempt(attempt_id=attempt.pk)
            return HttpResponseRedirect(return_path(attempt))
    if attempt.is_final:
        return HttpResponseRedirect(return_path(attempt))
    return render(
        request,
        "payments/dummy.html",
        {
            "structure": connection.tenant.name,
            "attempt": attempt,
            "invoices": attempt.invoices.order_by("due_date", "sequence"),
            "label": DummyProvider.label,
        },
    )
