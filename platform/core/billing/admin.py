from django.contrib import admin

from core.billing.models import (
    BillingSettings,
    Invoice,
    InvoiceLine,
    InvoiceRun,
    InvoiceSeries,
    Payment,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    """Issued documents and payments are read in the admin, never written or deleted there."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class LineInline(admin.TabularInline):
    model = InvoiceLine
    fk_name = "invoice"
    extra = 0
    fields = ["child_name", "activity_name", "date", "label", "amount"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Invoice)
class InvoiceAdmin(ReadOnlyAdmin):
    list_display = ["number", "kind", "recipient_name", "issue_date", "total", "status"]
    list_filter = ["kind", "status"]
    search_fields = ["number", "recipient_name"]
    inlines = [LineInline]


@admin.register(Payment)
class PaymentAdmin(ReadOnlyAdmin):
    list_display = ["number", "family", "method", "amount", "received_on", "status"]
    list_filter = ["method", "status"]
    search_fields = ["number", "reference"]


@admin.register(InvoiceRun)
class InvoiceRunAdmin(ReadOnlyAdmin):
    list_display = ["label", "period_start", "period_end", "status", "total"]


admin.site.register(BillingSettings)
admin.site.register(InvoiceSeries)
