"""The dates of a family's requests on a reservation (booking request, cancellation request,
absence declared) and of the staff's decision: what "Mes demandes" lists."""

from django.db import migrations, models
from django.db.models import F


def backfill(apps, schema_editor):
    """The reservations made before: what their state still tells."""
    Reservation = apps.get_model("booking", "Reservation")
    Reservation.objects.filter(state__in=["requested", "refused"]).update(
        requested_at=F("created_at")
    )
    Reservation.objects.filter(state="cancel_requested").update(cancel_requested_at=F("updated_at"))
    Reservation.objects.filter(
        state__in=["absent_excused", "absent_billed"], decided_by__isnull=True
    ).update(absence_declared_at=F("updated_at"))
    Reservation.objects.filter(decided_by__isnull=False).update(decided_at=F("updated_at"))


class Migration(migrations.Migration):
    dependencies = [
        ("booking", "0007_enrolment_booked_past_deadlines"),
    ]

    operations = [
        migrations.AddField(
            model_name="reservation",
            name="decided_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="décidée le"),
        ),
        migrations.AddField(
            model_name="reservation",
            name="requested_at",
            field=models.DateTimeField(
                blank=True, null=True, verbose_name="réservation demandée le"
            ),
        ),
        migrations.AddField(
            model_name="reservation",
            name="cancel_requested_at",
            field=models.DateTimeField(
                blank=True, null=True, verbose_name="annulation demandée le"
            ),
        ),
        migrations.AddField(
            model_name="reservation",
            name="absence_declared_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="absence déclarée le"),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
