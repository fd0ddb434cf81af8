"""The structure's billing settings: issuer identity, numbering, terms, direct debit."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from core.families.validators import validate_bic, validate_iban


class BillingSettings(models.Model):
    """One row per structure (``current()``)."""

    # Issuer identity printed on every document (the structure's name comes from the tenant).
    issuer_address = models.TextField("adresse de la structure", blank=True)
    issuer_email = models.EmailField("e-mail de la régie", blank=True)
    issuer_phone = models.CharField("téléphone de la régie", max_length=30, blank=True)
    siret = models.CharField("SIRET", max_length=14, blank=True)
    legal_mentions = models.TextField(
        "mentions légales",
        blank=True,
        default="TVA non applicable, article 261-4-8° du CGI (ou régie municipale).",
        help_text="Imprimées au bas des factures et des avoirs.",
    )
    payment_instructions = models.TextField(
        "modalités de règlement",
        blank=True,
        default=(
            "Règlement en ligne sur le portail familles, par chèque à l'ordre du Trésor public "
            "ou de la structure, en espèces, CESU ou chèques-vacances à l'accueil."
        ),
    )
    payment_terms_days = models.PositiveSmallIntegerField(
        "délai de paiement (jours)",
        default=30,
        validators=[MinValueValidator(0), MaxValueValidator(120)],
    )
    # SEPA direct debit (prélèvement) creditor.
    sepa_creditor_name = models.CharField("créancier SEPA", max_length=70, blank=True)
    sepa_creditor_id = models.CharField(
        "identifiant créancier SEPA (ICS)", max_length=35, blank=True
    )
    sepa_iban = models.CharField(
        "IBAN du créancier", max_length=34, blank=True, validators=[validate_iban]
    )
    sepa_bic = models.CharField(
        "BIC du créancier", max_length=11, blank=True, validators=[validate_bic]
    )

    class Meta:
        verbose_name = "réglages de facturation"
        verbose_name_plural = "réglages de facturation"

    def __str__(self) -> str:
        return "Réglages de facturation"

    @classmethod
    def current(cls) -> BillingSettings:
        obj, _ = cls.objects.get_or_create(pk=1)
        return obj
