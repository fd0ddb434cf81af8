"""Absences: a family declares one with its proof (checked by content), lists its own; staff
qualify it (the retained kind drives the deduction), note an éviction, read the proof; other
families and structures get 404, roles without the permission 403."""

from datetime import date, time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django_tenants.utils import schema_context, tenant_context

from core.accounts.roles import Role, install_roles
from core.booking.models import Reservation
from core.catalog.models import Opening
from core.documents.models import Document
from modules.creche.models import Absence
from modules.creche.services import billing, slots
from modules.creche.services.planning import planned_days
from tests.support.clients import HOST, logged
from tests.support.creche import make_contract, make_establishment, make_toddler
from tests.support.creche_money import (
    absent,
    attend_month,
    creche_run,
    money_contract,
    money_establishment,
)
from tests.support.factories import make_family, make_user

pytestmark = [pytest.mark.django_db, pytest.mark.frozen_at("2027-03-01T10:00:00+01:00")]

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
URL = "/api/v1/creche/absences/"
STAFF = "/api/v1/creche/staff/absences/"


@pytest.fixture
def establishment(alpha):
    return money_establishment(open_from=date(2027, 1, 1), open_until=date(2027, 3, 31))


@pytest.fixture
def contract(family, establishment):
    return money_contract(
        child=make_toddler(family),
        establishment=establishment,
        start=date(2027, 1, 4),
        end=date(2027, 7, 30),
    )


def declare(client, contract, **fields):
    data = {
        "child": contract.child_id,
        "start_date": "2027-03-02",
        "end_date": "2027-03-04",
        "reason": "illness",
        "comment": "Otite",
        **fields,
    }
    return client.post(URL, data)


def test_a_family_declares_an_absence_with_its_proof(parent, contract):
    proof = SimpleUploadedFile("certificat.pdf", PDF, content_type="application/pdf")

    response = declare(parent, contract, proof=proof)

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["state"] == "declared" and body["declared_kind"] == "illness"
    assert body["has_proof"] and body["proof_name"].endswith(".pdf")
    absence = Absence.objects.get()
    assert absence.contract == contract and absence.proof.child_id == contract.child_id
    assert absence.proof.document_type.default_key == "creche.justificatif_absence"
    listed = parent.get(URL).json()
    assert [a["id"] for a in listed] == [absence.pk]
    assert parent.get(f"{URL}{absence.pk}/proof").status_code == 200


def test_a_proof_is_checked_by_its_content(parent, contract):
    fake = SimpleUploadedFile(
        "certificat.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf"
    )

    response = declare(parent, contract, proof=fake)

    assert response.status_code == 400
    assert not Absence.objects.exists() and not Document.objects.exists()


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"end_date": "2027-03-01", "start_date": "2027-03-03"}, "end_date"),
        ({"start_date": "2027-08-02", "end_date": "2027-08-03"}, "start_date"),  # no contract
        ({"reason": "closure"}, "reason"),
    ],
)
def test_bad_declarations_are_refused_in_french(parent, contract, fields, field):
    response = declare(parent, contract, **fields)

    assert response.status_code == 400
    assert field in str(response.json())
    assert not Absence.objects.exists()


def test_overlapping_absences_are_refused(parent, contract):
    assert declare(parent, contract).status_code == 201
    response = declare(parent, contract, start_date="2027-03-03", end_date="2027-03-05")
    assert response.status_code == 400 and "déjà déclarée" in str(response.json()["start_date"])


def test_another_family_child_is_404(alpha, contract, establishment):
    other, user = make_family(tenant=alpha)
    client = logged(HOST, user.email)
    assert declare(client, contract).status_code == 404
    absence = absent(contract, date(2027, 2, 8), date(2027, 2, 8), "illness", qualified=False)
    assert client.get(f"{URL}{absence.pk}/proof").status_code == 404
    assert client.get(URL).json() == []


def test_staff_qualify_illness_without_certificate_needs_a_note(staff, contract):
    absence = absent(contract, date(2027, 3, 2), date(2027, 3, 4), "illness", qualified=False)
    url = f"{STAFF}{absence.pk}/qualify"

    refused = staff.post(url, {"kind": "illness"}, content_type="application/json")
    assert refused.status_code == 400 and "certificat" in str(refused.json()["note"])
    as_other = staff.post(
        url, {"kind": "other", "note": "Pas de certificat"}, content_type="application/json"
    )

    assert as_other.status_code == 200, as_other.content
    absence.refresh_from_db()
    assert (absence.state, absence.kind, absence.staff_note) == (
        "qualified",
        "other",
        "Pas de certificat",
    )
    assert absence.qualified_by is not None


