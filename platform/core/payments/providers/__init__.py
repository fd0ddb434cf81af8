"""The providers of online payment, chosen per structure (``ProviderSettings.provider``)."""

from __future__ import annotations

from core.payments.providers.base import Provider, ProviderError, ProviderStatus


def provider_class(code: str) -> type[Provider]:
    from core.payments.providers.dummy import DummyProvider
    from core.payments.providers.payfip import PayFiPProvider
    from core.payments.providers.stripe import StripeProvider

    classes = {c.code: c for c in (DummyProvider, StripeProvider, PayFiPProvider)}
    return classes[code]


def get_provider(code: str | None = None, settings=None) -> Provider:
    """The structure's provider (or the one named ``code``, e.g. the one of an old attempt)."""
    from core.payments.models import ProviderSettings

    settings = settings or ProviderSettings.current()
    return provider_class(code or settings.provider)(settings)


__all__ = ["Provider", "ProviderError", "ProviderStatus", "get_provider", "provider_class"]
