from django.contrib import admin

from core.catalog.models import Activity, ActivityGroup, Closure, Opening, Unit


class UnitInline(admin.StackedInline):
    model = Unit
    extra = 0
    fk_name = "activity"
    filter_horizontal = ["incompatible_with", "requires"]


class GroupInline(admin.TabularInline):
    model = ActivityGroup
    extra = 0


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    list_display = ["name", "season", "module", "kind", "start_date", "end_date", "published"]
    list_filter = ["module", "kind", "season", "published"]
    inlines = [UnitInline, GroupInline]


@admin.register(Closure)
class ClosureAdmin(admin.ModelAdmin):
    list_display = ["label", "start_date", "end_date", "activity"]


@admin.register(Opening)
class OpeningAdmin(admin.ModelAdmin):
    # Capacity changes go through the API (they promote waiting lists): read-only here.
    list_display = ["unit", "date", "group", "capacity", "booked", "closed"]
    list_filter = ["unit__activity", "closed"]
    date_hierarchy = "date"

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False
