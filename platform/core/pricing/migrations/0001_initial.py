# Tariffs move from billing to pricing without touching their rows: this migration only tells
# Django's state that the existing tables (still named billing_*) now belong to pricing;
# billing 0004 removes them from billing's state and 0002 renames the tables.

import django.contrib.postgres.fields
import django.core.validators
import django.db.models.deletion
from decimal import Decimal
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("billing", "0003_invoices_payments"),
        ("catalog", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Tariff",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("name", models.CharField(help_text="Affiché comme « Tarification » dans le récapitulatif.", max_length=150, verbose_name="nom")),
                        ("valid_from", models.DateField(verbose_name="valable du")),
                        ("valid_until", models.DateField(blank=True, null=True, verbose_name="au")),
                        ("method", models.CharField(choices=[("flat", "Prix fixe à l'unité"), ("quotient", "Selon le quotient familial")], default="flat", max_length=10, verbose_name="mode")),
                        ("amount", models.DecimalField(decimal_places=2, default=Decimal("0.00"), max_digits=8, validators=[django.core.validators.MinValueValidator(0)], verbose_name="prix (résident)")),
                        ("amount_exterior", models.DecimalField(blank=True, decimal_places=2, help_text="Vide : le même que pour les résidents.", max_digits=8, null=True, validators=[django.core.validators.MinValueValidator(0)], verbose_name="prix (extérieur)")),
                        ("meal_supplement", models.DecimalField(decimal_places=2, default=Decimal("0.00"), help_text="Ajouté pour les prestations avec repas.", max_digits=8, validators=[django.core.validators.MinValueValidator(0)], verbose_name="supplément repas")),
                        ("meal_only", models.BooleanField(default=False, help_text="Le prix entier est un repas : exclu des attestations de frais de garde.", verbose_name="tarif de restauration")),
                        ("sibling_discounts", django.contrib.postgres.fields.ArrayField(base_field=models.DecimalField(decimal_places=2, max_digits=5), blank=True, default=list, help_text="Réduction du 2e enfant, du 3e et suivants… ex. 10, 20.", size=None, verbose_name="réductions fratrie (%)")),
                        ("activity", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name="tariffs", to="catalog.activity")),
                        ("unit", models.ForeignKey(blank=True, help_text="Vide : toutes les prestations de l'activité sans tarif propre.", null=True, on_delete=django.db.models.deletion.CASCADE, related_name="tariffs", to="catalog.unit")),
                    ],
                    options={
                        "verbose_name": "tarif",
                        "verbose_name_plural": "tarifs",
                        "ordering": ["-valid_from", "name"],
                        "db_table": "billing_tariff",
                    },
                ),
                migrations.CreateModel(
                    name="TariffBracket",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("qf_min", models.DecimalField(decimal_places=2, default=Decimal("0"), max_digits=8, verbose_name="QF de")),
                        ("qf_max", models.DecimalField(decimal_places=2, max_digits=8, null=True, verbose_name="QF jusqu'à (exclu)")),
                        ("amount", models.DecimalField(decimal_places=2, max_digits=8, validators=[django.core.validators.MinValueValidator(0)], verbose_name="prix (résident)")),
                        ("amount_exterior", models.DecimalField(blank=True, decimal_places=2, max_digits=8, null=True, validators=[django.core.validators.MinValueValidator(0)], verbose_name="prix (extérieur)")),
                        ("tariff", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="brackets", to="pricing.tariff")),
                    ],
                    options={
                        "verbose_name": "tranche de quotient",
                        "verbose_name_plural": "tranches de quotient",
                        "ordering": ["qf_min"],
                        "db_table": "billing_tariffbracket",
                    },
                ),
                migrations.AddConstraint(
                    model_name="tariff",
                    constraint=models.CheckConstraint(condition=models.Q(("activity__isnull", False), ("unit__isnull", False), _connector="OR"), name="billing_tariff_target"),
                ),
            ],
            database_operations=[],
        ),
    ]
