"""Aids deducted from a place: VACAF by the family's quotient band, capped per child and per
year and never above what is due; CSE and other aids entered by staff with their proof."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from core.documents.models import DocumentType
from core.documents.services import upload_document
from core.errors import DomainError
from modules.sejours.models import SejoursSettings, StayAid
from modules.sejours.services.aids import add_aid, remove_aid, vacaf_for
from modules.sejours.services.invoices import issue_balance
from tests.support.factories import make_family
from tests.support.sejours import make_stay
from tests.support.sejours_money import accepted_place, aids_on_invoices, give_quotient

pytestmark = [pytest.mark.django_db, pytest.mark.frozen_at("2027-03-01T10:00:00+01:00")]

AIDS = "/api/v1/sejours/staff/places/{}/aids/"
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def proof_of(family):
    kind = DocumentType.objects.order_by("pk").first()
    return upload_document(
        family=family,
        document_type=kind,
        file=SimpleUploadedFile("cse.pdf", PDF, content_type="application/pdf"),
        child=family.children.first() if kind.scope == "child" else None,
        user=family.guardians.first().user,
    )


def test_vacaf_pays_the_days_of_the_stay_at_the_band_rate(family):
    give_quotient(family, 550)  # band ≤ 600: 22 € a day

    wish = accepted_place(family=family, price="400.00", days=7)

    vacaf = wish.aids.get(kind=StayAid.KIND_VACAF)
    assert vacaf.amount == Decimal("154.00")
    assert "7 jours × 22,00 €" in vacaf.label


def test_no_vacaf_above_the_last_band_or_without_quotient(family, alpha):
    give_quotient(family, 900)
    assert not accepted_place(family=family, price="400.00").aids.exists()
    other, _ = make_family(tenant=alpha)
    assert not accepted_place(family=other, price="400.00").aids.exists()


def test_vacaf_days_are_capped_per_child_and_per_year(family):
    give_quotient(family, 350)  # 30 € a day, 14 days a year
    first = accepted_place(family=family, price="900.00", days=10)
    second = accepted_place(family=family, price="900.00", days=10, name="Séjour mer")

    assert first.aids.get().amount == Decimal("300.00")
    assert second.aids.get().amount == Decimal("120.00")  # 4 days left of the 14
    assert "plafond de 14 jours" in second.aids.get().label


@pytest.mark.parametrize("accepted_first", ["june", "july"])
@pytest.mark.parametrize("balanced_first", ["june", "july"])
def test_vacaf_cap_goes_to_the_stays_in_departure_order_when_recomputed_at_balance(
    family, accepted_first, balanced_first
):
    give_quotient(family, 350)  # 30 € a day, 14 days a year
    starts = {"june": date(2027, 6, 5), "july": date(2027, 7, 5)}
    stays = {
        month: make_stay(name=f"Séjour {month}", start=start, days=10, price="900.00")
        for month, start in starts.items()
    }
    order = [accepted_first, *(m for m in starts if m != accepted_first)]
    places = {month: accepted_place(family=family, stay=stays[month]) for month in order}

    for month in [balanced_first, *(m for m in starts if m != balanced_first)]:
        issue_balance(wish=places[month])  # recomputes VACAF (vacaf_for) before invoicing

    # June leaves first: its 10 days are paid in full, July gets the 4 days the cap leaves.
    assert places["june"].aids.get(kind=StayAid.KIND_VACAF).amount == Decimal("300.00")
    assert places["july"].aids.get(kind=StayAid.KIND_VACAF).amount == Decimal("120.00")
    assert aids_on_invoices(places["june"]) == Decimal("300.00")
    assert aids_on_invoices(places["july"]) == Decimal("120.00")


def test_vacaf_never_exceeds_what_is_due(family):
    give_quotient(family, 350)
    wish = accepted_place(family=family, price="100.00", days=7)  # 7 × 30 = 210 > 100

    aid = wish.aids.get(kind=StayAid.KIND_VACAF)
    assert aid.amount <= Decimal("100.00")
    # The deposit is what the aid leaves; deposit + aid == price.
    assert wish.deposit_invoice is None or wish.deposit_invoice.total + aid.amount <= Decimal(
        "100.00"
    )


def test_vacaf_disabled_by_the_structure(family):
    settings = SejoursSettings.current()
    settings.vacaf_enabled = False
    settings.save()
    give_quotient(family, 350)

    wish = accepted_place(family=family, price="400.00")

    assert vacaf_for(wish=wish) is None and not wish.aids.exists()


def test_staff_adds_a_cse_aid_with_the_family_proof(family, staff):
    wish = accepted_place(family=family, price="400.00")
    proof = proof_of(family)

    response = staff.post(
        AIDS.format(wish.pk),
        {"kind": "cse", "label": "CSE Papeteries", "amount": "80.00", "proof": proof.pk},
        content_type="application/json",
    )

    assert response.status_code == 201, response.content
    aid = wish.aids.get()
    assert (aid.kind, aid.amount, aid.proof_id) == ("cse", Decimal("80.00"), proof.pk)
    assert response.json()["balance"]["amount"] == "200.00"  # 400 − 120 − 80


def test_proof_of_another_family_is_not_found(family, staff, alpha):
    wish = accepted_place(family=family, price="400.00")
    other, _ = make_family(tenant=alpha)

    response = staff.post(
        AIDS.format(wish.pk),
        {"kind": "other", "label": "Mairie", "amount": "50.00", "proof": proof_of(other).pk},
        content_type="application/json",
    )

    assert response.status_code == 404
    assert not wish.aids.exists()


def test_vacaf_is_computed_not_entered(family, staff):
    wish = accepted_place(family=family, price="400.00")

    response = staff.post(
        AIDS.format(wish.pk), {"kind": "vacaf", "amount": "50.00"}, content_type="application/json"
    )
    assert response.status_code == 400
    with pytest.raises(DomainError):
        add_aid(wish=wish, kind="vacaf", label="", amount=Decimal(5), by=None)


def test_an_aid_never_creates_a_refund(family):
    wish = accepted_place(family=family, price="400.00")
    add_aid(wish=wish, kind="cse", label="CSE", amount=Decimal("500.00"), by=None)

    balance = issue_balance(wish=wish)

    assert balance.total == Decimal("0.00")
    assert wish.deposit_invoice.total + balance.total + aids_on_invoices(wish) == Decimal("400.00")


def test_aids_are_frozen_once_the_balance_is_invoiced(family, staff, parent):
    wish = accepted_place(family=family, price="400.00")
    aid = add_aid(wish=wish, kind="other", label="Mairie", amount=Decimal("40.00"), by=None)
    spare = add_aid(wish=wish, kind="other", label="Erreur", amount=Decimal("1.00"), by=None)
    assert staff.delete(f"{AIDS.format(wish.pk)}{spare.pk}").status_code == 204

    issue_balance(wish=wish)

    with pytest.raises(DomainError):
        remove_aid(aid=aid, by=None)
    refused = staff.post(
        AIDS.format(wish.pk), {"kind": "cse", "amount": "10.00"}, content_type="application/json"
    )
    assert refused.status_code == 400
    assert refused.json()["code"] == "balance_issued" or "solde" in refused.content.decode()
    # Families never enter aids.
    assert parent.post(AIDS.format(wish.pk), {}, content_type="application/json").status_code == 403


def test_aid_of_an_unknown_place_is_not_found(family, staff):
    make_stay()  # nothing to do with it
    assert staff.delete(f"{AIDS.format(999999)}1").status_code == 404
