"""Attestations d'inscription: the family asks on a validated enrolment, staff issue it in one
click (or refuse it with a reason), the family downloads the pre-filled PDF."""

from __future__ import annotations

from datetime import date

import pytest
from django.core import mail
from django_tenants.utils import tenant_context

from core.accounts.roles import Role
from core.booking.models import Enrolment, EnrolmentCertificate
from core.booking.services.certificates import render_certificate_html
from tests.support.booking import enrol, make_activity
from tests.support.clients import JSON, logged
from tests.support.factories import make_family, make_user

pytestmark = pytest.mark.frozen_at("2026-11-20 10:00")

BASE = "/api/v1/booking/certificates/"
STAFF = "/api/v1/staff/booking/certificates/"


@pytest.fixture
def enrolment(family):
    return enrol(family.children.get(), make_activity(name="ALAE Matin"))


def ask(parent, enrolment):
    return parent.post(BASE, {"enrolment": enrolment.pk}, content_type=JSON)


def decide(staff, ids, decision, reason=""):
    body = {"ids": ids, "decision": decision, "reason": reason}
    return staff.post(f"{STAFF}decide/", body, content_type=JSON)


def test_family_asks_staff_issue_in_one_click_and_the_family_downloads_the_pdf(
    parent, staff, enrolment, django_capture_on_commit_callbacks
):
    asked = ask(parent, enrolment)
    assert asked.status_code == 201, asked.content
    assert asked.json()["state"] == "requested"
    assert asked.json()["pdf_url"] is None

    pending = staff.get(STAFF).json()["results"]
    assert [c["id"] for c in pending] == [asked.json()["id"]]
    assert pending[0]["child_name"] == enrolment.child.first_name

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        issued = decide(staff, [asked.json()["id"]], "issue")
    assert issued.status_code == 200, issued.content
    assert issued.json()[0]["issued_on"] == "2026-11-20"
    assert any("Attestation d'inscription disponible" in m.subject for m in mail.outbox)
    assert staff.get(STAFF).json()["results"] == []

    mine = parent.get(BASE).json()["results"][0]
    assert mine["state"] == "issued"
    pdf = parent.get(mine["pdf_url"])
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")
    assert "Attestation%20d" in pdf["Content-Disposition"]


def test_the_certificate_names_the_child_the_activity_and_its_dates(parent, staff, enrolment):
    certificate_id = ask(parent, enrolment).json()["id"]
    decide(staff, [certificate_id], "issue")

    html = render_certificate_html(EnrolmentCertificate.objects.get(pk=certificate_id))

    child = enrolment.child
    assert f"{child.first_name} {child.last_name}" in html
    assert child.birth_date.strftime("%d/%m/%Y") in html
    assert "ALAE Matin" in html
    assert enrolment.activity.start_date.strftime("%d/%m/%Y") in html
    assert "Fait le 20/11/2026" in html


def test_a_refusal_needs_a_reason_and_the_family_sees_it(parent, staff, enrolment):
    certificate_id = ask(parent, enrolment).json()["id"]

    no_reason = decide(staff, [certificate_id], "refuse")
    assert no_reason.status_code == 400
    assert no_reason.json()["reason"] == ["Indiquez le motif du refus."]
    assert EnrolmentCertificate.objects.get(pk=certificate_id).state == "requested"

    assert decide(staff, [certificate_id], "refuse", "Inscription non réglée.").status_code == 200
    mine = parent.get(BASE).json()["results"][0]
    assert (mine["state"], mine["reason"], mine["pdf_url"]) == (
        "refused",
        "Inscription non réglée.",
        None,
    )
    assert parent.get(f"{BASE}{certificate_id}/pdf/").status_code == 404


def test_only_a_validated_enrolment_gets_a_certificate(parent, family):
    pending = enrol(family.children.get(), make_activity(), status=Enrolment.STATUS_REQUESTED)

    response = ask(parent, pending)

    assert response.status_code == 400
    assert response.json()["enrolment"] == [
        "Une attestation d'inscription ne peut être demandée que pour une inscription validée."
    ]
    assert not EnrolmentCertificate.objects.exists()


def test_a_second_request_while_one_is_pending_is_refused(parent, enrolment):
    assert ask(parent, enrolment).status_code == 201

    again = ask(parent, enrolment)

    assert again.status_code == 400
    assert again.json()["code"] == "certificate_pending"
    assert EnrolmentCertificate.objects.count() == 1


def test_another_familys_enrolment_and_certificate_answer_404(alpha, parent, staff):
    other, _ = make_family(tenant=alpha, children=1)
    theirs = enrol(other.children.get(), make_activity())
    certificate = EnrolmentCertificate.objects.create(
        enrolment=theirs,
        state=EnrolmentCertificate.STATE_ISSUED,
        issued_on=date(2026, 11, 1),
    )

    assert ask(parent, theirs).status_code == 404
    assert parent.get(f"{BASE}{certificate.pk}/pdf/").status_code == 404
    assert parent.get(BASE).json()["results"] == []
    assert staff.get(f"{STAFF}{certificate.pk}/pdf/").status_code == 200


def test_a_certificate_of_one_structure_is_404_from_another(alpha, beta, enrolment):
    certificate = EnrolmentCertificate.objects.create(
        enrolment=enrolment,
        state=EnrolmentCertificate.STATE_ISSUED,
        issued_on=date(2026, 11, 1),
    )
    with tenant_context(beta):
        beta_staff = make_user(tenant=beta, role=Role.GESTIONNAIRE)
    beta_client = logged("beta.localhost", beta_staff.email)

    assert beta_client.get(f"{STAFF}{certificate.pk}/pdf/").status_code == 404
    assert beta_client.get(STAFF, {"state": "issued"}).json()["results"] == []


def test_staff_without_the_enrolment_permission_cannot_issue(alpha, parent, enrolment):
    certificate_id = ask(parent, enrolment).json()["id"]
    animateur = logged("alpha.localhost", make_user(tenant=alpha, role=Role.ANIMATEUR).email)

    assert animateur.get(STAFF).status_code == 403
    assert decide(animateur, [certificate_id], "issue").status_code == 403
    assert EnrolmentCertificate.objects.get(pk=certificate_id).state == "requested"
