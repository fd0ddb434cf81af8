"""The parent's month planning in real Chromium: a month of openings fits a 1,280 px window
(the page never scrolls sideways, below that the grid scrolls in its own region with the unit
column kept), and a refused request shows as refused, with its reason."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from django_tenants.utils import tenant_context
from playwright.sync_api import expect

from core.booking.models import Reservation
from core.catalog.models import Opening
from tests.e2e.helpers import assert_accessible, log_in
from tests.support.booking import enrol, make_activity
from tests.support.factories import make_family

DESKTOP = {"width": 1280, "height": 900}
SMALL_DESKTOP = {"width": 1024, "height": 768}

# The page's width, the grid region's visible and scrollable widths, the unit column's left
# edge against the region's, and the month navigation's right edge.
MEASURE = """() => {
  const grid = document.querySelector('.planning-grid');
  const unit = grid.querySelector('.planning-table__unit');
  return {
    page: document.documentElement.scrollWidth,
    window: window.innerWidth,
    gridClient: grid.clientWidth,
    gridScroll: grid.scrollWidth,
    unitLeft: unit.getBoundingClientRect().left - grid.getBoundingClientRect().left,
    next: document.querySelector('[aria-label="Mois suivant"]').getBoundingClientRect().right,
  };
}"""


@pytest.fixture
def month_setup(tenants, committed, clock):
    """An "accueil du soir" (two units) open every day of next month, a child enrolled with a
    few days booked, an absence declared and a refused request."""
    alpha = tenants["alpha"]
    with tenant_context(alpha):
        first = (clock.today.replace(day=1) + timedelta(days=32)).replace(day=1)
        days = []
        day = first
        while day.month == first.month:
            days.append(day)
            day += timedelta(days=1)
        activity = make_activity(
            kind="accueil_soir", name=f"Accueil du soir E2E {uuid.uuid4().hex[:6]}", days=days
        )
        family, parent = make_family(tenant=alpha, first_name="Claire")
        child = family.children.get()
        enrolment = enrol(child, activity)
        unit = activity.units.order_by("order").first()
        openings = list(Opening.objects.filter(unit=unit).order_by("date"))
        for opening, state, reason in (
            (openings[1], Reservation.CONFIRMED, ""),
            (openings[2], Reservation.ABSENT_BILLED, ""),
            (openings[3], Reservation.REFUSED, "Plus d'animateur ce soir-là"),
        ):
            Reservation.objects.create(
                child=child,
                opening=opening,
                enrolment=enrolment,
                unit=unit,
                date=opening.date,
                state=state,
                reason=reason,
            )
        yield {"activity": activity, "parent": parent, "month": first, "unit": unit}
        activity.published = False
        activity.save(update_fields=["published"])


def test_a_month_fits_1280px_and_scrolls_in_its_own_region_below(
    live_url, page, tenants, month_setup
):
    base = live_url.format(slug="alpha")
    data = month_setup
    page.set_viewport_size(DESKTOP)
    log_in(page, base, data["parent"].email)
    expect(page.get_by_role("heading", name="Bonjour Claire")).to_be_visible()
    page.goto(f"{base}/planning?mois={data['month']:%Y-%m}")
    block = page.get_by_role("region", name=data["activity"].name).first
    grid = block.get_by_role("region", name="Grille", exact=False)
    expect(grid).to_be_visible()

    for mode in ("lecture", "modification"):
        if mode == "modification":
            block.get_by_role("button", name="Modifier").click()
            expect(block.get_by_role("button", name="Valider")).to_be_visible()
        size = page.evaluate(MEASURE)
        # Nothing off-screen: neither the page nor the grid scrolls sideways at 1,280 px.
        assert size["page"] <= DESKTOP["width"], (mode, size)
        assert size["gridScroll"] <= size["gridClient"], (mode, size)
        assert size["next"] <= DESKTOP["width"], (mode, size)

    # The refused request says so, with its reason, and can be asked again.
    refused = grid.get_by_text("Refusé : Plus d'animateur ce soir-là")
    expect(refused.first).to_be_attached()
    assert_accessible(page, "planning en modification, 1280 px")

    # Narrower: the grid scrolls in its own region, the page does not; the unit column stays.
    page.set_viewport_size(SMALL_DESKTOP)
    size = page.evaluate(MEASURE)
    assert size["page"] <= SMALL_DESKTOP["width"], size
    assert size["gridScroll"] > size["gridClient"], size
    grid.evaluate("element => { element.scrollLeft = element.scrollWidth; }")
    size = page.evaluate(MEASURE)
    assert abs(size["unitLeft"]) <= 2, size
    assert size["page"] <= SMALL_DESKTOP["width"], size
