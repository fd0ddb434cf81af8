"""Routes of the billing documents (PDFs, attestations, exports, SEPA), under /api/v1/."""

from django.urls import path

from api.billing import documents as views

_STAFF_FAMILY = "staff/billing/families/<int:family_id>/attestations"

urlpatterns = [
    # Parent
    path("billing/invoices/<int:pk>/pdf/", views.InvoicePdfView.as_view(), name="billing-pdf"),
    path(
        "billing/payments/<int:pk>/receipt/",
        views.ReceiptPdfView.as_view(),
        name="billing-receipt",
    ),
    path(
        "billing/attestations/",
        views.AttestationListView.as_view(),
        name="billing-attestations",
    ),
    path(
        "billing/attestations/payments/<int:year>/pdf/",
        views.PaymentAttestationView.as_view(),
        name="billing-attestation-payments",
    ),
    path(
        "billing/attestations/childcare/<int:year>/pdf/",
        views.ChildcareAttestationView.as_view(),
        name="billing-attestation-childcare",
    ),
    path(
        "billing/attestations/presence/",
        views.PresenceAttestationView.as_view(),
        name="billing-attestation-presence",
    ),
    # Staff
    path(
        "staff/billing/invoices/<int:pk>/pdf/",
        views.StaffInvoicePdfView.as_view(),
        name="staff-billing-pdf",
    ),
    path(
        "staff/billing/payments/<int:pk>/receipt/",
        views.StaffReceiptPdfView.as_view(),
        name="staff-billing-receipt",
    ),
    path(
        f"{_STAFF_FAMILY}/",
        views.StaffAttestationListView.as_view(),
        name="staff-billing-attestations",
    ),
    path(
        f"{_STAFF_FAMILY}/payments/<int:year>/pdf/",
        views.StaffPaymentAttestationView.as_view(),
        name="staff-billing-attestation-payments",
    ),
    path(
        f"{_STAFF_FAMILY}/childcare/<int:year>/pdf/",
        views.StaffChildcareAttestationView.as_view(),
        name="staff-billing-attestation-childcare",
    ),
    path(
        f"{_STAFF_FAMILY}/presence/",
        views.StaffPresenceAttestationView.as_view(),
        name="staff-billing-attestation-presence",
    ),
    path(
        "staff/billing/exports/invoices.csv",
        views.InvoiceExportView.as_view(),
        name="staff-billing-export-invoices",
    ),
    path(
        "staff/billing/exports/credit-notes.csv",
        views.CreditNoteExportView.as_view(),
        name="staff-billing-export-credit-notes",
    ),
    path(
        "staff/billing/exports/payments.csv",
        views.PaymentExportView.as_view(),
        name="staff-billing-export-payments",
    ),
    path(
        "staff/billing/sepa/batches/",
        views.BatchListView.as_view(),
        name="staff-billing-sepa-batches",
    ),
    path(
        "staff/billing/sepa/batches/<int:pk>/xml/",
        views.BatchXmlView.as_view(),
        name="staff-billing-sepa-batch-xml",
    ),
    path(
        "staff/billing/sepa/batches/<int:pk>/confirm/",
        views.BatchConfirmView.as_view(),
        name="staff-billing-sepa-batch-confirm",
    ),
    path(
        "staff/billing/mandates/<int:family_id>/",
        views.MandateView.as_view(),
        name="staff-billing-mandate",
    ),
]
