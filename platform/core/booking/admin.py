from django.contrib import admin

from core.booking.models import BookingPolicy, Enrolment, LegendEntry, PolicyWindow, Reservation


@admin.register(LegendEntry)
class LegendEntryAdmin(admin.ModelAdmin):
    list_display = ["short_label", "label", "module", "code", "color", "order"]
    list_filter = ["module"]
    list_editable = ["order"]


class PolicyWindowInline(admin.TabularInline):
    model = PolicyWindow
    extra = 0


@admin.register(BookingPolicy)
class BookingPolicyAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "module", "code"]
    inlines = [PolicyWindowInline]


@admin.register(Enrolment)
class EnrolmentAdmin(admin.ModelAdmin):
    list_display = ["child", "activity", "group", "status", "created_at"]
    list_filter = ["status", "activity"]
    raw_id_fields = ["child", "requested_by", "decided_by"]


@admin.register(Reservation)
class ReservationAdmin(admin.ModelAdmin):
    # Places move only through the booking services (capacity, waiting list): read-only here.
    list_display = ["child", "unit", "date", "state", "amount"]
    list_filter = ["state", "unit__activity"]
    date_hierarchy = "date"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
