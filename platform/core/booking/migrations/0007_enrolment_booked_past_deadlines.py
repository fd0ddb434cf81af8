from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("booking", "0006_enrolment_certificates"),
    ]

    operations = [
        migrations.AddField(
            model_name="enrolment",
            name="booked_past_deadlines",
            field=models.BooleanField(
                default=False, verbose_name="jours dont le délai est passé réservés"
            ),
        ),
    ]