def test_the_qualified_kind_drives_the_deduction(staff, contract):
    attend_month(contract, date(2027, 2, 1), date(2027, 2, 28), skip=[date(2027, 2, 8)])
    absence = absent(
        contract, date(2027, 2, 8), date(2027, 2, 8), "hospitalisation", qualified=False
    )
    refs = lambda: {ln.reference for ln in billing.compute_month(year=2027, month=2).lines()}  # noqa: E731
    assert not [r for r in refs() if r.startswith("deduction")]

    response = staff.post(
        f"{STAFF}{absence.pk}/qualify",
        {"kind": "hospitalisation", "note": "Bulletin remis à l'accueil"},
        content_type="application/json",
    )

    assert response.status_code == 200
    assert f"deduction:{contract.pk}:2027-02:hospitalisation" in refs()


def test_a_billed_month_keeps_its_qualification(staff, contract, establishment):
    absence = absent(contract, date(2027, 2, 8), date(2027, 2, 8), "illness", qualified=False)
    creche_run(establishment, date(2027, 2, 1), date(2027, 2, 28))

    response = staff.post(
        f"{STAFF}{absence.pk}/qualify", {"kind": "other"}, content_type="application/json"
    )

    assert response.status_code == 400 and "déjà facturé" in str(response.json()["kind"])
    absence.refresh_from_db()
    assert absence.state == Absence.DECLARED


def test_staff_note_an_eviction_deducted_from_the_first_day(staff, contract):
    attend_month(contract, date(2027, 2, 1), date(2027, 2, 28), skip=[date(2027, 2, 10)])

    response = staff.post(
        STAFF,
        {
            "contract": contract.pk,
            "start_date": "2027-02-10",
            "end_date": "2027-02-10",
            "note": "Varicelle, éviction par le médecin",
        },
        content_type="application/json",
    )

    assert response.status_code == 201, response.content
    assert response.json()["kind"] == "eviction" and response.json()["state"] == "qualified"
    lines = {ln.reference: ln for ln in billing.compute_month(year=2027, month=2).lines()}
    assert lines[f"deduction:{contract.pk}:2027-02:eviction"].quantity == -9


def test_staff_list_absences_to_qualify_first_and_read_the_proof(staff, parent, contract):
    absent(contract, date(2027, 2, 8), date(2027, 2, 8), "leave")
    proof = SimpleUploadedFile("bulletin.pdf", PDF, content_type="application/pdf")
    declared = declare(parent, contract, reason="hospitalisation", proof=proof).json()

    listed = staff.get(STAFF).json()
    assert listed[0]["id"] == declared["id"] and listed[0]["family_name"]
    assert [a["id"] for a in staff.get(STAFF, {"state": "qualified"}).json()] != [declared["id"]]
    assert staff.get(f"{STAFF}{declared['id']}/proof").status_code == 200


@pytest.mark.parametrize("role", [Role.ANIMATEUR, Role.COMPTABLE])
def test_roles_without_change_absence_cannot_qualify(alpha, contract, role):
    client = logged(HOST, make_user(tenant=alpha, role=role).email)
    absence = absent(contract, date(2027, 3, 2), date(2027, 3, 2), "illness", qualified=False)

    assert client.get(STAFF).status_code == 200  # they read the absences
    response = client.post(
        f"{STAFF}{absence.pk}/qualify", {"kind": "other"}, content_type="application/json"
    )
    assert response.status_code == 403


@pytest.mark.parametrize(("role", "status"), [(Role.ANIMATEUR, 403), (Role.COMPTABLE, 403)])
def test_the_proof_is_only_for_those_who_qualify(alpha, parent, contract, role, status):
    """A medical certificate is health data: the section team lists the absences but does not
    open their proofs (``creche.change_absence``)."""
    proof = SimpleUploadedFile("certificat.pdf", PDF, content_type="application/pdf")
    declared = declare(parent, contract, proof=proof).json()
    client = logged(HOST, make_user(tenant=alpha, role=role).email)

    assert client.get(STAFF).status_code == 200
    assert client.get(f"{STAFF}{declared['id']}/proof").status_code == status
    manager = logged(HOST, make_user(tenant=alpha, role=Role.COORDINATEUR).email)
    assert manager.get(f"{STAFF}{declared['id']}/proof").status_code == 200


