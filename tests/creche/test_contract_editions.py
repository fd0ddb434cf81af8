"""« Mes éditions »: the pre-filled contract of each contract proposed, signed or ended,
served as a PDF to its family only."""

from __future__ import annotations

from datetime import date

import pytest

from core.documents.editions import available_editions
from modules.creche.models import Contract
from modules.creche.services import editions
from tests.support.clients import HOST, logged
from tests.support.creche import make_establishment, make_toddler
from tests.support.creche_contracts import (
    make_contract,
)
from tests.support.factories import make_family

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.frozen_at("2027-03-01T10:00:00+01:00"),
]

MONDAYS = [{"week": "A", "weekday": 0, "arrival": "08:00", "departure": "12:00"}]


@pytest.fixture
def place(alpha):
    return make_establishment(open_from=date(2027, 3, 1))


def contract_of(family, place, state):
    return make_contract(
        family=family,
        child=make_toddler(family),
        establishment=place,
        start=date(2027, 3, 1),
        end=date(2027, 3, 31),
        schedule=MONDAYS,
        state=state,
        book=False,
    )


def test_proposed_and_signed_contracts_are_listed_not_drafts(family, place):
    contract_of(family, place, Contract.DRAFT)
    signed = contract_of(family, place, Contract.SIGNED)
    links = editions.family_editions(family=family)
    assert [link.url for link in links] == [f"/api/v1/creche/contracts/{signed.pk}/contract.pdf"]
    assert links[0].kind == "creche_contract"
    assert links[0].child_id == signed.child_id
    assert "Les Petits Pas" in links[0].label
    assert any(e.kind == "creche_contract" for e in available_editions(family=family))


def test_the_pdf_is_served_to_the_family_only(alpha, parent, family, place, staff):
    contract = contract_of(family, place, Contract.PROPOSED)
    url = f"/api/v1/creche/contracts/{contract.pk}/contract.pdf"
    response = parent.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    _, other = make_family(tenant=alpha)
    assert logged(HOST, other.email).get(url).status_code == 404
    assert staff.get(url).status_code == 403


def test_the_contract_html_carries_the_terms_and_steps(family, place):
    contract = contract_of(family, place, Contract.PROPOSED)
    html = editions.contract_html(contract=contract)
    terms = contract.terms.get()
    assert "Contrat d'accueil régulier" in html
    assert "Lundi" in html and "08:00" in html
    assert terms.rate_steps[0] in html.replace("&#x27;", "'")
    assert "1,86" in html  # the hourly rate
    assert f"Contrat n° {contract.pk} édité le 01/03/2027" in html


def test_staff_print_the_contract_a_family_cannot_use_their_route(staff, parent, family, place):
    contract = contract_of(family, place, Contract.DRAFT)
    url = f"/api/v1/creche/staff/contracts/{contract.pk}/contract.pdf"
    response = staff.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert parent.get(url).status_code == 403


def test_the_matrix_builder_gives_a_proposed_contract_of_the_family(family):
    from tests.support.creche_contracts import matrix_objects

    ids = matrix_objects(family=family, label="A")
    contract = Contract.objects.get(pk=ids["creche_contract"])
    assert (contract.family, contract.state) == (family, Contract.PROPOSED)


def test_the_pdf_lists_the_avenants(family, place):
    from modules.creche.services import amendments
    from tests.support.creche_contracts import terms_input

    contract = contract_of(family, place, Contract.SIGNED)
    amendments.add_amendment(
        contract=contract,
        effective_from=date(2027, 3, 15),
        terms=terms_input(schedule=MONDAYS, resources="60000"),
        reason="Nouvel emploi",
        by=None,
    )
    html = editions.contract_html(contract=contract)
    assert "Avenant 1" in html and "Nouvel emploi" in html
    data, name = editions.render_contract(contract=contract)
    assert data.startswith(b"%PDF")
    assert name.endswith(".pdf")
