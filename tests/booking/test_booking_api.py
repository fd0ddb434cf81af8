"""The booking flow through the API: enrolment, planning, cart, checkout, decisions."""

from __future__ import annotations

from datetime import time, timedelta
from decimal import Decimal

import pytest
from django.core import mail

from core.accounts.roles import Role
from core.booking.models import BookingPolicy, Enrolment, Reservation
from core.catalog.models import Opening
from core.families.models import QuotientDeclaration
from core.pricing.models import Tariff, TariffBracket
from tests.support.booking import add, complete_file, enrol, make_activity, next_weekdays
from tests.support.clients import JSON, logged
from tests.support.factories import make_family, make_user

HOST = "alpha.localhost"


@pytest.fixture
def parent(alpha):
    family, user = make_family(tenant=alpha, children=2)
    client = logged(HOST, user.email)
    client.family = family
    client.user = user
    return client


@pytest.fixture
def staff(alpha):
    user = make_user(tenant=alpha, role=Role.GESTIONNAIRE)
    client = logged(HOST, user.email)
    client.user = user
    return client


def test_enrolment_is_refused_while_the_file_misses_what_the_activity_needs(parent):
    activity = make_activity()
    child = parent.family.children.first()
    response = parent.post(
        "/api/v1/booking/enrolments/",
        {"child": child.pk, "activity": activity.pk},
        content_type=JSON,
    )
    assert response.status_code == 400
    body = response.json()
    assert body["missing"], body
    assert all(item["link"].startswith("/") for item in body["missing"])
    assert not Enrolment.objects.filter(child=child).exists()


def test_complete_file_enrolment_waits_for_staff_then_is_validated_with_email(
    parent, staff, django_capture_on_commit_callbacks
):
    activity = make_activity(enrolment_validation="staff")
    complete_file(parent.family, staff_user=staff.user)
    child = parent.family.children.first()
    response = parent.post(
        "/api/v1/booking/enrolments/",
        {"child": child.pk, "activity": activity.pk},
        content_type=JSON,
    )
    assert response.status_code == 201, response.content
    assert response.json()["status"] == "requested"
    again = parent.post(
        "/api/v1/booking/enrolments/",
        {"child": child.pk, "activity": activity.pk},
        content_type=JSON,
    )
    assert again.status_code == 400
    pending = staff.get("/api/v1/staff/booking/enrolments/").json()["results"]
    assert [e["id"] for e in pending] == [response.json()["id"]]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        decided = staff.post(
            "/api/v1/staff/booking/enrolments/decide/",
            {"ids": [response.json()["id"]], "decision": "accept"},
            content_type=JSON,
        )
    assert decided.status_code == 200, decided.content
    assert Enrolment.objects.get(pk=response.json()["id"]).status == "validated"
    assert any("Inscription validée" in m.subject for m in mail.outbox)


def test_enrolment_that_books_the_year_books_every_future_opening(parent, staff):
    days = next_weekdays(5)
    activity = make_activity(kind="pause_meridienne", name="Restauration", days=days)
    activity.units.update(booked_on_enrolment=True)
    activity.enrolment_validation = "auto"
    activity.save()
    complete_file(parent.family, staff_user=staff.user)
    child = parent.family.children.first()
    response = parent.post(
        "/api/v1/booking/enrolments/",
        {"child": child.pk, "activity": activity.pk},
        content_type=JSON,
    )
    assert response.json()["status"] == "validated"
    assert Reservation.objects.filter(child=child, state="confirmed").count() == 5


def test_no_booking_without_a_validated_enrolment(parent):
    [day] = next_weekdays(1)
    activity = make_activity(days=[day])
    child = parent.family.children.first()
    enrol(child, activity, status=Enrolment.STATUS_REQUESTED)
    opening = Opening.objects.get(unit__activity=activity)
    response = add(parent, (child.pk, opening.pk, "book"))
    assert response.json()["refused"][0]["code"] == "enrolment_pending"
    planning = parent.get(f"/api/v1/booking/planning/?month={day:%Y-%m}").json()
    cell = next(
        c
        for c in planning["children"][0]["activities"][0]["rows"][0]["cells"]
        if c["date"] == day.isoformat()
    )
    assert cell["status"] == "enrolment_pending" and cell["actions"] == []


