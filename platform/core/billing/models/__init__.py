from core.billing.models.invoices import MONEY, Invoice, InvoiceLine, InvoiceSeries, NumberCounter
from core.billing.models.payments import (
    Allocation,
    DirectDebitBatch,
    DirectDebitItem,
    DirectDebitMandate,
    Payment,
)
from core.billing.models.runs import InvoiceRun, RunFamily
from core.billing.models.settings import BillingSettings

__all__ = [
    "MONEY",
    "Allocation",
    "BillingSettings",
    "DirectDebitBatch",
    "DirectDebitItem",
    "DirectDebitMandate",
    "Invoice",
    "InvoiceLine",
    "InvoiceRun",
    "InvoiceSeries",
    "NumberCounter",
    "Payment",
    "RunFamily",
]
