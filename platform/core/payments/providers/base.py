"""The interface every online payment provider implements."""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from decimal import Decimal


class ProviderError(Exception):
    """The provider could not be reached or answered an error; the message is French."""


@dataclass(frozen=True)
class ProviderStatus:
    """What the provider says of an attempt, fetched from it (never from the caller's data).

    ``paid``: True paid, False not paid and never will be, None still in progress.
    ``outcome``: the attempt's final status when not paid (failed, cancelled, expired).
    """

    paid: bool | None
    amount: Decimal | None = None
    currency: str = "EUR"
    reference: str = ""  # the provider's transaction id, printed on the receipt
    final: bool = False
    outcome: str = ""
    detail: str = ""
    # Provider objects worth keeping (e.g. Stripe's payment intent, needed for a refund).
    state: dict = field(default_factory=dict)


class Provider(ABC):
    code: str = ""
    label: str = ""
    is_demo: bool = False
    supports_refund: bool = False

    def __init__(self, settings) -> None:
        self.settings = settings  # the structure's ProviderSettings row

    @abstractmethod
    def start(self, attempt, *, return_url: str, notify_url: str) -> str:
        """Create the provider's object; set ``attempt.provider_reference``; the redirect URL."""

    @abstractmethod
    def fetch_status(self, attempt) -> ProviderStatus:
        """Ask the provider where the attempt stands."""

    def refund(self, attempt) -> str:
        """Refund the attempt's payment in full; the provider's refund id."""
        raise ProviderError("Ce prestataire ne permet pas le remboursement depuis Marelle.")

    def check_configured(self) -> None:
        """Raise ProviderError (French) when the structure's settings are incomplete."""
        return None
