# The families' home message now lives in communication.HomeMessage (copied by
# communication.0002 before the column goes).

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("families", "0006_vaccination_date_message"),
        ("communication", "0002_home_message_from_dossier"),
    ]

    operations = [
        migrations.RemoveField(model_name="dossiersettings", name="home_message"),
    ]
