from django.db import migrations, models


def record_existing(apps, schema_editor):
    """Structures provisioned before the record: read each schema's own migrations table
    (the tenant schemas are migrated after this one, which records them again)."""
    from django_tenants.utils import get_public_schema_name

    from core.tenancy.migration_state import schema_leaves

    Tenant = apps.get_model("tenants", "Tenant")
    public = get_public_schema_name()
    for tenant in Tenant.objects.exclude(schema_name=public).only("pk", "schema_name"):
        Tenant.objects.filter(pk=tenant.pk).update(
            migrated_leaves=schema_leaves(tenant.schema_name)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("tenants", "0004_tenant_name_article"),
    ]

    operations = [
        migrations.AddField(
            model_name="tenant",
            name="migrated_leaves",
            field=models.JSONField(
                blank=True, default=dict, editable=False, verbose_name="migrations appliquées"
            ),
        ),
        migrations.RunPython(record_existing, migrations.RunPython.noop, elidable=True),
    ]
