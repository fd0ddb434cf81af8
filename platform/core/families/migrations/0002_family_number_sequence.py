from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("families", "0001_initial")]

    operations = [
        migrations.RunSQL(
            "CREATE SEQUENCE IF NOT EXISTS families_family_number_seq START 1",
            "DROP SEQUENCE IF EXISTS families_family_number_seq",
        )
    ]
