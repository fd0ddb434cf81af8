# Tariffs now belong to core.pricing (pricing 0001 took them into its state). Only Django's
# state changes here; the content types follow so that the roles' permissions
# ("billing.view_tariff" → "pricing.view_tariff") keep their rows.

from django.db import migrations


def move_content_types(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="billing", model__in=["tariff", "tariffbracket"]).update(
        app_label="pricing"
    )


def restore_content_types(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="pricing", model__in=["tariff", "tariffbracket"]).update(
        app_label="billing"
    )


class Migration(migrations.Migration):

    dependencies = [
        ("billing", "0003_invoices_payments"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("pricing", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveConstraint(model_name="tariff", name="billing_tariff_target"),
                migrations.DeleteModel(name="TariffBracket"),
                migrations.DeleteModel(name="Tariff"),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_types, restore_content_types),
    ]
