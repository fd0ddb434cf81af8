"""The public catalogue of stays: anyone reads the structure's published stays to come, with
their places left and price; a stay not published, cancelled or of another structure is a
404; its photos and brochure are streamed by us, only while the stay is public."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.utils import timezone

from core.catalog.models import Opening
from core.families.models import SchoolLevel
from modules.sejours.models import Stay, StayMedia
from tests.support.clients import new_client
from tests.support.factories import make_family
from tests.support.sejours import make_campaign, make_stay, make_wish

pytestmark = [pytest.mark.django_db, pytest.mark.frozen_at("2027-03-01T10:00:00+01:00")]

LIST = "/api/v1/sejours/stays/"
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 32


def titles(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [s["title"] for s in response.json()["results"]]


def test_anyone_reads_the_published_stays_to_come(alpha):
    make_stay(name="Mer", start=date(2027, 7, 10))
    make_stay(name="Montagne", start=date(2027, 7, 3))
    hidden = make_stay(name="Brouillon")
    hidden.activity.published = False
    hidden.activity.save(update_fields=["published"])
    make_stay(name="Annulé", status=Stay.STATUS_CANCELLED)
    make_stay(name="Passé", start=date(2027, 2, 1))

    response = new_client().get(LIST)

    assert titles(response) == ["Montagne", "Mer"]
    stay = response.json()["results"][0]
    assert stay["places_left"] == 10
    assert stay["availability_label"] == "10 places disponibles"
    assert stay["price"]["label"] == "400,00 €"
    assert [t["city"] for t in stay["transports"]] == ["Grenoble", "Lyon"]
    assert stay["transports"][1]["supplement"] == "30.00"


def test_filters_by_age_dates_and_theme(alpha):
    make_stay(name="Petits", min_age=6, max_age=8, theme="Nature", start=date(2027, 7, 3))
    make_stay(name="Ados", min_age=12, max_age=15, theme="Mer", start=date(2027, 7, 20))
    make_stay(name="Tous", min_age=None, max_age=None, theme="Mer", start=date(2027, 8, 10))
    client = new_client()

    assert titles(client.get(LIST, {"age": 7})) == ["Petits", "Tous"]
    assert titles(client.get(LIST, {"theme": "mer"})) == ["Ados", "Tous"]
    assert titles(client.get(LIST, {"from": "2027-07-15", "to": "2027-07-31"})) == ["Ados"]
    assert client.get(LIST).json()["themes"] == ["Mer", "Nature"]
    assert client.get(LIST, {"age": "douze"}).status_code == 400
    assert client.get(LIST, {"from": "juillet"}).status_code == 400


def test_a_quotient_priced_stay_shows_its_range(alpha):
    make_stay(
        name="Mer",
        price_method="quotient",
        price_brackets=[
            {"qf_min": 0, "qf_max": 600, "amount": "250"},
            {"qf_min": 600, "qf_max": None, "amount": "480", "amount_exterior": "560"},
        ],
    )

    price = new_client().get(LIST).json()["results"][0]["price"]

    assert price["label"] == "de 250,00 € à 480,00 € selon votre quotient"
    assert (Decimal(price["min"]), Decimal(price["max"])) == (Decimal(250), Decimal(480))


def test_a_full_stay_takes_wishes_while_the_campaign_is_open_then_says_complet(alpha, clock):
    campaign = make_campaign()
    stay = make_stay(campaign=campaign, capacity=2)
    Opening.objects.filter(unit__activity=stay.activity).update(booked=2)
    client = new_client()

    assert client.get(LIST).json()["results"][0]["availability_label"] == "Liste d'attente"

    campaign.closes_at = timezone.now() - timedelta(hours=1)
    campaign.save(update_fields=["closes_at"])
    stay = client.get(LIST).json()["results"][0]
    assert (stay["availability"], stay["availability_label"]) == ("full", "Complet")


def test_a_stay_not_public_or_of_another_structure_is_a_404(alpha, beta):
    cancelled = make_stay(status=Stay.STATUS_CANCELLED)
    hidden = make_stay()
    hidden.activity.published = False
    hidden.activity.save(update_fields=["published"])
    shown = make_stay()
    client = new_client()

    assert client.get(f"{LIST}{shown.pk}/").status_code == 200
    assert client.get(f"{LIST}{cancelled.pk}/").status_code == 404
    assert client.get(f"{LIST}{hidden.pk}/").status_code == 404
    # beta's schema holds no stay of alpha's.
    assert new_client("beta.localhost").get(f"{LIST}{shown.pk}/").status_code == 404
    connection.set_tenant(alpha)  # the request left the connection on beta's schema


def test_the_detail_lists_documents_media_and_levels(alpha):
    stay = make_stay(name="Mer", country="Espagne")
    level = SchoolLevel.objects.create(label="CM2", order=5)
    stay.activity.school_levels.add(level)
    from core.documents.models import DocumentType

    own = DocumentType.objects.get(default_key="sejours.sortie_territoire")
    stay.document_types.add(own)
    StayMedia.objects.create(
        stay=stay, kind="photo", content_type="image/png", file=ContentFile(PNG, name="a.png")
    )

    body = new_client().get(f"{LIST}{stay.pk}/").json()

    names = [d["name"] for d in body["documents"]]
    assert "Autorisation de sortie du territoire" in names
    assert "Attestation d'assurance" in names
    assert body["school_levels"] == [{"id": level.pk, "label": "CM2"}]
    assert body["abroad"] is True
    assert body["photo"]["url"].startswith(f"/api/v1/sejours/stays/{stay.pk}/media/")
    assert body["quote"] is None and body["children"] == []


def test_media_are_streamed_only_while_the_stay_is_public(alpha):
    stay = make_stay()
    other = make_stay(name="Autre")
    photo = StayMedia.objects.create(
        stay=stay, kind="photo", content_type="image/png", file=ContentFile(PNG, name="a.png")
    )
    url = f"{LIST}{stay.pk}/media/{photo.pk}"
    client = new_client()

    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PNG
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"

    assert client.get(f"{LIST}{other.pk}/media/{photo.pk}").status_code == 404
    stay.status = Stay.STATUS_CANCELLED
    stay.save(update_fields=["status"])
    assert client.get(url).status_code == 404


def test_a_signed_in_family_sees_its_children_and_their_wishes(alpha, family, parent):
    campaign = make_campaign()
    stay = make_stay(campaign=campaign)
    ados = make_stay(campaign=campaign, name="Ados", min_age=12, max_age=15)
    child = family.children.get()
    make_wish(child=child, stay=stay)

    body = parent.get(f"{LIST}{stay.pk}/").json()
    assert body["children"] == [
        {
            "id": child.pk,
            "first_name": child.first_name,
            "eligible": True,
            "reason": "",
            "wish_rank": 1,
            "wish_status": "pending",
        }
    ]
    refused = parent.get(f"{LIST}{ados.pk}/").json()["children"][0]
    assert refused["eligible"] is False
    assert "de 12 à 15 ans" in refused["reason"]


def test_the_catalogue_reads_a_fixed_number_of_queries(alpha, django_assert_max_num_queries):
    level = SchoolLevel.objects.create(label="CM1", order=4)
    for i in range(10):
        stay = make_stay(name=f"Séjour {i}")
        stay.activity.school_levels.add(level)
        StayMedia.objects.create(
            stay=stay, kind="photo", content_type="image/png", file=ContentFile(PNG, name="a.png")
        )
    client = new_client()
    client.get(LIST)  # the session, the structure's host, warmed

    with django_assert_max_num_queries(7):
        response = client.get(LIST)
    assert len(response.json()["results"]) == 10


def test_a_signed_in_parent_filters_by_child(alpha, family, parent):
    make_stay(name="Petits", min_age=6, max_age=8)
    make_stay(name="Ados", min_age=12, max_age=15)
    child = family.children.get()

    assert titles(parent.get(LIST, {"child": child.pk})) == ["Petits"]
    other, _ = make_family()
    assert parent.get(LIST, {"child": other.children.get().pk}).status_code == 404
    assert new_client().get(LIST, {"child": child.pk}).status_code == 404
