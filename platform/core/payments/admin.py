from django.contrib import admin

from core.payments.models import PaymentAttempt, ProviderSettings


@admin.register(PaymentAttempt)
class PaymentAttemptAdmin(admin.ModelAdmin):
    """Read-only: attempts change only through the providers (services.settle_attempt)."""

    list_display = ["pk", "family", "amount", "provider", "status", "created_at", "payment"]
    list_filter = ["status", "provider"]
    search_fields = ["provider_reference", "family__name"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


admin.site.register(ProviderSettings)