def test_cart_recap_checkout_and_recap_email(parent, django_capture_on_commit_callbacks):
    days = next_weekdays(3)
    activity = make_activity(days=days)
    Tariff.objects.create(
        name="ALAE MATIN",
        activity=activity,
        valid_from=days[0] - timedelta(days=60),
        amount=Decimal("2.10"),
    )
    first, second = parent.family.children.all()
    enrol(first, activity)
    enrol(second, activity)
    openings = list(Opening.objects.filter(unit__activity=activity).order_by("date"))
    response = add(
        parent, *[(child.pk, o.pk, "book") for child in (first, second) for o in openings]
    )
    assert response.status_code == 200, response.content
    cart = response.json()["cart"]
    assert cart["count"] == 6
    assert Decimal(cart["total"]) == Decimal("12.60")
    assert {line["tariff_name"] for line in cart["lines"]} == {"ALAE MATIN"}
    assert not Reservation.objects.exists(), "the cart holds nothing before Terminer"

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        done = parent.post("/api/v1/booking/cart/checkout/", content_type=JSON)
    assert done.status_code == 200, done.content
    assert len(done.json()["done"]) == 6 and done.json()["failed"] == []
    assert Decimal(done.json()["total"]) == Decimal("12.60")
    assert Reservation.objects.filter(state="confirmed").count() == 6
    assert all(o.booked == 2 for o in Opening.objects.filter(pk__in=[o.pk for o in openings]))
    recap = [m for m in mail.outbox if "Récapitulatif" in m.subject]
    assert len(recap) == 1
    assert "Réservation" in recap[0].body and "2.10" in recap[0].body.replace(",", ".")
    assert parent.get("/api/v1/booking/cart/").json()["count"] == 0


def test_tout_supprimer_empties_the_cart(parent):
    days = next_weekdays(2)
    activity = make_activity(days=days)
    child = parent.family.children.first()
    enrol(child, activity)
    add(parent, *[(child.pk, o.pk, "book") for o in Opening.objects.all()])
    assert parent.get("/api/v1/booking/cart/").json()["count"] == 2
    cleared = parent.delete("/api/v1/booking/cart/")
    assert cleared.json()["count"] == 0


def test_full_opening_sends_booking_to_waiting_list_and_cancel_promotes_it(
    alpha, staff, django_capture_on_commit_callbacks
):
    [day] = next_weekdays(1)
    activity = make_activity(days=[day], capacity=1)
    opening = Opening.objects.get(unit__activity=activity)
    family_a, user_a = make_family(tenant=alpha)
    family_b, user_b = make_family(tenant=alpha)
    a, b = logged(HOST, user_a.email), logged(HOST, user_b.email)
    child_a, child_b = family_a.children.get(), family_b.children.get()
    enrol(child_a, activity)
    enrol(child_b, activity)
    add(a, (child_a.pk, opening.pk, "book"))
    assert a.post("/api/v1/booking/cart/checkout/").json()["done"][0]["state"] == "confirmed"
    add(b, (child_b.pk, opening.pk, "book"))
    assert b.get("/api/v1/booking/cart/").json()["lines"][0]["full"] is True
    assert b.post("/api/v1/booking/cart/checkout/").json()["done"][0]["state"] == "waitlisted"
    mail.outbox.clear()
    add(a, (child_a.pk, opening.pk, "cancel"))
    with django_capture_on_commit_callbacks(execute=True):
        cancelled = a.post("/api/v1/booking/cart/checkout/").json()
    assert cancelled["done"][0]["state"] == "cancelled"
    promoted = Reservation.objects.get(child=child_b)
    assert promoted.state == "confirmed"
    opening.refresh_from_db()
    assert opening.booked == 1
    assert any("place s'est libérée" in m.subject for m in mail.outbox)


def test_deadline_passed_cell_shows_its_reason_and_cannot_be_changed(parent, clock):
    tomorrow = clock.today + timedelta(days=1)
    policy = BookingPolicy.objects.create(
        name="J-3", kind=BookingPolicy.KIND_RELATIVE, days=3, at=time(9, 30)
    )
    activity = make_activity(days=[tomorrow], policy=policy)
    child = parent.family.children.first()
    enrol(child, activity)
    opening = Opening.objects.get(unit__activity=activity)
    planning = parent.get(f"/api/v1/booking/planning/?month={tomorrow:%Y-%m}").json()
    cells = planning["children"][0]["activities"][0]["rows"][0]["cells"]
    cell = next(c for c in cells if c["date"] == tomorrow.isoformat())
    assert cell["status"] == "deadline_passed"
    assert cell["actions"] == []
    assert cell["reason"].startswith("Délai dépassé le ")
    refused = add(parent, (child.pk, opening.pk, "book")).json()["refused"]
    assert refused[0]["code"] == "deadline_passed"
    assert parent.get("/api/v1/booking/cart/").json()["count"] == 0


