"""The operators' console: structures and their domains (Django admin, public schema)."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.db import transaction
from django_tenants.utils import get_public_schema_name

from core.modules import registry
from core.tenancy.constants import TenantStatus
from tenants.console import console_site
from tenants.models import Domain, Tenant
from tenants.provisioning import register_tenant, registration_fields, set_modules


class ModulesField(forms.MultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        super().__init__(
            choices=registry.choices, required=False, label="Modules activés", **kwargs
        )


class TenantChangeForm(forms.ModelForm):
    modules = ModulesField()

    class Meta:
        model = Tenant
        fields = [
            "name",
            "name_article",
            "kind",
            "modules",
            "time_zone",
            "holiday_zone",
            "public_holiday_region",
            "primary_color",
            "logo",
        ]

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        if logo and getattr(logo, "size", 0) > settings.TENANT_UPLOAD_MAX_LOGO_BYTES:
            raise forms.ValidationError("Le logo ne doit pas dépasser 512 Ko.")
        return logo


class TenantAddForm(forms.ModelForm):
    modules = ModulesField()
    admin_email = forms.EmailField(label="E-mail du premier administrateur")
    admin_first_name = forms.CharField(label="Prénom de l'administrateur", required=False)
    admin_last_name = forms.CharField(label="Nom de l'administrateur", required=False)

    class Meta:
        model = Tenant
        fields = [
            "name",
            "name_article",
            "slug",
            "kind",
            "modules",
            "time_zone",
            "holiday_zone",
            "public_holiday_region",
            "primary_color",
        ]


class DomainInline(admin.TabularInline):
    model = Domain
    extra = 0
    fields = ["domain", "is_primary"]


@admin.register(Tenant, site=console_site)
class TenantAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "kind", "modules_display", "status", "created_at"]
    list_filter = ["status", "kind"]
    search_fields = ["name", "slug", "domains__domain"]
    actions = ["suspend", "reactivate", "relaunch_provisioning"]
    readonly_fields = [
        "slug",
        "schema_name",
        "status",
        "first_admin_email",
        "created_at",
        "updated_at",
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).exclude(schema_name=get_public_schema_name())

    def get_form(self, request, obj=None, change=False, **kwargs):
        kwargs["form"] = TenantChangeForm if obj else TenantAddForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields if obj else []

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            return [
                (None, {"fields": ["name", "name_article", "slug", "kind", "modules"]}),
                ("Calendrier", {"fields": ["time_zone", "holiday_zone", "public_holiday_region"]}),
                ("Apparence", {"fields": ["primary_color"]}),
                (
                    "Premier administrateur",
                    {
                        "fields": ["admin_email", "admin_first_name", "admin_last_name"],
                        "description": "Il recevra un lien pour choisir son mot de passe.",
                    },
                ),
            ]
        return [
            (
                None,
                {
                    "fields": [
                        "name",
                        "name_article",
                        "slug",
                        "schema_name",
                        "kind",
                        "status",
                        "modules",
                    ]
                },
            ),
            ("Calendrier", {"fields": ["time_zone", "holiday_zone", "public_holiday_region"]}),
            ("Apparence", {"fields": ["primary_color", "logo"]}),
            ("Création", {"fields": ["first_admin_email", "created_at", "updated_at"]}),
        ]

    def get_inlines(self, request, obj):
        return [DomainInline] if obj else []

    @admin.display(description="Modules")
    def modules_display(self, obj: Tenant) -> str:
        labels = dict(registry.choices())
        return ", ".join(labels.get(m, m) for m in obj.modules) or "—"

    def save_form(self, request, form, change):
        if change:
            return super().save_form(request, form, change)
        # A new structure is recorded by the provisioning service (validation included); the
        # admin then logs and redirects as for any object.
        data = form.cleaned_data
        return register_tenant(**registration_fields(data), first_admin_email=data["admin_email"])

    def save_related(self, request, form, formsets, change):
        if change:  # a new structure has nothing related but what register_tenant created
            super().save_related(request, form, formsets, change)

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            if "modules" in form.changed_data:
                set_modules(obj, obj.modules, previous=form.initial.get("modules") or [])
            return
        self._queue_provisioning(
            obj,
            admin_spec={
                "email": form.cleaned_data["admin_email"],
                "first_name": form.cleaned_data["admin_first_name"],
                "last_name": form.cleaned_data["admin_last_name"],
            },
        )
        messages.info(
            request,
            "La structure est en cours de création ; elle sera active dans quelques instants.",
        )

    @staticmethod
    def _queue_provisioning(tenant: Tenant, admin_spec: dict | None) -> None:
        from tenants.tasks import provision_tenant_task

        transaction.on_commit(lambda: provision_tenant_task.delay(tenant.pk, admin_spec))

    @admin.action(description="Relancer la création des structures sélectionnées")
    def relaunch_provisioning(self, request, queryset):
        stuck = list(queryset.filter(status=TenantStatus.PROVISIONING))
        for tenant in stuck:
            self._queue_provisioning(tenant, admin_spec=None)
        messages.info(request, f"{len(stuck)} création(s) relancée(s).")

    @admin.action(description="Suspendre les structures sélectionnées")
    def suspend(self, request, queryset):
        for tenant in queryset.exclude(status=TenantStatus.SUSPENDED):
            tenant.suspend()
        messages.success(request, "Structures suspendues.")

    @admin.action(description="Réactiver les structures sélectionnées")
    def reactivate(self, request, queryset):
        for tenant in queryset.filter(status=TenantStatus.SUSPENDED):
            tenant.activate()
        messages.success(request, "Structures réactivées.")


@admin.register(Domain, site=console_site)
class DomainAdmin(admin.ModelAdmin):
    list_display = ["domain", "tenant", "is_primary"]
    search_fields = ["domain", "tenant__name"]
    list_select_related = ["tenant"]
