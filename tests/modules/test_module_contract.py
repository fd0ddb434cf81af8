"""Every hook of the module contract acts for a structure that enabled the module, and only
there: the example module of ``tests/modules/example_module`` implements them all."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django_tenants.utils import schema_context

from core.accounts.roles import Role, install_roles
from core.billing.models import Invoice
from core.billing.services.drafts import compute_draft
from core.billing.services.runs import create_run
from core.booking.services.engine import Change, apply_changes
from core.catalog.defaults import create_activity
from core.catalog.models import Opening
from core.families.services.missing import missing_items
from core.module_hooks import home_tiles
from core.module_tasks import module_beat_schedule, run_in_structures
from core.modules import registry
from core.pricing.engine import simulate
from core.pricing.models import Tariff
from core.pricing.validation import validate_tariff
from tests.modules.example_module import tasks as example_tasks
from tests.modules.example_module.module import MEMBERSHIP, MODULE, MODULE_ID
from tests.support.billing import run_and_publish, test_series
from tests.support.booking import enrol

pytestmark = pytest.mark.frozen_at("2026-11-20 10:00")


@pytest.fixture
def ateliers_registered():
    registry.register(MODULE)
    yield MODULE
    registry.unregister(MODULE_ID)


@pytest.fixture
def ateliers(alpha, ateliers_registered):
    """The example module, enabled on the test structure (alpha) for this test only."""
    before = list(alpha.modules)
    alpha.modules = [*before, MODULE_ID]
    alpha.save(update_fields=["modules"])
    MODULE.install_defaults(tenant=alpha)
    yield MODULE
    alpha.modules = before


def _workshop(days, *, kind: str = "atelier"):
    activity = create_activity(
        module=MODULE_ID,
        kind=kind,
        name="Atelier poterie",
        season="2026/2027",
        start_date=date(2026, 9, 1),
        end_date=date(2027, 7, 3),
    )
    unit = activity.units.get()
    Opening.objects.bulk_create(Opening(unit=unit, date=day, capacity=10) for day in days)
    Tariff.objects.create(
        name="Atelier", activity=activity, valid_from=date(2026, 9, 1), amount=Decimal("8.00")
    )
    return activity


def test_module_pricing_method_is_offered_and_prices_only_where_enabled(ateliers, alpha):
    activity = _workshop([date(2026, 11, 23)])
    tariff = Tariff(
        name="Remisé",
        activity=activity,
        valid_from=date(2026, 9, 1),
        amount=Decimal("8.00"),
        method="ateliers_remise",
        parameters={"percent": "25"},
    )
    validate_tariff(tariff)
    assert tariff.parameters == {"percent": 25}
    tariff.save()
    Tariff.objects.filter(activity=activity).exclude(pk=tariff.pk).delete()
    quote = simulate(unit=activity.units.get(), on=date(2026, 11, 23), quotient=None)
    assert quote.amount == Decimal("6.00")
    assert "Remise ateliers : 25 %" in quote.details

    alpha.modules = ["periscolaire"]
    with pytest.raises(Exception) as refused:
        validate_tariff(
            Tariff(
                name="x", activity=activity, valid_from=date(2026, 9, 1), method="ateliers_remise"
            )
        )
    assert "n'est pas proposé" in str(refused.value)


def test_module_pricing_method_parameters_are_validated_in_one_place(ateliers):
    activity = _workshop([])
    tariff = Tariff(
        name="Remisé",
        activity=activity,
        valid_from=date(2026, 9, 1),
        method="ateliers_remise",
        parameters={"percent": "120", "extra": 1},
    )
    with pytest.raises(Exception) as refused:
        validate_tariff(tariff)
    assert "Paramètre inconnu" in str(refused.value)
    tariff.parameters = {"percent": "120"}
    with pytest.raises(Exception) as refused:
        validate_tariff(tariff)
    assert "au plus 100" in str(refused.value)


def test_module_refuses_a_cart_change_on_its_own_activities(ateliers, family):
    wednesday, thursday = date(2026, 11, 25), date(2026, 11, 26)
    activity = _workshop([wednesday, thursday])
    child = family.children.get()
    enrol(child, activity)
    openings = {o.date: o.pk for o in Opening.objects.filter(unit__activity=activity)}

    result = apply_changes(
        changes=[
            Change(child.pk, openings[wednesday], "book"),
            Change(child.pk, openings[thursday], "book"),
        ],
        by=None,
        staff=True,
        family=family,
    )

    refused = [o for o in result.outcomes if not o.ok]
    assert [(o.code, o.reason) for o in refused] == [
        ("ateliers_wednesday", "Pas d'atelier le mercredi.")
    ]
    assert [o.opening.date for o in result.done] == [thursday]


def test_invoice_run_bills_module_lines_once(ateliers, family):
    activity = _workshop([])
    enrol(family.children.get(), activity)

    run = run_and_publish(start=date(2026, 10, 1), end=date(2026, 10, 31), activities=[activity])

    invoice = Invoice.objects.get(run=run, family=family)
    assert [(ln.label, ln.amount, ln.source_module) for ln in invoice.lines.all()] == [
        ("Adhésion ateliers — 10/2026", MEMBERSHIP, MODULE_ID)
    ]
    again = create_run(
        label="",
        period_start=date(2026, 10, 1),
        period_end=date(2026, 10, 31),
        activity_ids=[activity.pk],
        series=test_series(),
    )
    assert compute_draft(run=again) == {}  # already issued: never billed twice


def test_runs_bill_no_reservation_of_a_kind_the_module_bills_itself(ateliers, family):
    monday = date(2026, 11, 23)
    course, workshop = _workshop([monday], kind="stage"), _workshop([monday])
    child = family.children.get()
    enrol(child, course)
    enrol(child, workshop)
    openings = Opening.objects.filter(unit__activity__in=[course, workshop])
    apply_changes(
        changes=[Change(child.pk, o.pk, "book") for o in openings],
        by=family.parent,
        staff=True,
        family=family,
    )

    run = create_run(
        label="",
        period_start=date(2026, 11, 1),
        period_end=date(2026, 11, 30),
        series=test_series(),
    )
    lines = compute_draft(run=run)[family.pk].lines

    billed = [ln.activity_id for ln in lines if ln.reservation_id]
    assert billed == [workshop.pk]  # the course's day is the module's to bill


def test_module_editions_join_mes_editions(ateliers, family, parent):
    editions = parent.get("/api/v1/editions/").json()

    assert editions[-1] == {
        "edition": "ateliers_carte",
        "label": f"Carte d'adhérent – {family.name}",
        "child": None,
        "module": MODULE_ID,
        "url": "/ateliers/carte",
    }
    assert editions[0]["edition"] == "health_form" and editions[0]["module"] is None


def test_module_missing_items_join_the_core_ones(ateliers, family):
    items = missing_items(family=family)
    assert ("module", "ateliers:adhesion") in [(i.kind, i.code) for i in items]
    assert missing_items(family=family, module="periscolaire") == [
        i for i in missing_items(family=family, module="periscolaire") if i.kind != "module"
    ]


def test_module_grants_role_permissions_only_while_enabled(ateliers, alpha):
    animateur = Group.objects.get(name=Role.ANIMATEUR.group_name)
    install_roles(alpha.modules)
    assert animateur.permissions.filter(codename="view_enrolment").exists()
    install_roles(["periscolaire"])
    assert not animateur.permissions.filter(codename="view_enrolment").exists()


def test_module_periodic_task_runs_in_each_structure_that_enabled_it(ateliers, alpha, beta):
    entry = module_beat_schedule()["module-ateliers-rappels"]
    assert entry["args"] == (MODULE_ID, "tests.modules.example_module.tasks.count_workshops")
    example_tasks.RAN_IN.clear()
    with schema_context("public"):
        assert run_in_structures(*entry["args"]) == 1
    assert [alpha.schema_name] == example_tasks.RAN_IN  # not beta, without the module


def test_module_demo_seeds_its_structure(ateliers, alpha, family):
    from core.catalog.models import Activity

    ateliers.install_demo(tenant=alpha, families=[family])
    ateliers.install_demo(tenant=alpha, families=[family])
    assert Activity.objects.filter(module=MODULE_ID).count() == 1


def test_home_summary_gathers_the_enabled_modules_tiles(ateliers, parent, staff):
    _workshop([])
    tiles = parent.get("/api/v1/home/summary/").json()["tiles"]
    assert {
        "id": "ateliers-count",
        "module": MODULE_ID,
        "label": "Ateliers proposés",
        "value": 1,
        "detail": "",
        "path": "/ateliers",
        "tone": "info",
    } in tiles
    staff_tiles = staff.get("/api/v1/home/summary/").json()["tiles"]
    assert "ateliers-count" in [t["id"] for t in staff_tiles]


def test_a_module_the_structure_has_not_enabled_is_never_called(
    ateliers_registered, family, parent
):
    tiles = parent.get("/api/v1/home/summary/").json()["tiles"]
    assert all(t["module"] != MODULE_ID for t in tiles)
    assert all(i.kind != "module" for i in missing_items(family=family))
    assert home_tiles(user=family.parent, family=family) == [
        t for t in home_tiles(user=family.parent, family=family) if t.module != MODULE_ID
    ]


def test_cart_refuses_what_the_module_refuses_before_checkout(ateliers, family, parent):
    wednesday = date(2026, 11, 25)
    activity = _workshop([wednesday])
    child = family.children.get()
    enrol(child, activity)
    opening = Opening.objects.get(unit__activity=activity)

    added = parent.post(
        "/api/v1/booking/cart/",
        {"changes": [{"child": child.pk, "opening": opening.pk, "action": "book"}]},
        content_type="application/json",
    ).json()

    assert added["cart"]["lines"] == []  # refused before it reaches the cart
    refused = added["refused"][0]
    assert (refused["code"], refused["reason"]) == (
        "ateliers_wednesday",
        "Pas d'atelier le mercredi.",
    )
