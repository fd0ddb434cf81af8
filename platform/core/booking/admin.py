from django.contrib import admin

from core.booking.models import LegendEntry


@admin.register(LegendEntry)
class LegendEntryAdmin(admin.ModelAdmin):
    list_display = ["short_label", "label", "module", "code", "color", "order"]
    list_filter = ["module"]
    list_editable = ["order"]