def test_staff_validation_mode_creates_requests_staff_refuse_with_reason(parent, staff):
    days = next_weekdays(2)
    activity = make_activity(days=days, booking_validation="staff")
    child = parent.family.children.first()
    enrol(child, activity)
    add(parent, *[(child.pk, o.pk, "book") for o in Opening.objects.all()])
    done = parent.post("/api/v1/booking/cart/checkout/").json()["done"]
    assert {d["state"] for d in done} == {"requested"}
    ids = [r["id"] for r in staff.get("/api/v1/staff/booking/reservations/").json()["results"]]
    assert len(ids) == 2
    no_reason = staff.post(
        "/api/v1/staff/booking/reservations/decide/",
        {"ids": ids[:1], "decision": "refuse"},
        content_type=JSON,
    )
    assert no_reason.status_code == 400
    staff.post(
        "/api/v1/staff/booking/reservations/decide/",
        {"ids": ids[:1], "decision": "refuse", "reason": "Effectif complet ce jour"},
        content_type=JSON,
    )
    staff.post(
        "/api/v1/staff/booking/reservations/decide/",
        {"ids": ids[1:], "decision": "accept"},
        content_type=JSON,
    )
    states = dict(Reservation.objects.values_list("pk", "state"))
    assert states == {ids[0]: "refused", ids[1]: "confirmed"}
    assert Opening.objects.get(reservations__pk=ids[0]).booked == 0


def test_incompatible_units_cannot_be_held_the_same_day(parent):
    [day] = next_weekdays(1, weekdays=(2,))
    activity = make_activity(kind="mercredi", name="Mercredis", days=[day])
    child = parent.family.children.first()
    enrol(child, activity)
    full_day = Opening.objects.get(unit__activity=activity, unit__name="Journée complète")
    morning = Opening.objects.get(unit__activity=activity, unit__name="Matin")
    response = add(parent, (child.pk, full_day.pk, "book"), (child.pk, morning.pk, "book"))
    refused = response.json()["refused"]
    assert {r["code"] for r in refused} == {"incompatible"}


def test_qf_bracket_and_no_qf_takes_the_highest_bracket(parent, staff):
    [day] = next_weekdays(1)
    activity = make_activity(days=[day])
    tariff = Tariff.objects.create(
        name="ALAE selon QF",
        activity=activity,
        method=Tariff.METHOD_QF,
        valid_from=day - timedelta(days=100),
    )
    TariffBracket.objects.create(tariff=tariff, qf_min=0, qf_max=700, amount=Decimal("1.00"))
    TariffBracket.objects.create(tariff=tariff, qf_min=700, qf_max=None, amount=Decimal("3.00"))
    child = parent.family.children.first()
    enrol(child, activity)
    opening = Opening.objects.get(unit__activity=activity)
    line = add(parent, (child.pk, opening.pk, "book")).json()["cart"]["lines"][0]
    assert Decimal(line["amount"]) == Decimal("3.00")
    QuotientDeclaration.objects.create(
        family=parent.family,
        value=500,
        valid_from=day - timedelta(days=10),
        status=QuotientDeclaration.STATUS_ACCEPTED,
    )
    line = parent.get("/api/v1/booking/cart/").json()["lines"][0]
    assert Decimal(line["amount"]) == Decimal("1.00")


def test_weekly_template_fills_the_cart_and_reports_what_it_could_not_book(parent):
    days = next_weekdays(8, weekdays=(0, 1, 3, 4))
    activity = make_activity(days=days)
    child = parent.family.children.first()
    enrol(child, activity)
    unit = activity.units.get()
    Opening.objects.filter(date=days[0]).update(closed=True)
    response = parent.post(
        "/api/v1/booking/weekly-template/",
        {
            "child": child.pk,
            "activity": activity.pk,
            "start": days[0].isoformat(),
            "end": days[-1].isoformat(),
            "parity": "all",
            "slots": [[days[0].weekday(), unit.pk], [days[1].weekday(), unit.pk]],
        },
        content_type=JSON,
    )
    assert response.status_code == 200, response.content
    report = response.json()
    wanted = [d for d in days if d.weekday() in (days[0].weekday(), days[1].weekday())]
    assert report["added"] == len(wanted) - 1
    assert [s["code"] for s in report["skipped"]] == ["closed"]
    assert report["cart"]["count"] == len(wanted) - 1


def test_absence_with_certificate_is_excused_without_it_billed(parent):
    days = next_weekdays(2)
    activity = make_activity(days=days)
    child = parent.family.children.first()
    enrol(child, activity)
    add(parent, *[(child.pk, o.pk, "book") for o in Opening.objects.all()])
    parent.post("/api/v1/booking/cart/checkout/")
    first, second = Reservation.objects.order_by("date")
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.support.booking import PDF

    excused = parent.post(
        "/api/v1/booking/absences/",
        {
            "reservation": first.pk,
            "reason": "Malade",
            "document": SimpleUploadedFile("certificat.pdf", PDF, content_type="application/pdf"),
        },
    )
    assert excused.status_code == 200, excused.content
    assert excused.json()["state"] == "absent_excused"
    billed = parent.post("/api/v1/booking/absences/", {"reservation": second.pk})
    assert billed.json()["state"] == "absent_billed"


