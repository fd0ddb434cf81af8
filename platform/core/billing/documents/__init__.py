"""Billing documents: invoice, credit note and receipt PDFs, attestations, exports, SEPA."""
