"""The crèche tiles of the home pages: a contract to sign, a place offered, requests being
studied for the family; requests, unsigned contracts, absences to qualify for the staff who
may act on them."""

from __future__ import annotations

from datetime import date

import pytest

from core.accounts.roles import Role
from modules.creche.models import Contract, PlaceRequest
from modules.creche.summary import family_tiles, staff_tiles
from tests.support.creche import make_establishment, make_toddler
from tests.support.creche_contracts import (
    make_contract,
)
from tests.support.factories import make_user

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.frozen_at("2027-03-01T10:00:00+01:00"),
]


def request_of(family, state, **fields):
    return PlaceRequest.objects.create(
        family=family,
        child=family.children.first(),
        desired_start=date(2027, 9, 1),
        care=PlaceRequest.CARE_REGULAR,
        state=state,
        **fields,
    )


def test_family_tiles(family, alpha):
    assert family_tiles(family=family) == []
    place = make_establishment(open_from=date(2027, 3, 1))
    make_contract(
        family=family,
        child=make_toddler(family),
        establishment=place,
        start=date(2027, 3, 1),
        end=date(2027, 3, 31),
        state=Contract.PROPOSED,
        book=False,
    )
    request_of(family, PlaceRequest.OFFERED, offer_answer_by=date(2027, 3, 15))
    request_of(family, PlaceRequest.SUBMITTED)
    tiles = {t.id: t for t in family_tiles(family=family)}
    assert tiles["creche-contracts"].value == 1
    assert tiles["creche-contracts"].tone == "warning"
    assert tiles["creche-offers"].detail == "Répondez avant le 15/03/2027"
    assert tiles["creche-requests"].value == 1


def test_staff_tiles_by_permission(family, alpha):
    request_of(family, PlaceRequest.SUBMITTED)
    manager = make_user(tenant=alpha, role=Role.GESTIONNAIRE)
    tiles = {t.id: t.value for t in staff_tiles(user=manager)}
    assert tiles == {"creche-requests": 1, "creche-unsigned": 0, "creche-absences": 0}
    animateur = make_user(tenant=alpha, role=Role.ANIMATEUR)
    assert [t.id for t in staff_tiles(user=animateur)] == ["creche-unsigned"]
    parent = family.parent
    assert staff_tiles(user=parent) == []
