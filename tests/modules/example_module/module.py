"""« Ateliers » : an association's workshops, to prove the module contract."""

from __future__ import annotations

from decimal import Decimal

from core.families.services.missing import MissingItem
from core.module_hooks import EditionLink, ExtraLine, HomeTile, PeriodicTask, Refusal
from core.modules import ActivityKind, LegendDefault, Module, NavigationEntry, UnitDefault
from core.pricing.methods import Base, Parameter, PricingMethod

MODULE_ID = "ateliers"
MEMBERSHIP = Decimal("5.00")


class HalfPriceMethod(PricingMethod):
    """The tariff's price, reduced by a percentage the tariff sets (a parameter)."""

    code = "ateliers_remise"
    label = "Prix remisé (ateliers)"
    parameters = (Parameter("percent", "Remise (%)", minimum=0, maximum=100, default=50),)

    def base(self, *, tariff, line, ctx) -> Base:
        percent = Decimal(tariff.parameters.get("percent", 50))
        amount = self.unit_price(tariff, resident=ctx.resident) * (100 - percent) / 100
        return Base(amount, (f"Remise ateliers : {percent} %",))


def membership_lines(*, run):
    """A monthly membership fee for each family with a validated enrolment in a workshop."""
    from core.booking.models import Enrolment

    enrolments = Enrolment.objects.filter(
        activity__module=MODULE_ID,
        status=Enrolment.STATUS_VALIDATED,
        activity__start_date__lte=run.period_end,
        activity__end_date__gte=run.period_start,
    )
    if run.activities.exists():  # a run limited to some activities bills their members only
        enrolments = enrolments.filter(activity__in=run.activities.all())
    families = enrolments.values_list("child__family_id", flat=True).distinct()
    for family_id in families:
        yield ExtraLine(
            family_id=family_id,
            reference=f"adhesion:{family_id}:{run.period_start:%Y-%m}",
            label=f"Adhésion ateliers — {run.period_start:%m/%Y}",
            amount=MEMBERSHIP,
        )


class Ateliers(Module):
    def install_demo(self, *, tenant, families) -> None:
        from core.catalog.defaults import create_activity
        from core.catalog.models import Activity
        from core.tenancy.context import structure_today

        if Activity.objects.filter(module=MODULE_ID).exists():
            return
        today = structure_today()
        create_activity(
            module=MODULE_ID,
            kind="atelier",
            name="Atelier poterie",
            season=f"{today.year}/{today.year + 1}",
            start_date=today,
            end_date=today.replace(year=today.year + 1),
        )

    def pricing_methods(self):
        return (HalfPriceMethod,)

    def invoice_line_sources(self):
        return (membership_lines,)

    def validate_changes(self, *, changes, openings, staff, family):
        for change in changes:
            if change.action == "book" and openings[change.opening_id].date.weekday() == 2:
                yield Refusal(change, "ateliers_wednesday", "Pas d'atelier le mercredi.")

    def missing_items(self, *, family, user, child=None):
        from core.billing.models import InvoiceLine

        paid = InvoiceLine.objects.filter(
            invoice__family=family, invoice__isnull=False, source_module=MODULE_ID
        ).exists()
        if not paid:
            yield MissingItem("module", "ateliers:adhesion", "Adhésion aux ateliers", "/ateliers")

    def role_permissions(self):
        return {"animateur": ("booking.view_enrolment",)}

    def periodic_tasks(self):
        task = "tests.modules.example_module.tasks.count_workshops"
        return (PeriodicTask("rappels", task, 3600),)

    def home_summary(self, *, user, family=None):
        from core.catalog.models import Activity

        count = Activity.objects.filter(module=MODULE_ID).count()
        yield HomeTile("ateliers-count", "Ateliers proposés", count, "/ateliers")

    def editions(self, *, family):
        yield EditionLink("ateliers_carte", f"Carte d'adhérent – {family.name}", "/ateliers/carte")


MODULE = Ateliers(
    id=MODULE_ID,
    label="Ateliers",
    description="Ateliers de l'association (module d'exemple des tests).",
    activity_kinds=(
        ActivityKind(
            "atelier",
            "Atelier",
            units=(UnitDefault("Atelier", "At.", "14:00", "16:00", weekdays=(0, 1, 2, 3, 4)),),
            calendar="all",
        ),
        # A workshop course paid once at enrolment (membership lines), not per session.
        ActivityKind(
            "stage",
            "Stage",
            units=(UnitDefault("Stage", "St.", "09:00", "17:00", weekdays=(0, 1, 2, 3, 4)),),
            calendar="all",
            billed_by_module=True,
        ),
    ),
    legend=(LegendDefault("confirmed", "Inscrit à l'atelier", "I", "#15803d"),),
    navigation=(NavigationEntry("ateliers", "Ateliers", "/ateliers", "list", "parent", 30),),
)
