"""Routes of the billing API (parent and staff)."""

from django.urls import include, path

from api.billing import parent, staff

urlpatterns = [
    # Parent
    path("billing/account/", parent.AccountView.as_view(), name="billing-account"),
    path("billing/invoices/", parent.InvoiceListView.as_view(), name="billing-invoices"),
    path(
        "billing/invoices/<int:pk>/",
        parent.InvoiceDetailView.as_view(),
        name="billing-invoice",
    ),
    path("billing/statement/", parent.StatementView.as_view(), name="billing-statement"),
    path("billing/payments/", parent.PaymentListView.as_view(), name="billing-payments"),
    # Staff
    path("staff/billing/runs/", staff.RunListView.as_view(), name="staff-billing-runs"),
    path("staff/billing/runs/<int:pk>/", staff.RunDetailView.as_view(), name="staff-billing-run"),
    path(
        "staff/billing/runs/<int:pk>/recompute/",
        staff.RunRecomputeView.as_view(),
        name="staff-billing-run-recompute",
    ),
    path(
        "staff/billing/runs/<int:pk>/publish/",
        staff.RunPublishView.as_view(),
        name="staff-billing-run-publish",
    ),
    path(
        "staff/billing/runs/<int:pk>/families/",
        staff.RunFamilyListView.as_view(),
        name="staff-billing-run-families",
    ),
    path(
        "staff/billing/runs/<int:pk>/families/<int:family_pk>/lines/",
        staff.RunFamilyLinesView.as_view(),
        name="staff-billing-run-family-lines",
    ),
    path("staff/billing/rules/", staff.BillingRulesView.as_view(), name="staff-billing-rules"),
    path(
        "staff/billing/invoices/",
        staff.StaffInvoiceListView.as_view(),
        name="staff-billing-invoices",
    ),
    path(
        "staff/billing/invoices/<int:pk>/",
        staff.StaffInvoiceDetailView.as_view(),
        name="staff-billing-invoice",
    ),
    path(
        "staff/billing/invoices/<int:pk>/credit-note/",
        staff.CreditNoteView.as_view(),
        name="staff-billing-credit-note",
    ),
    path(
        "staff/billing/payments/",
        staff.StaffPaymentListView.as_view(),
        name="staff-billing-payments",
    ),
    path(
        "staff/billing/payments/<int:pk>/cancel/",
        staff.PaymentCancelView.as_view(),
        name="staff-billing-payment-cancel",
    ),
    path(
        "staff/billing/families/<int:pk>/account/",
        staff.FamilyAccountView.as_view(),
        name="staff-billing-family-account",
    ),
    path(
        "staff/billing/families/<int:pk>/statement/",
        staff.FamilyStatementView.as_view(),
        name="staff-billing-family-statement",
    ),
    path(
        "staff/billing/settings/",
        staff.InvoicingSettingsView.as_view(),
        name="staff-invoicing-settings",
    ),
    path("staff/billing/series/", staff.SeriesView.as_view(), name="staff-billing-series"),
    path("", include("api.billing.document_urls")),
    path("", include("api.payments.urls")),
]
