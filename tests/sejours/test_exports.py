"""A stay's follow-up and its lists (participants, health, transport, contacts)."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from core.accounts.roles import Role
from core.documents.models import Document, DocumentType
from core.families.models import AuthorisedPerson, Child
from modules.sejours.models import Wish
from modules.sejours.services import exports
from modules.sejours.services.places import offer
from tests.support.clients import logged
from tests.support.factories import make_user
from tests.support.sejours import make_stay, make_wish

pytestmark = [pytest.mark.django_db, pytest.mark.frozen_at("2027-03-01T10:00:00+01:00")]

API = "/api/v1/sejours/staff/stays"


@pytest.fixture
def stay(family):
    """A stay with Léa (offered, from Lyon, allergic) and Tom waiting."""
    stay = make_stay(name="Séjour Mer", capacity=1)
    lea = family.children.get()
    lea.allergies = "=HYPERLINK(arachides)"
    lea.has_pai = True
    lea.save(update_fields=["allergies", "has_pai"])
    AuthorisedPerson.objects.create(
        child=lea, name="Mamie Jo", relation="grand-mère", phone="0601020304"
    )
    lyon = stay.transports.get(city="Lyon")
    offer(wish=make_wish(child=lea, stay=stay, transport=lyon), by=None)
    tom = Child.objects.create(
        family=family, first_name="Tom", last_name="Martin", birth_date=date(2017, 2, 1)
    )
    make_wish(child=tom, stay=stay, status=Wish.STATUS_WAITLISTED, waitlist_position=1)
    return stay


def test_participants_with_ages_and_completeness(stay, family):
    lea = family.children.get(first_name__startswith="Léa")
    contract_type = DocumentType.objects.get(default_key=exports.CONTRACT_KEY)
    Document.objects.create(
        family=family,
        child=lea,
        document_type=contract_type,
        file=SimpleUploadedFile("contrat.pdf", b"%PDF-1.4"),
        original_name="contrat.pdf",
        content_type="application/pdf",
        size=8,
    )

    [row] = exports.participants(stay=stay)

    assert row["first_name"] == lea.first_name
    assert row["age"] == 7  # born in May, eight after the stay
    assert row["transport_city"] == "Lyon"
    assert row["contract"] == Document.STATUS_AWAITING_REVIEW
    assert row["contract_signed"] is True
    assert row["deposit_paid"] is False
    assert row["complete"] is False
    assert "Fiche sanitaire de liaison signée" in row["missing_documents"]
    [waiting] = exports.waiting_list(stay=stay)
    assert waiting["first_name"] == "Tom"
    assert waiting["position"] == 1


def test_csv_lists_are_formula_safe(stay):
    health = exports.export_csv(stay=stay, kind="health").decode("utf-8")

    assert health.startswith("\ufeffNom;Prénom;Âge;Allergies")
    assert ";'=HYPERLINK(arachides);oui;" in health
    transport = exports.export_csv(stay=stay, kind="transport").decode("utf-8")
    assert "Départ de Lyon" in transport
    assert "Gare de Lyon" in transport
    contacts = exports.export_csv(stay=stay, kind="contacts").decode("utf-8")
    assert "Mamie Jo (grand-mère) 0601020304" in contacts
    assert "+33612345678" in contacts


def test_pdf_lists(stay):
    for kind in exports.KINDS:
        assert exports.export_pdf(stay=stay, kind=kind).startswith(b"%PDF")


def test_staff_follow_up_and_downloads(stay, staff):
    response = staff.get(f"{API}/{stay.pk}/follow-up")

    assert response.status_code == 200, response.content
    body = response.json()
    assert len(body["participants"]) == 1
    assert body["waiting_list"][0]["first_name"] == "Tom"
    assert {e["kind"] for e in body["exports"]} == set(exports.KINDS)
    csv = staff.get(f"{API}/{stay.pk}/exports/participants.csv")
    assert csv.status_code == 200
    assert csv["Content-Type"].startswith("text/csv")
    assert "sejour-mer-participants.csv" in csv["Content-Disposition"]
    pdf = staff.get(f"{API}/{stay.pk}/exports/transport.pdf")
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert staff.get(f"{API}/{stay.pk}/exports/unknown.csv").status_code == 404


def test_health_lists_are_not_for_every_role(stay, alpha, parent, alpha_client):
    url = f"{API}/{stay.pk}/exports/health.csv"
    accountant = logged("alpha.localhost", make_user(tenant=alpha, role=Role.COMPTABLE).email)
    assert accountant.get(url).status_code == 403
    assert accountant.get(f"{API}/{stay.pk}/follow-up").status_code == 403
    assert parent.get(url).status_code == 403
    assert alpha_client.get(url).status_code in (401, 403)


def test_follow_up_queries_grow_by_a_few_per_child_only(family):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    stay = make_stay(name="Séjour Lac", capacity=10)

    def add_children(count: int) -> None:
        for i in range(count):
            child = Child.objects.create(
                family=family, first_name=f"E{i}", last_name="Martin", birth_date=date(2017, 2, 1)
            )
            offer(wish=make_wish(child=child, stay=stay), by=None)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            exports.participants(stay=stay)
        return len(captured.captured_queries)

    add_children(2)
    two = queries()
    add_children(2)
    four = queries()
    per_child = (four - two) / 2
    print(f"follow-up: {two} queries for 2 children, {four} for 4 ({per_child} per child)")
    assert per_child <= 8


def test_meeting_times_are_printed_in_the_structures_time_zone(stay):
    from django.db import connection

    # make_stay: meeting at 08:00 in Paris on departure day (CEST in summer), 03:00 in Cayenne.
    tenant = connection.tenant
    previous = tenant.time_zone
    tenant.time_zone = "America/Cayenne"
    try:
        transport = exports.export_csv(stay=stay, kind="transport").decode("utf-8")
    finally:
        tenant.time_zone = previous

    assert "03:00" in transport
    assert "08:00" not in transport
