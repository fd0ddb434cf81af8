from django.db import models

from core.tenancy.validators import validate_color


class LegendEntry(models.Model):
    """How a calendar state or condition is shown to this structure's users.

    ``module`` is empty for the core's entries (reservation states, closures, holidays) and
    the module id for a module's own entries. Seeded from the defaults, then edited by staff.
    """

    module = models.CharField("module", max_length=32, blank=True, default="")
    code = models.SlugField("code", max_length=40)
    label = models.CharField("libellé", max_length=80)
    short_label = models.CharField("abréviation", max_length=12)
    color = models.CharField("couleur", max_length=7, validators=[validate_color])
    order = models.PositiveSmallIntegerField("ordre", default=100)

    class Meta:
        verbose_name = "entrée de légende"
        verbose_name_plural = "légende"
        ordering = ["order", "label"]
        constraints = [
            models.UniqueConstraint(fields=["module", "code"], name="booking_legend_module_code"),
        ]

    def __str__(self) -> str:
        return f"{self.short_label} — {self.label}"
