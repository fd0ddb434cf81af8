"""The parent's planning by week in real Chromium, at 1,280 px, with the keyboard only: the view
switch « Semaine », the next week, a day's cell reached with the arrows, its actions menu opened
with the context-menu key, « Réserver » puts the day in the cart (the cart bar counts it). The
week view and the open menu pass axe."""

from __future__ import annotations

import re
import uuid
from datetime import timedelta

import pytest
from django.utils import timezone
from django_tenants.utils import tenant_context
from playwright.sync_api import expect

from tests.e2e.helpers import assert_accessible, day_label, log_in
from tests.support.booking import enrol, make_activity
from tests.support.factories import make_family

DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture
def week_setup(tenants, committed, clock):
    """An "accueil du soir" open on the weekdays of next week and the one after (no deadline),
    a child enrolled, nothing booked."""
    alpha = tenants["alpha"]
    with tenant_context(alpha):
        today = timezone.localdate()
        next_monday = today - timedelta(days=today.weekday()) + timedelta(days=7)
        days = [next_monday + timedelta(days=i) for i in range(14) if i % 7 < 5]
        activity = make_activity(
            kind="accueil_soir", name=f"Accueil du soir semaine {uuid.uuid4().hex[:6]}", days=days
        )
        family, parent = make_family(tenant=alpha, first_name="Claire")
        enrol(family.children.get(), activity)
        unit = activity.units.order_by("order").first()
        yield {"activity": activity, "parent": parent, "monday": next_monday, "unit": unit}
        activity.published = False
        activity.save(update_fields=["published"])


def test_week_view_next_week_and_a_day_menu_with_the_keyboard(live_url, page, tenants, week_setup):
    base = live_url.format(slug="alpha")
    data = week_setup
    monday, unit = data["monday"], data["unit"]
    page.set_viewport_size(DESKTOP)
    log_in(page, base, data["parent"].email)
    expect(page.get_by_role("heading", name="Bonjour Claire")).to_be_visible()
    page.goto(f"{base}/planning")
    expect(page.get_by_role("radio", name="Mois")).to_be_checked()

    # « Semaine »: this week, from its Monday, in the address.
    page.get_by_role("radio", name="Semaine").check()
    this_monday = monday - timedelta(days=7)
    expect(
        page.get_by_role(
            "heading", level=2, name=re.compile(f"^Semaine du {day_label(this_monday)} au ")
        )
    ).to_be_visible()
    expect(page).to_have_url(re.compile(f"vue=semaine&du={this_monday:%Y-%m-%d}"))

    # The next week with the keyboard.
    page.get_by_role("button", name="Semaine suivante").focus()
    page.keyboard.press("Enter")
    expect(
        page.get_by_role(
            "heading", level=2, name=re.compile(f"^Semaine du {day_label(monday)} au ")
        )
    ).to_be_visible()
    expect(page).to_have_url(re.compile(f"du={monday:%Y-%m-%d}"))
    block = page.get_by_role("region", name=data["activity"].name).first
    grid = block.get_by_role("region", name="Grille", exact=False)
    expect(grid).to_be_visible()
    # Wide cells, and nothing off-screen at 1,280 px.
    expect(grid.get_by_role("columnheader")).to_have_count(8)
    sizes = page.evaluate(
        "() => ({page: document.documentElement.scrollWidth,"
        " grid: document.querySelector('.planning-grid--wide').scrollWidth,"
        " gridClient: document.querySelector('.planning-grid--wide').clientWidth})"
    )
    assert sizes["page"] <= DESKTOP["width"], sizes
    assert sizes["grid"] <= sizes["gridClient"], sizes
    assert_accessible(page, "planning, vue semaine")

    # One tab stop in the grid: Monday's cell, then the arrow to Tuesday.
    def cell(day):
        return grid.get_by_role("button", name=re.compile(f"^{day_label(day)} – {unit.name} :"))

    expect(cell(monday)).to_have_attribute("tabindex", "0")
    cell(monday).focus()
    page.keyboard.press("ArrowRight")
    tuesday = monday + timedelta(days=1)
    expect(cell(tuesday)).to_be_focused()

    # The day's menu with the context-menu key: the focus goes in, « Réserver » first.
    page.keyboard.press("Shift+F10")
    menu = page.get_by_role("menu", name=f"Actions : {day_label(tuesday)} – {unit.name}")
    expect(menu).to_be_visible()
    expect(menu.get_by_role("menuitem")).to_have_text(["Réserver", "Voir l'état"])
    expect(menu.get_by_role("menuitem", name="Réserver")).to_be_focused()
    assert_accessible(page, "menu d'un jour ouvert")
    page.keyboard.press("Escape")
    expect(menu).to_have_count(0)
    expect(cell(tuesday)).to_be_focused()

    page.keyboard.press("ContextMenu")
    expect(menu.get_by_role("menuitem", name="Réserver")).to_be_focused()
    page.keyboard.press("Enter")
    expect(menu).to_have_count(0)
    expect(page.get_by_text("1 modification en attente")).to_be_visible()
    expect(block.get_by_text("1 modification ajoutée au panier.")).to_be_visible()
    # The day is now in the cart, to be validated.
    expect(cell(tuesday)).to_have_accessible_name(re.compile("à valider : réservation"))

    # The fortnight fits as well: two weeks from the same Monday.
    page.get_by_role("radio", name="Quinzaine").check()
    expect(
        page.get_by_role(
            "heading", level=2, name=re.compile(f"^Quinzaine du {day_label(monday)} au ")
        )
    ).to_be_visible()
    expect(grid.get_by_role("columnheader")).to_have_count(15)
    sizes = page.evaluate(
        "() => ({page: document.documentElement.scrollWidth,"
        " grid: document.querySelector('.planning-grid--wide').scrollWidth,"
        " gridClient: document.querySelector('.planning-grid--wide').clientWidth})"
    )
    assert sizes["page"] <= DESKTOP["width"], sizes
    assert sizes["grid"] <= sizes["gridClient"], sizes
