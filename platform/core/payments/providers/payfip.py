"""PayFiP (DGFiP) for communes, through eopayment's ``payfip_ws`` backend."""

from __future__ import annotations

import logging
from decimal import Decimal

import eopayment
import zeep
from django.conf import settings as django_settings
from eopayment import payfip_ws

from core.payments.providers.base import Provider, ProviderError, ProviderStatus

logger = logging.getLogger(__name__)

BINDING = (
    "{http://securite.service.tpa.cp.finances.gouv.fr/services/mas_securite/"
    "contrat_paiement_securise/PaiementSecuriseService}PaiementSecuriseServicePortBinding"
)
OUTCOMES = {
    eopayment.DENIED: "failed",
    eopayment.CANCELLED: "cancelled",
    eopayment.EXPIRED: "expired",
}


class _PayFiP(payfip_ws.PayFiP):
    """eopayment's SOAP client, sent to ``service_url`` when set (a test double, a proxy):
    eopayment stores that argument but zeep keeps the WSDL's address."""

    @property
    def client(self):
        if not hasattr(self, "_client"):
            client = zeep.Client(self.wsdl_url, **(self.zeep_client_kwargs or {}))
            if self.service_url:
                client._default_service = client.create_service(BINDING, self.service_url)
            self._client = client
        return self._client


class PayFiPProvider(Provider):
    code = "payfip"
    label = "PayFiP (carte bancaire ou prélèvement unique)"

    def check_configured(self) -> None:
        if not self.settings.payfip_numcli:
            raise ProviderError("Le numéro client PayFiP de la régie n'est pas renseigné.")

    def _backend(self, *, return_url: str = "", notify_url: str = "") -> eopayment.Payment:
        backend = eopayment.Payment(
            "payfip_ws",
            {
                "numcli": self.settings.payfip_numcli,
                "saisie": self.settings.payfip_mode,
                "normal_return_url": return_url or "https://invalid/",
                "automatic_return_url": notify_url or "https://invalid/",
            },
        )
        backend.backend.payfip = _PayFiP(
            wsdl_url=None, service_url=django_settings.PAYFIP_SERVICE_URL or None
        )
        return backend

    def start(self, attempt, *, return_url: str, notify_url: str) -> str:
        self.check_configured()
        if attempt.amount < Decimal("1.00"):
            raise ProviderError("PayFiP n'accepte pas les paiements de moins de 1 €.")
        email = attempt.user.email if attempt.user_id else ""
        if not email:
            raise ProviderError("Une adresse e-mail est nécessaire pour payer par PayFiP.")
        numbers = " ".join(attempt.invoices.order_by("pk").values_list("number", flat=True))
        try:
            idop, _, url = self._backend(return_url=return_url, notify_url=notify_url).request(
                attempt.amount,
                email=email,
                refdet=f"MARELLE{attempt.pk:08d}",
                subject=f"Factures {numbers}"[:100],
            )
        except (payfip_ws.PayFiPError, ValueError) as exc:
            logger.warning("PayFiP: idop not created for attempt %s: %s", attempt.pk, exc)
            raise ProviderError("Le service PayFiP est indisponible, réessayez.") from exc
        attempt.provider_reference = idop
        return url

    def fetch_status(self, attempt) -> ProviderStatus:
        self.check_configured()
        try:
            response = self._backend().payment_status(
                attempt.provider_reference, transaction_date=attempt.created_at
            )
        except payfip_ws.PayFiPError as exc:
            raise ProviderError(f"PayFiP injoignable : {exc}") from exc
        data = response.bank_data or {}
        if response.result == eopayment.PAID:
            cents = data.get("montant")
            return ProviderStatus(
                paid=True,
                amount=(Decimal(cents) / 100).quantize(Decimal("0.01")) if cents else None,
                currency="EUR",
                reference=response.transaction_id or attempt.provider_reference,
                final=True,
            )
        if response.result in OUTCOMES:
            return ProviderStatus(
                paid=False,
                final=True,
                outcome=OUTCOMES[response.result],
                detail=response.bank_status,
            )
        return ProviderStatus(paid=None, detail=response.bank_status or "")
