"""The reservation's state takes only declared states (the core's and the modules'), and the
modules' legends name only what something produces (docs/decisions/0019-reservation-states.md).
"""

from django.db import migrations, models

# The séjours legend now words core codes; the crèche's "regular" and "out_of_contract" were
# no state of anything.
RENAMED = {("sejours", "preregistered"): "enrolment_pending", ("sejours", "allocated"): "confirmed"}
DROPPED = [("creche", "regular"), ("creche", "out_of_contract")]


def align_legends(apps, schema_editor):
    LegendEntry = apps.get_model("booking", "LegendEntry")
    for (module, code), new_code in RENAMED.items():
        if not LegendEntry.objects.filter(module=module, code=new_code).exists():
            LegendEntry.objects.filter(module=module, code=code).update(code=new_code)
        LegendEntry.objects.filter(module=module, code=code).delete()
    for module, code in DROPPED:
        LegendEntry.objects.filter(module=module, code=code).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("booking", "0004_reservation_attendance_permission"),
    ]

    operations = [
        migrations.AddConstraint(
            model_name="reservation",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    (
                        "state__in",
                        [
                            "requested",
                            "confirmed",
                            "waitlisted",
                            "refused",
                            "cancel_requested",
                            "cancelled",
                            "present",
                            "absent_excused",
                            "absent_billed",
                            "leave",
                        ],
                    )
                ),
                name="booking_reservation_state_declared",
            ),
        ),
        migrations.RunPython(align_legends, migrations.RunPython.noop),
    ]
