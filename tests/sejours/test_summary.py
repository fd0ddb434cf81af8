"""The séjours tiles on the home pages: what the family must answer, what staff follow."""

from datetime import date

import pytest
from django.utils import timezone

from core.accounts.roles import Role
from core.documents.models import Document, DocumentType
from core.module_hooks import home_tiles
from modules.sejours.models import Wish
from modules.sejours.services.places import offer
from modules.sejours.summary import family_tiles, staff_tiles
from tests.support.factories import make_user
from tests.support.sejours import make_campaign, make_stay, make_wish

pytestmark = [pytest.mark.django_db, pytest.mark.frozen_at("2027-03-01T10:00:00+01:00")]


def test_a_family_sees_its_places_to_confirm_with_the_earliest_deadline(family):
    child = family.children.get()
    campaign = make_campaign()
    offer(wish=make_wish(child=child, stay=make_stay(campaign=campaign)), by=None, accept_days=5)
    offer(
        wish=make_wish(child=child, stay=make_stay(campaign=campaign), rank=2),
        by=None,
        accept_days=9,
    )
    make_wish(child=child, stay=make_stay(campaign=campaign), rank=3)

    tiles = {t.id: t for t in family_tiles(family=family)}

    assert tiles["sejours-offers"].value == 2
    assert tiles["sejours-offers"].tone == "warning"
    assert tiles["sejours-offers"].detail == "À confirmer au plus tard le 06/03/2027"
    assert tiles["sejours-offers"].path == "/mes-sejours"
    assert tiles["sejours-wishes"].value == 1


def test_a_family_without_wishes_has_no_tile(family):
    assert family_tiles(family=family) == []


def test_the_module_hook_gives_the_family_tiles(family):
    make_wish(child=family.children.get(), stay=make_stay())
    tiles = home_tiles(user=family.parent, family=family)
    assert any(t.id == "sejours-wishes" and t.module == "sejours" for t in tiles)


def test_staff_follow_pending_wishes_open_offers_and_missing_contracts(alpha, family):
    child = family.children.get()
    campaign = make_campaign()
    make_wish(child=child, stay=make_stay(campaign=campaign))
    offer(wish=make_wish(child=child, stay=make_stay(campaign=campaign), rank=2), by=None)
    confirmed = make_wish(
        child=child,
        stay=make_stay(campaign=campaign, start=date(2027, 7, 1)),
        rank=3,
        status=Wish.STATUS_ACCEPTED,
        accepted_at=timezone.now(),
    )
    manager = make_user(tenant=alpha, role=Role.COORDINATEUR)

    tiles = {t.id: t for t in staff_tiles(user=manager)}

    assert tiles["sejours-pending"].value == 1
    assert tiles["sejours-pending"].path == "/gestion/sejours/commission"
    assert tiles["sejours-offered"].value == 1
    assert tiles["sejours-incomplete"].value == 1
    assert tiles["sejours-incomplete"].path == "/gestion/sejours"

    Document.objects.create(
        family=family,
        child=confirmed.child,
        document_type=DocumentType.objects.get(default_key="sejours.contrat_sejour"),
        original_name="contrat.pdf",
        content_type="application/pdf",
        size=1000,
    )
    tiles = {t.id: t for t in staff_tiles(user=manager)}
    assert tiles["sejours-incomplete"].value == 0


def test_staff_without_the_stays_rights_see_no_tile(alpha):
    assert staff_tiles(user=make_user(tenant=alpha, role=Role.COMPTABLE)) == []
