"""Public-schema models: the structures (tenants) and their host names."""

from __future__ import annotations

import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django_tenants.models import DomainMixin, TenantMixin
from django_tenants.utils import get_public_schema_name

from core.tenancy.constants import (
    HolidayZone,
    NameArticle,
    PublicHolidayRegion,
    TenantKind,
    TenantStatus,
)
from core.tenancy.grammar import name_with_de
from core.tenancy.validators import (
    validate_color,
    validate_custom_domain,
    validate_module_ids,
    validate_slug,
    validate_time_zone,
)

LOGO_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp"})


def logo_upload_to(instance: Tenant, filename: str) -> str:
    # Media paths carry the tenant id; the user's file name is never used as is, and only an
    # image suffix survives (the file is served with the type its name suggests).
    suffix = PurePosixPath(filename).suffix.lower()
    suffix = suffix if suffix in LOGO_SUFFIXES else ".png"
    return f"tenants/{instance.pk}/branding/logo-{uuid.uuid4().hex[:12]}{suffix}"


class Tenant(TenantMixin):
    """A structure (mairie, association…): one PostgreSQL schema, one or more host names."""

    name = models.CharField("nom", max_length=120)
    name_article = models.CharField(
        "article du nom",
        max_length=8,
        choices=NameArticle.choices,
        default=NameArticle.AUTO,
        blank=True,
        help_text=(
            "Comment le nom s'écrit après « de » dans les phrases (« le portail des Colos du "
            "Vercors », « d'Enfance Val de Brenne »). Automatique : d'après le nom."
        ),
    )
    slug = models.CharField(
        "identifiant",
        max_length=40,
        unique=True,
        validators=[validate_slug],
        error_messages={"unique": "Cet identifiant est déjà utilisé."},
        help_text="Sous-domaine de la structure : lettres minuscules, chiffres et tirets.",
    )
    kind = models.CharField("type", max_length=20, choices=TenantKind.choices)
    modules = ArrayField(
        models.CharField(max_length=32),
        default=list,
        blank=True,
        validators=[validate_module_ids],
        verbose_name="modules activés",
    )
    time_zone = models.CharField(
        "fuseau horaire", max_length=64, default="Europe/Paris", validators=[validate_time_zone]
    )
    holiday_zone = models.CharField(
        "zone de vacances scolaires",
        max_length=32,
        choices=HolidayZone.choices,
        default=HolidayZone.C,
    )
    public_holiday_region = models.CharField(
        "jours fériés",
        max_length=8,
        choices=PublicHolidayRegion.choices,
        default=PublicHolidayRegion.METROPOLE,
        blank=True,
        help_text="Jours fériés locaux : Alsace-Moselle, outre-mer.",
    )
    status = models.CharField(
        "état", max_length=20, choices=TenantStatus.choices, default=TenantStatus.PROVISIONING
    )
    logo = models.ImageField("logo", upload_to=logo_upload_to, blank=True)
    primary_color = models.CharField(
        "couleur principale", max_length=7, default="#1d4ed8", validators=[validate_color]
    )
    first_admin_email = models.EmailField(
        "e-mail du premier administrateur",
        blank=True,
        help_text="Invité à la création ; sert à relancer une création interrompue.",
    )
    # Per tenant app, the last migration applied to the schema (core.tenancy.migration_state):
    # beat's fan-out skips a structure whose schema lacks the running code's migrations.
    migrated_leaves = models.JSONField(
        "migrations appliquées", default=dict, blank=True, editable=False
    )
    created_at = models.DateTimeField("créée le", auto_now_add=True)
    updated_at = models.DateTimeField("modifiée le", auto_now=True)

    # Schemas are created by the provisioning service, never as a side effect of save().
    auto_create_schema = False
    auto_drop_schema = False

    class Meta:
        verbose_name = "structure"
        verbose_name_plural = "structures"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def name_with_de(self) -> str:
        """The name after « de »: « des Colos du Vercors », « d'Enfance Val de Brenne »."""
        return name_with_de(self.name, self.name_article)

    @property
    def is_public(self) -> bool:
        return self.schema_name == get_public_schema_name()

    @property
    def is_active(self) -> bool:
        return self.status == TenantStatus.ACTIVE

    def has_module(self, module_id: str) -> bool:
        return module_id in (self.modules or [])

    # State transitions ---------------------------------------------------------------------
    def suspend(self) -> None:
        self.status = TenantStatus.SUSPENDED
        self.save(update_fields=["status", "updated_at"])

    def activate(self) -> None:
        self.status = TenantStatus.ACTIVE
        self.save(update_fields=["status", "updated_at"])


class Domain(DomainMixin):
    """A host name of a structure: ``<slug>.<PLATFORM_DOMAIN>`` and optional custom domains."""

    class Meta:
        verbose_name = "domaine"
        verbose_name_plural = "domaines"

    def __str__(self) -> str:
        return self.domain

    def clean(self) -> None:
        self.domain = (self.domain or "").strip().lower()
        tenant = getattr(self, "tenant", None) if self.tenant_id else None
        platform_host = f"{tenant.slug}.{settings.PLATFORM_DOMAIN}" if tenant else None
        if self.domain != platform_host and not (tenant and tenant.is_public):
            validate_custom_domain(self.domain)


class ProviderReference(models.Model):
    """Which structure a payment provider's object belongs to (public schema).

    Stripe Connect sends every connected account's webhook to the platform's root domain; this
    table (Checkout Session ids, connected account ids, PayFiP idops) routes it to the schema.
    """

    provider = models.CharField("prestataire", max_length=16)
    reference = models.CharField("référence", max_length=255)
    tenant = models.ForeignKey(Tenant, on_delete=models.CASCADE, related_name="provider_references")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "référence de paiement"
        verbose_name_plural = "références de paiement"
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "reference"], name="tenants_provider_reference_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.provider}:{self.reference} → {self.tenant_id}"
