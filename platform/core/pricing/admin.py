from django.contrib import admin

from core.pricing.models import PricingSettings, Tariff, TariffBracket


class BracketInline(admin.TabularInline):
    model = TariffBracket
    extra = 0


@admin.register(Tariff)
class TariffAdmin(admin.ModelAdmin):
    list_display = ["name", "activity", "unit", "method", "amount", "valid_from", "valid_until"]
    list_filter = ["method"]
    inlines = [BracketInline]


admin.site.register(PricingSettings)