def test_another_familys_child_or_reservation_answers_404(parent, alpha):
    other, _ = make_family(tenant=alpha)
    [day] = next_weekdays(1)
    activity = make_activity(days=[day])
    opening = Opening.objects.get(unit__activity=activity)
    assert add(parent, (other.children.get().pk, opening.pk, "book")).status_code == 404
    assert (
        parent.get(f"/api/v1/booking/planning/?child={other.children.get().pk}").status_code == 404
    )
    enrol(other.children.get(), activity)
    reservation = Reservation.objects.create(
        child=other.children.get(),
        opening=opening,
        enrolment=Enrolment.objects.get(),
        unit=opening.unit,
        date=opening.date,
        state="confirmed",
    )
    response = parent.post("/api/v1/booking/absences/", {"reservation": reservation.pk})
    assert response.status_code == 404


def test_staff_attendance_sheet_marks_present_and_absent(parent, staff):
    [day] = next_weekdays(1)
    activity = make_activity(days=[day])
    first, second = parent.family.children.all()
    enrol(first, activity)
    enrol(second, activity)
    opening = Opening.objects.get(unit__activity=activity)
    add(parent, (first.pk, opening.pk, "book"), (second.pk, opening.pk, "book"))
    parent.post("/api/v1/booking/cart/checkout/")
    sheet = staff.get(f"/api/v1/staff/booking/attendance/{opening.pk}/").json()
    ids = [line["reservation"] for line in sheet["lines"]]
    marked = staff.post(
        f"/api/v1/staff/booking/attendance/{opening.pk}/",
        {"marks": {str(ids[0]): "present", str(ids[1]): "absent_billed"}},
        content_type=JSON,
    )
    assert marked.status_code == 200, marked.content
    assert sorted(line["state"] for line in marked.json()["lines"]) == ["absent_billed", "present"]


def test_planning_for_three_children_six_units_a_month_is_bounded(
    alpha, django_assert_max_num_queries
):
    family, user = make_family(tenant=alpha, children=3)
    days = next_weekdays(20, weekdays=(0, 1, 2, 3, 4))
    activities = [
        make_activity(kind="accueil_soir", name="Soir", days=days),  # 2 units
        make_activity(kind="mercredi", name="Mercredis", days=days),  # 4 units
    ]
    for child in family.children.all():
        for activity in activities:
            enrol(child, activity)
    client = logged(HOST, user.email)
    month = days[5].strftime("%Y-%m")
    client.get(f"/api/v1/booking/planning/?month={month}")  # warm the configuration cache
    with django_assert_max_num_queries(10):
        response = client.get(f"/api/v1/booking/planning/?month={month}")
    assert response.status_code == 200
    children = response.json()["children"]
    assert len(children) == 3
    assert sum(len(a["rows"]) for a in children[0]["activities"]) == 6


def _checkout_queries(client, child, openings, capture) -> int:
    add(client, *[(child.pk, o.pk, "book") for o in openings])
    with capture() as ctx:
        response = client.post("/api/v1/booking/cart/checkout/")
    assert response.status_code == 200 and not response.json()["failed"], response.content
    return len(ctx.captured_queries)


def test_checkout_query_count_does_not_grow_with_the_number_of_lines(alpha, parent):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    days = next_weekdays(40)
    activity = make_activity(days=days)
    first, second = parent.family.children.all()
    enrol(first, activity)
    enrol(second, activity)
    openings = list(Opening.objects.filter(unit__activity=activity).order_by("date"))

    def capture():
        return CaptureQueriesContext(connection)

    small = _checkout_queries(parent, first, openings[:2], capture)
    large = _checkout_queries(parent, second, openings, capture)
    assert large == small, (small, large)


def test_cart_recap_query_count_does_not_grow_with_its_lines(alpha, parent):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    days = next_weekdays(30)
    activity = make_activity(days=days)
    first, second = parent.family.children.all()
    enrol(first, activity)
    enrol(second, activity)
    openings = list(Opening.objects.filter(unit__activity=activity).order_by("date"))
    add(parent, *[(first.pk, o.pk, "book") for o in openings])
    parent.post("/api/v1/booking/cart/checkout/")

    def recap_queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert parent.get("/api/v1/booking/cart/").status_code == 200
        return len(ctx.captured_queries)

    add(parent, (first.pk, openings[0].pk, "cancel"), (second.pk, openings[0].pk, "book"))
    small = recap_queries()
    add(
        parent,
        *[(first.pk, o.pk, "cancel") for o in openings[1:]],
        *[(second.pk, o.pk, "book") for o in openings[1:]],
    )
    assert parent.get("/api/v1/booking/cart/").json()["count"] == 60
    assert recap_queries() == small