def test_a_family_cannot_declare_in_an_invoiced_month(parent, contract, establishment):
    creche_run(establishment, date(2027, 2, 1), date(2027, 2, 28))

    for start, end in (("2027-02-08", "2027-02-09"), ("2027-02-26", "2027-03-02")):
        response = declare(parent, contract, start_date=start, end_date=end)
        assert response.status_code == 400
        assert response.json()["start_date"] == [
            "Ce mois est déjà facturé : contactez la crèche pour régulariser."
        ]
    assert not Absence.objects.exists()
    assert declare(parent, contract).status_code == 201  # March is not invoiced


def test_parents_cannot_reach_staff_routes(parent, contract):
    assert parent.get(STAFF).status_code == 403


def test_another_structure_sees_nothing(alpha, beta, contract):
    absence = absent(contract, date(2027, 3, 2), date(2027, 3, 2), "illness", qualified=False)
    before = list(beta.modules)
    with schema_context("public"):
        type(beta).objects.filter(pk=beta.pk).update(modules=[*before, "creche"])
    try:
        with tenant_context(beta):
            install_roles()
            user = make_user(tenant=beta, role=Role.GESTIONNAIRE)
        client = logged("beta.localhost", user.email)
        assert client.get(STAFF).json() == []
        assert client.get(f"{STAFF}{absence.pk}/proof").status_code == 404
        response = client.post(
            f"{STAFF}{absence.pk}/qualify", {"kind": "other"}, content_type="application/json"
        )
        assert response.status_code == 404
    finally:
        with schema_context("public"):
            type(beta).objects.filter(pk=beta.pk).update(modules=before)
        connection.set_tenant(alpha)
    absence.refresh_from_db()
    assert absence.state == Absence.DECLARED


def test_the_access_matrix_builders(family):
    from tests.support.creche_money import matrix_absence

    plain = matrix_absence(family=family)
    with_proof = matrix_absence(family=family, proof=True)

    assert plain.proof_id is None and plain.contract.family_id == family.pk
    assert with_proof.proof.family_id == family.pk


# --- Absences free the places ----------------------------------------------------------------

EARLY, LATE = time(7, 30), time(17, 0)  # half-hours outside the contract's 8:00–17:00


@pytest.fixture
def booked(clock, family):
    """A contract booked from Monday 22 February (the clock then), its places held 8:00–17:00
    each weekday; back to Monday 1 March, the 22–26 February days are past."""
    clock.move_to("2027-02-22T09:00:00")
    establishment = make_establishment(
        agrement=10, bands=(), open_from=date(2027, 2, 22), open_until=date(2027, 3, 31)
    )
    by = make_user(role=Role.GESTIONNAIRE)
    contract = make_contract(
        child=make_toddler(family),
        establishment=establishment,
        start=date(2027, 2, 22),
        end=date(2027, 7, 30),
        book=True,
        by=by,
    )
    clock.move_to("2027-03-01T10:00:00")
    return contract


def _states(contract, day):
    return set(
        Reservation.objects.filter(child_id=contract.child_id, date=day).values_list(
            "state", flat=True
        )
    )


def _counters_match(establishment):
    holding = {
        opening.pk: Reservation.objects.filter(
            opening=opening, state__in=Reservation.HOLDING
        ).count()
        for opening in Opening.objects.filter(unit__activity_id=establishment.activity_id)
    }
    booked = dict(
        Opening.objects.filter(unit__activity_id=establishment.activity_id).values_list(
            "pk", "booked"
        )
    )
    return booked == holding


def test_a_declared_leave_frees_the_places_from_today(parent, booked):
    establishment = booked.establishment
    days = [date(2027, 2, 25), date(2027, 3, 1), date(2027, 3, 3), date(2027, 3, 4)]
    before = slots.free_places(establishment, days)

    response = declare(
        parent, booked, start_date="2027-02-25", end_date="2027-03-03", reason="leave"
    )

    assert response.status_code == 201, response.content
    after = slots.free_places(establishment, days)
    for day in (date(2027, 3, 1), date(2027, 3, 3)):
        assert after[day][time(8, 0)] == before[day][time(8, 0)] + 1 == 10
        assert after[day][time(16, 30)] == before[day][time(16, 30)] + 1
        assert after[day][EARLY] == before[day][EARLY]
        assert _states(booked, day) == {"leave"}
    # The past stays as it was, and so do the days after the absence.
    assert after[date(2027, 2, 25)] == before[date(2027, 2, 25)]
    assert _states(booked, date(2027, 2, 25)) == {Reservation.CONFIRMED}
    assert after[date(2027, 3, 4)] == before[date(2027, 3, 4)]
    assert _states(booked, date(2027, 3, 4)) == {Reservation.CONFIRMED}
    assert _counters_match(establishment)
    leave = Reservation.objects.filter(child_id=booked.child_id, state="leave")
    assert leave.count() == 3 * 18  # three days × 18 half-hours
    assert set(leave.values_list("decided_by", flat=True)) == {None}  # the family's move


