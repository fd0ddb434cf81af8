"""The families' home message moves from the family-file settings (``DossierSettings``) to
``HomeMessage`` (audience « families »); ``families.0007`` then drops the old column.

Regenerating ``0001_initial`` (allowed until the app is deployed) while this migration and
``families.0007`` exist fails (0002 names 0001; a new 0001 would name families.0007, a cycle).
From the repository root::

    C=platform/core/communication/migrations F=platform/core/families/migrations
    mv $C/0002_home_message_from_dossier.py $F/0007_remove_dossiersettings_home_message.py /tmp/
    rm $C/0001_initial.py && .venv/bin/python manage.py makemigrations communication -n initial
    rm -f $F/0007_initial.py   # the column removal makemigrations adds: 0007 below does it
    mv /tmp/0002_home_message_from_dossier.py $C/
    mv /tmp/0007_remove_dossiersettings_home_message.py $F/
    sed -i "s/('families', '0007_initial')/('families', '0006_vaccination_date_message')/" \
        $C/0001_initial.py
"""

from django.db import migrations

FAMILIES = "families"


def forwards(apps, schema_editor):
    DossierSettings = apps.get_model("families", "DossierSettings")
    HomeMessage = apps.get_model("communication", "HomeMessage")
    settings = DossierSettings.objects.filter(pk=1).first()
    text = (settings.home_message if settings else "").strip()
    if text and not HomeMessage.objects.filter(audience=FAMILIES).exists():
        HomeMessage.objects.create(audience=FAMILIES, text=text)


def backwards(apps, schema_editor):
    DossierSettings = apps.get_model("families", "DossierSettings")
    HomeMessage = apps.get_model("communication", "HomeMessage")
    message = HomeMessage.objects.filter(audience=FAMILIES).first()
    if message and message.text:
        DossierSettings.objects.update_or_create(pk=1, defaults={"home_message": message.text})


class Migration(migrations.Migration):
    dependencies = [
        ("communication", "0001_initial"),
        ("families", "0006_vaccination_date_message"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
