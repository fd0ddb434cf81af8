from django.contrib import admin

from core.billing.admin import ReadOnlyAdmin
from core.payments.models import PaymentAttempt, ProviderSettings


@admin.register(PaymentAttempt)
class PaymentAttemptAdmin(ReadOnlyAdmin):
    """Read-only: attempts change only through the providers (services.settle_attempt)."""

    list_display = ["pk", "family", "amount", "provider", "status", "created_at", "payment"]
    list_filter = ["status", "provider"]
    search_fields = ["provider_reference", "family__name"]


admin.site.register(ProviderSettings)
