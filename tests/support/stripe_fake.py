"""A fake Stripe API over HTTP (pytest-httpserver): the real SDK talks to it.

Only the calls Marelle makes: create / retrieve a Checkout Session (on a connected account,
``Stripe-Account`` header) and create a refund. The test moves a session along (paid, expired,
async failure) the way a customer on Stripe's page would.
"""

from __future__ import annotations

import itertools
import json
import re
from urllib.parse import parse_qs

from werkzeug import Request, Response

_ids = itertools.count(1)


class FakeStripe:
    def __init__(self, httpserver) -> None:
        self.sessions: dict[str, dict] = {}
        self.accounts: dict[str, str] = {}  # session id → connected account it was made on
        self.requests: list[tuple[str, str, str]] = []  # (method, path, account)
        self.refunds: list[dict] = []
        httpserver.expect_request(
            re.compile(r"^/v1/checkout/sessions$"), method="POST"
        ).respond_with_handler(self._create)
        httpserver.expect_request(
            re.compile(r"^/v1/checkout/sessions/[^/]+$"), method="GET"
        ).respond_with_handler(self._retrieve)
        httpserver.expect_request(re.compile(r"^/v1/refunds$"), method="POST").respond_with_handler(
            self._refund
        )
        self.url = httpserver.url_for("").rstrip("/")

    # --- what the customer does on Stripe's page ---------------------------------------------
    def pay(self, session_id: str, *, amount_cents: int | None = None, currency: str = "eur"):
        session = self.sessions[session_id]
        session.update(status="complete", payment_status="paid", currency=currency)
        session["payment_intent"] = f"pi_{session_id}"
        if amount_cents is not None:
            session["amount_total"] = amount_cents
        return session

    def complete_unpaid(self, session_id: str) -> dict:
        """A delayed method (SEPA debit): complete, money not there yet."""
        session = self.sessions[session_id]
        session.update(status="complete", payment_status="unpaid")
        session["payment_intent"] = f"pi_{session_id}"
        session["_intent_status"] = "processing"
        return session

    def expire(self, session_id: str) -> dict:
        self.sessions[session_id].update(status="expired")
        return self.sessions[session_id]

    def public(self, session_id: str) -> dict:
        """The session as a webhook carries it."""
        return {k: v for k, v in self.sessions[session_id].items() if not k.startswith("_")}

    # --- HTTP handlers ----------------------------------------------------------------------
    def _json(self, body: dict, status: int = 200) -> Response:
        return Response(json.dumps(body), status=status, content_type="application/json")

    def _form(self, request: Request) -> dict[str, str]:
        return {k: v[0] for k, v in parse_qs(request.get_data(as_text=True)).items()}

    def _create(self, request: Request) -> Response:
        account = request.headers.get("Stripe-Account", "")
        self.requests.append(("POST", request.path, account))
        form = self._form(request)
        total = sum(
            int(value) * int(form.get(key.replace("[price_data][unit_amount]", "[quantity]"), 1))
            for key, value in form.items()
            if key.endswith("[price_data][unit_amount]")
        )
        session_id = f"cs_test_{next(_ids):04d}{abs(hash(form.get('success_url'))) % 10**8}"
        session = {
            "id": session_id,
            "object": "checkout.session",
            "mode": form.get("mode"),
            "status": "open",
            "payment_status": "unpaid",
            "amount_total": total,
            "currency": form.get("currency"),
            "client_reference_id": form.get("client_reference_id"),
            "metadata": {
                "attempt_id": form.get("metadata[attempt_id]"),
                "schema": form.get("metadata[schema]"),
            },
            "success_url": form.get("success_url"),
            "cancel_url": form.get("cancel_url"),
            "payment_intent": None,
            "url": f"https://checkout.stripe.test/c/pay/{session_id}",
            "_lines": [v for k, v in form.items() if k.endswith("[product_data][name]")],
        }
        self.sessions[session_id] = session
        self.accounts[session_id] = account
        return self._json(self.public(session_id))

    def _retrieve(self, request: Request) -> Response:
        account = request.headers.get("Stripe-Account", "")
        self.requests.append(("GET", request.path, account))
        session_id = request.path.rsplit("/", 1)[1]
        if session_id not in self.sessions or self.accounts[session_id] != account:
            # Stripe answers 404 for an object of another account.
            return self._json(
                {"error": {"type": "invalid_request_error", "message": "No such session"}}, 404
            )
        body = self.public(session_id)
        intent = body.get("payment_intent")
        if intent and "payment_intent" in request.args.getlist("expand[0]"):
            status = self.sessions[session_id].get("_intent_status") or (
                "succeeded" if body["payment_status"] == "paid" else "requires_payment_method"
            )
            body["payment_intent"] = {"id": intent, "object": "payment_intent", "status": status}
        return self._json(body)

    def _refund(self, request: Request) -> Response:
        account = request.headers.get("Stripe-Account", "")
        self.requests.append(("POST", request.path, account))
        refund = {
            "id": f"re_{next(_ids):06d}",
            "object": "refund",
            "payment_intent": self._form(request).get("payment_intent"),
            "status": "succeeded",
            "account": account,
        }
        self.refunds.append(refund)
        return self._json(refund)
