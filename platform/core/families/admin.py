"""The family file in the structure's Django admin (configuration may start here)."""

from django.contrib import admin

from core.families.models import (
    AuthorisationQuestion,
    ChangeRequest,
    Child,
    ConsentType,
    DossierSettings,
    Family,
    FieldPolicy,
    Guardian,
    MealType,
    SchoolLevel,
)


class GuardianInline(admin.StackedInline):
    model = Guardian
    extra = 0
    raw_id_fields = ["user"]


class ChildInline(admin.StackedInline):
    model = Child
    extra = 0
    show_change_link = True


@admin.register(Family)
class FamilyAdmin(admin.ModelAdmin):
    list_display = ["number", "name", "status", "city", "created_at"]
    list_filter = ["status"]
    search_fields = ["number", "name", "guardians__last_name", "children__first_name"]
    readonly_fields = ["number", "created_at", "validated_at", "anonymised_at"]
    inlines = [GuardianInline, ChildInline]


@admin.register(ChangeRequest)
class ChangeRequestAdmin(admin.ModelAdmin):
    list_display = ["created_at", "family", "category", "target_label", "status"]
    list_filter = ["status", "category"]
    readonly_fields = [f.name for f in ChangeRequest._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False  # requests come from families; decisions go through the back office


@admin.register(DossierSettings)
class DossierSettingsAdmin(admin.ModelAdmin):
    def has_add_permission(self, request) -> bool:
        return not DossierSettings.objects.exists()

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(FieldPolicy)
class FieldPolicyAdmin(admin.ModelAdmin):
    list_display = ["field", "mode", "required"]
    list_editable = ["mode", "required"]


@admin.register(MealType, SchoolLevel)
class OrderedLabelAdmin(admin.ModelAdmin):
    list_display = ["label", "order", "active"]
    list_editable = ["order", "active"]


@admin.register(AuthorisationQuestion, ConsentType)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["label", "required", "order", "active"]
    list_editable = ["order", "active"]
