"""Seed the published history (``psu.CNAF_PARAMETERS``): one set per date, left alone when
already there (an operator's correction is never overwritten)."""

from django.db import migrations


def seed(apps, schema_editor):
    from modules.creche import psu

    ParameterSet = apps.get_model("creche_cnaf", "PsuParameterSet")
    EffortRate = apps.get_model("creche_cnaf", "PsuEffortRate")
    for entry in psu.CNAF_PARAMETERS:
        parameter_set, created = ParameterSet.objects.get_or_create(
            effective_from=entry.effective_from,
            defaults={
                "floor": entry.floor,
                "ceiling": entry.ceiling,
                "care_tables": dict(entry.care_tables),
                "source": entry.source,
            },
        )
        if not created:
            continue
        EffortRate.objects.bulk_create(
            EffortRate(
                parameter_set=parameter_set,
                table=table,
                children_from=children_from,
                rate=rate,
            )
            for table in psu.TABLES
            for children_from, rate in entry.effort_rates[table].items()
        )


class Migration(migrations.Migration):
    dependencies = [("creche_cnaf", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