def test_a_freed_place_takes_occasional_care(parent, booked, family):
    """The last place of a half-hour, freed by a leave, is booked by another child."""
    establishment = booked.establishment
    day = date(2027, 3, 2)
    by = make_user(role=Role.GESTIONNAIRE)
    for n in range(9):
        make_contract(
            child=make_toddler(family, first_name=f"Enfant{n}"),
            establishment=establishment,
            start=day,
            end=day,
            book=True,
            by=by,
        )
    guest = make_toddler(family, first_name="Invité")
    care = [slots.DayCare(day, time(9, 0), time(10, 0))]
    with pytest.raises(slots.SlotFull):
        slots.book_days(child_id=guest.pk, establishment=establishment, days=care, by=by)

    leave = declare(parent, booked, start_date="2027-03-02", end_date="2027-03-02", reason="leave")
    assert leave.status_code == 201, leave.content

    slots.book_days(child_id=guest.pk, establishment=establishment, days=care, by=by)
    assert slots.free_places(establishment, [day])[day][time(9, 0)] == 0
    assert _counters_match(establishment)


def test_qualifying_a_future_illness_frees_the_places(staff, parent, booked):
    establishment = booked.establishment
    day = date(2027, 3, 2)
    before = slots.free_places(establishment, [day])[day][time(8, 0)]
    declared = declare(parent, booked, start_date="2027-03-02", end_date="2027-03-03").json()
    # Declared, an illness waits for its certificate: the places are still held.
    assert _states(booked, day) == {Reservation.CONFIRMED}

    response = staff.post(
        f"{STAFF}{declared['id']}/qualify",
        {"kind": "illness", "note": "Certificat remis à l'accueil"},
        content_type="application/json",
    )

    assert response.status_code == 200, response.content
    assert slots.free_places(establishment, [day])[day][time(8, 0)] == before + 1
    assert _states(booked, day) == _states(booked, date(2027, 3, 3)) == {"leave"}
    assert _states(booked, date(2027, 3, 4)) == {Reservation.CONFIRMED}
    moved = Reservation.objects.filter(child_id=booked.child_id, state="leave")
    assert moved.exclude(decided_by=None).count() == moved.count() == 2 * 18
    assert _counters_match(establishment)


def test_qualifying_a_past_absence_leaves_its_days_as_they_were(staff, booked):
    absence = absent(booked, date(2027, 2, 23), date(2027, 2, 24), "illness", qualified=False)
    day = Opening.objects.filter(date=date(2027, 2, 23)).order_by("pk")
    held = list(day.values_list("pk", "booked"))
    assert sum(count for _, count in held) == 18  # the contract's 8:00–17:00

    response = staff.post(
        f"{STAFF}{absence.pk}/qualify",
        {"kind": "illness", "note": "Certificat remis"},
        content_type="application/json",
    )

    assert response.status_code == 200
    assert _states(booked, date(2027, 2, 23)) == {Reservation.CONFIRMED}
    assert list(day.values_list("pk", "booked")) == held
    assert _counters_match(booked.establishment)


def test_a_noted_eviction_frees_the_places(staff, booked):
    response = staff.post(
        STAFF,
        {"contract": booked.pk, "start_date": "2027-03-02", "end_date": "2027-03-02"},
        content_type="application/json",
    )

    assert response.status_code == 201, response.content
    assert _states(booked, date(2027, 3, 2)) == {"leave"}
    assert _counters_match(booked.establishment)


def test_an_avenant_does_not_book_again_the_days_on_leave(parent, booked):
    """Re-booking the schedule (as an avenant does) keeps the days the family took off free."""
    establishment = booked.establishment
    response = declare(
        parent, booked, start_date="2027-03-02", end_date="2027-03-02", reason="leave"
    )
    assert response.status_code == 201, response.content
    before = slots.free_places(establishment, [date(2027, 3, 2)])

    days = planned_days(contract=booked, start=date(2027, 3, 1), end=date(2027, 3, 5))
    slots.book_days(
        child_id=booked.child_id,
        establishment=establishment,
        days=[slots.DayCare(d.day, d.start, d.end) for d in days],
        by=None,
    )

    assert slots.free_places(establishment, [date(2027, 3, 2)]) == before
    assert _states(booked, date(2027, 3, 2)) == {"leave"}
    assert _counters_match(establishment)
