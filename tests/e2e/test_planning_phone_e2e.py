"""The parent's planning on a phone in real Chromium: two children, each in two activities open
every school day of next month, fit in a few screens (only the days with a service, a day's units
in one compact card), the week index moves to a week, and the page passes axe."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from django_tenants.utils import tenant_context
from playwright.sync_api import expect

from core.booking.models import Reservation
from core.booking.services.context import BookingContext
from core.catalog.models import Opening
from tests.e2e.helpers import assert_accessible, log_in
from tests.support.booking import enrol, make_activity
from tests.support.factories import make_family

PHONE = {"width": 390, "height": 844}
SCREENS = 5


@pytest.fixture
def phone_setup(tenants, committed, clock):
    """An ALAE du matin and a pause méridienne open every school day of next month, two children
    enrolled in both, a few days booked or asked for."""
    alpha = tenants["alpha"]
    with tenant_context(alpha):
        first = (clock.today.replace(day=1) + timedelta(days=32)).replace(day=1)
        calendar = BookingContext.load(activity_ids=[]).calendar
        weekdays = []
        day = first
        while day.month == first.month:
            if day.weekday() < 5 and not calendar.public_holiday(day):
                weekdays.append(day)
            day += timedelta(days=1)
        # The school days; in a month of holidays (summer), the weekdays (a holiday centre's).
        days = [d for d in weekdays if not calendar.school_holiday(d)]
        if len(days) < 10:
            days = weekdays
        tag = uuid.uuid4().hex[:6]
        activities = [
            make_activity(kind="accueil_matin", name=f"ALAE {tag}", days=days),
            make_activity(kind="pause_meridienne", name=f"Repas {tag}", days=days),
        ]
        family, parent = make_family(tenant=alpha, children=2, first_name="Claire")
        for child in family.children.order_by("pk"):
            for activity in activities:
                enrolment = enrol(child, activity)
                unit = activity.units.get()
                openings = list(Opening.objects.filter(unit=unit).order_by("date"))
                for opening, state in (
                    (openings[0], Reservation.CONFIRMED),
                    (openings[1], Reservation.CONFIRMED),
                    (openings[2], Reservation.REQUESTED),
                    (openings[5], Reservation.CONFIRMED),
                ):
                    Reservation.objects.create(
                        child=child,
                        opening=opening,
                        enrolment=enrolment,
                        unit=unit,
                        date=opening.date,
                        state=state,
                    )
        yield {"activities": activities, "parent": parent, "month": first, "days": days}
        for activity in activities:
            activity.published = False
            activity.save(update_fields=["published"])


def test_a_month_for_two_children_fits_a_few_phone_screens(live_url, page, tenants, phone_setup):
    base = live_url.format(slug="alpha")
    data = phone_setup
    page.set_viewport_size(PHONE)
    log_in(page, base, data["parent"].email)
    expect(page.get_by_role("heading", name="Bonjour Claire")).to_be_visible()
    page.goto(f"{base}/planning?mois={data['month']:%Y-%m}")
    blocks = [
        page.get_by_role("region", name=activity.name, exact=False)
        for activity in data["activities"]
    ]
    for block in blocks:
        expect(block.first).to_be_visible()
        expect(block.nth(1)).to_be_visible()  # one per child
    first_list = blocks[0].first.get_by_role("list", name="Jours", exact=False)
    expect(first_list).to_be_visible()
    # Only the days with a service (the openings), one card each.
    cards = first_list.locator(":scope > li")
    expect(cards).to_have_count(len(data["days"]))

    height = page.evaluate("() => document.documentElement.scrollHeight")
    limit = SCREENS * PHONE["height"]
    print(f"planning height at 390x844: {height} px")
    assert height < limit, (
        f"The month's planning is {height} px tall on a phone, over {SCREENS} screens ({limit} px)"
    )
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]

    # The week index moves the focus to the week's first day.
    weeks = blocks[0].first.get_by_role("navigation", name="Aller à une semaine", exact=False)
    last_week = weeks.get_by_role("link").last
    last_week.focus()
    page.keyboard.press("Enter")
    target = last_week.get_attribute("href")
    focused = page.evaluate("() => '#' + document.activeElement.id")
    assert focused == target, (focused, target)
    top = page.evaluate("() => document.activeElement.getBoundingClientRect().top")
    assert 0 <= top < PHONE["height"], top

    assert_accessible(page, "planning, téléphone 390 px")
    blocks[0].first.get_by_role("button", name="Modifier").click()
    expect(blocks[0].first.get_by_role("button", name="Valider")).to_be_visible()
    assert_accessible(page, "planning en modification, téléphone 390 px")
