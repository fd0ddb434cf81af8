"""« Mes éditions » for séjours: the pre-filled contrat d'accueil of each place offered or
confirmed, the convocation of each confirmed place, served to the family only."""

from datetime import date, timedelta

import pytest

from core.documents.editions import available_editions
from modules.sejours.models import Wish
from modules.sejours.services import offers
from modules.sejours.services.editions import contract_html, convocation_html, family_editions
from modules.sejours.services.places import offer
from tests.support.factories import make_family
from tests.support.sejours import make_stay, make_wish

pytestmark = [pytest.mark.django_db, pytest.mark.frozen_at("2027-03-01T10:00:00+01:00")]

API = "/api/v1/sejours/places/"


@pytest.fixture
def stay():
    return make_stay(
        name="Aventure au Vercors",
        start=date(2027, 7, 10),
        price="480.00",
        deposit_amount="100.00",
        trousseau="Sac de couchage\nGourde",
        practical_info="Courrier : Centre des Écrins, 38880 Autrans",
    )


@pytest.fixture
def place(family, stay):
    lyon = stay.transports.get(city="Lyon")
    return offer(wish=make_wish(child=family.children.get(), stay=stay, transport=lyon), by=None)


def test_an_offered_place_has_its_contract_and_no_convocation_yet(family, place):
    child = family.children.get()

    links = family_editions(family=family)

    assert [(link.kind, link.label) for link in links] == [
        (
            "sejours_contract",
            f"Contrat d'accueil – Aventure au Vercors – {child.first_name} {child.last_name}",
        )
    ]
    assert links[0].url == f"{API}{place.pk}/contract.pdf"
    assert any(e.kind == "sejours_contract" for e in available_editions(family=family))


def test_a_confirmed_place_adds_its_convocation(family, place):
    offers.accept_offer(wish=place, by=family.parent)

    kinds = [link.kind for link in family_editions(family=family)]

    assert kinds == ["sejours_contract", "sejours_convocation"]


def test_places_without_answer_for_the_family_have_no_edition(family, stay):
    make_wish(child=family.children.get(), stay=stay, status=Wish.STATUS_WAITLISTED)
    assert family_editions(family=family) == []


def test_the_contract_is_prefilled(family, place):
    child = family.children.get()
    guardian = family.guardians.first()

    html = contract_html(wish=place)

    for text in (
        child.last_name,
        child.birth_date.strftime("%d/%m/%Y"),
        guardian.last_name,
        "du 10/07/2027 au 16/07/2027",
        "Autrans (Isère)",
        "départ de Lyon – rendez-vous Gare de Lyon, le 10/07/2027 à 08h00",
        "510,00",  # 480 € and the 30 € supplement from Lyon
        "100,00",
        "410,00",
        "au plus tard le 10/06/2027",
        "plus de 30 jours avant le départ : l&#x27;acompte reste dû",
        "de 0 à 30 jours avant le départ : 50 % du prix reste dû",
        "lu et approuvé",
    ):
        assert text in html, text


def test_the_convocation_gives_meeting_trousseau_and_practical_sheet(family, place):
    offers.accept_offer(wish=place, by=family.parent)

    html = convocation_html(wish=place)

    assert "Gare de Lyon" in html and "10/07/2027 à 08h00" in html
    assert "Sac de couchage" in html and "Centre des Écrins" in html


def test_the_family_downloads_its_pdfs(family, parent, place):
    contract = parent.get(f"{API}{place.pk}/contract.pdf")
    assert contract.status_code == 200
    assert contract["Content-Type"] == "application/pdf"
    assert b"".join(contract.streaming_content).startswith(b"%PDF")
    assert parent.get(f"{API}{place.pk}/convocation.pdf").status_code == 404

    offers.accept_offer(wish=place, by=family.parent)
    convocation = parent.get(f"{API}{place.pk}/convocation.pdf")
    assert convocation.status_code == 200
    assert b"".join(convocation.streaming_content).startswith(b"%PDF")


def test_no_contract_once_the_place_is_declined(parent, place):
    offers.decline_offer(wish=place, by=None)
    assert parent.get(f"{API}{place.pk}/contract.pdf").status_code == 404


def test_the_convocation_disappears_once_the_stay_is_over(family, place, clock):
    offers.accept_offer(wish=place, by=family.parent)
    clock.move_to(place.stay.activity.end_date + timedelta(days=1))

    assert [link.kind for link in family_editions(family=family)] == ["sejours_contract"]


def test_another_familys_contract_is_not_found(parent, stay):
    other, _ = make_family(first_name="Autre")
    theirs = offer(wish=make_wish(child=other.children.get(), stay=stay), by=None)

    assert parent.get(f"{API}{theirs.pk}/contract.pdf").status_code == 404
