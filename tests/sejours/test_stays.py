"""The coordinator creates, changes and copies stays; photos and brochure are checked by
content."""

import io
from datetime import date, datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tenants.utils import tenant_context
from PIL import Image

from core.accounts.roles import Role
from core.catalog.models import Opening
from core.documents.models import DocumentType
from core.errors import DomainError
from modules.sejours.models import Stay, StayMedia, Wish
from modules.sejours.services.media import add_media
from modules.sejours.services.places import offer, places_left
from modules.sejours.services.stays import StayLocked, copy_stay, create_stay, update_stay
from tests.support.clients import HOST, logged
from tests.support.factories import make_user
from tests.support.sejours import make_campaign, make_stay, make_wish
from tests.support.sejours_money import accepted_place

pytestmark = [pytest.mark.django_db, pytest.mark.frozen_at("2027-03-01T10:00:00+01:00")]

URL = "/api/v1/sejours/staff/stays/"


def _meeting(day: date, hour: int = 8) -> datetime:
    return timezone.make_aware(datetime.combine(day, datetime.min.time()).replace(hour=hour))


def stay_data(**overrides) -> dict:
    data = {
        "name": "Cap sur l'océan",
        "theme": "Mer",
        "destination": "Lacanau (Gironde)",
        "start_date": date(2027, 7, 10),
        "end_date": date(2027, 7, 16),
        "min_age": 8,
        "max_age": 11,
        "capacity": 12,
        "price_method": "flat",
        "price_amount": Decimal("480.00"),
        "deposit_percent": Decimal("30"),
        "transports": [
            {
                "city": "Grenoble",
                "meeting_place": "Gare routière",
                "meeting_at": _meeting(date(2027, 7, 10)),
                "supplement": Decimal("0"),
            },
            {
                "city": "Lyon",
                "meeting_place": "Gare de Perrache",
                "meeting_at": _meeting(date(2027, 7, 10), 7),
                "supplement": Decimal("35"),
            },
        ],
    }
    return {**data, **overrides}


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "teal").save(buffer, "PNG")
    return buffer.getvalue()


def test_create_stay_makes_one_opening_per_day_with_the_capacity(family):
    stay = create_stay(data=stay_data(), by=family.parent)

    openings = Opening.objects.filter(unit__activity=stay.activity).order_by("date")
    assert [o.date.day for o in openings] == list(range(10, 17))
    assert {o.capacity for o in openings} == {12}
    assert stay.activity.module == "sejours" and stay.activity.kind == "sejour"
    assert stay.activity.units.get().capacity == 12
    assert [t.city for t in stay.transports.all()] == ["Grenoble", "Lyon"]
    assert places_left([stay]) == {stay.pk: 12}


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"end_date": date(2027, 7, 1)}, "end_date"),
        ({"min_age": 12, "max_age": 8}, "max_age"),
        ({"capacity": 0}, "capacity"),
        ({"deposit_amount": Decimal("100")}, "deposit_amount"),
        ({"price_amount": None}, "price_amount"),
        ({"transports": [{"city": "Lyon", "meeting_place": ""}]}, "transports"),
        (
            {
                "price_method": "quotient",
                "price_brackets": [
                    {"qf_min": 0, "qf_max": 600, "amount": 300},
                    {"qf_min": 700, "qf_max": None, "amount": 500},
                ],
            },
            "price_brackets",
        ),
    ],
)
def test_create_stay_refuses_inconsistent_data_in_french(family, overrides, field):
    with pytest.raises(DomainError) as refused:
        create_stay(data=stay_data(**overrides), by=family.parent)
    assert field in refused.value.fields
    assert not Stay.objects.exists()


def test_quotient_brackets_are_stored_in_order(family):
    stay = create_stay(
        data=stay_data(
            price_method="quotient",
            price_amount=None,
            price_brackets=[
                {"qf_min": 600, "qf_max": None, "amount": 520},
                {"qf_min": 0, "qf_max": 600, "amount": 380},
            ],
        ),
        by=family.parent,
    )
    assert [b.amount for b in stay.brackets()] == [Decimal(380), Decimal(520)]


def test_dates_change_only_while_no_place_is_held(family):
    stay = make_stay(days=5, capacity=3)
    update_stay(
        stay=stay,
        data={"start_date": date(2027, 8, 2), "end_date": date(2027, 8, 4)},
        by=family.parent,
    )
    assert Opening.objects.filter(unit__activity=stay.activity).count() == 3

    offer(wish=make_wish(child=family.children.get(), stay=stay), by=family.parent)
    with pytest.raises(StayLocked):
        update_stay(stay=stay, data={"start_date": date(2027, 8, 3)}, by=family.parent)


def test_capacity_never_drops_below_places_held(family):
    stay = make_stay(days=3, capacity=3)
    offer(wish=make_wish(child=family.children.get(), stay=stay), by=family.parent)

    update_stay(stay=stay, data={"capacity": 5}, by=family.parent)

    assert places_left([stay]) == {stay.pk: 4}
    assert stay.activity.units.get().capacity == 5


def test_capacity_below_held_places_is_refused(family):
    stay = make_stay(days=3, capacity=3)
    offer(wish=make_wish(child=family.children.get(), stay=stay), by=family.parent)
    Opening.objects.filter(unit__activity=stay.activity).update(booked=2)

    with pytest.raises(StayLocked):
        update_stay(stay=stay, data={"capacity": 1}, by=family.parent)


def test_copy_shifts_dates_and_transport_times_and_keeps_documents(family):
    source = create_stay(data=stay_data(nautical=True), by=family.parent)
    swim = DocumentType.objects.get(default_key="sejours.aisance_aquatique")
    source.document_types.add(swim)
    add_media(
        stay=source,
        upload=SimpleUploadedFile("plage.png", _png()),
        kind="photo",
        caption="La plage",
        by=family.parent,
    )
    campaign = make_campaign(label="Été 2028", season="2028")

    copy = copy_stay(stay=source, start_date=date(2028, 7, 8), campaign=campaign, by=family.parent)

    assert (copy.activity.start_date, copy.activity.end_date) == (
        date(2028, 7, 8),
        date(2028, 7, 14),
    )
    assert copy.copied_from == source and copy.campaign == campaign
    assert list(copy.document_types.all()) == [swim]
    lyon = copy.transports.get(city="Lyon")
    assert timezone.localtime(lyon.meeting_at).date() == date(2028, 7, 8)
    assert lyon.supplement == Decimal("35.00")
    assert copy.media.get().file.name == source.media.get().file.name
    assert Opening.objects.filter(unit__activity=copy.activity).count() == 7


def test_a_disguised_photo_is_refused(family):
    stay = make_stay()
    with pytest.raises(DomainError) as refused:
        add_media(
            stay=stay,
            upload=SimpleUploadedFile("photo.jpg", b"#!/bin/sh\necho pwned\n" * 10),
            kind="photo",
            by=family.parent,
        )
    assert "n'est pas une photo" in refused.value.fields["file"][0]
    with pytest.raises(DomainError):
        add_media(
            stay=stay,
            upload=SimpleUploadedFile("brochure.pdf", _png()),
            kind="brochure",
            by=family.parent,
        )
    assert not StayMedia.objects.exists()


# --- API ---------------------------------------------------------------------------------


def _json(data: dict) -> dict:
    out = dict(data)
    out["start_date"], out["end_date"] = str(data["start_date"]), str(data["end_date"])
    out["price_amount"], out["deposit_percent"] = "480.00", "30"
    out["transports"] = [
        {**t, "meeting_at": t["meeting_at"].isoformat(), "supplement": str(t["supplement"])}
        for t in data["transports"]
    ]
    return out


def test_staff_lists_stays_with_places_left_and_wishes(staff, family):
    stay = make_stay(capacity=4, campaign=make_campaign())
    offer(wish=make_wish(child=family.children.get(), stay=stay), by=family.parent)

    rows = staff.get(URL).json()

    assert rows[0]["id"] == stay.pk
    assert (rows[0]["capacity"], rows[0]["places_left"], rows[0]["wishes_count"]) == (4, 3, 1)


def test_staff_creates_updates_and_copies_a_stay_through_the_api(staff):
    created = staff.post(URL, _json(stay_data()), content_type="application/json")
    assert created.status_code == 201, created.content
    pk = created.json()["id"]

    changed = staff.patch(f"{URL}{pk}/", {"capacity": 15}, content_type="application/json")
    assert changed.status_code == 200 and changed.json()["places_left"] == 15

    refused = staff.patch(
        f"{URL}{pk}/", {"end_date": "2027-07-01"}, content_type="application/json"
    )
    assert refused.status_code == 400
    assert "précéder" in refused.json()["end_date"][0]

    copied = staff.post(
        f"{URL}{pk}/copy/", {"start_date": "2028-07-09"}, content_type="application/json"
    )
    assert copied.status_code == 201
    assert copied.json()["start_date"] == "2028-07-09"


def test_media_upload_through_the_api(staff):
    stay = make_stay()
    url = f"{URL}{stay.pk}/media/"
    ok = staff.post(url, {"kind": "photo", "file": SimpleUploadedFile("a.png", _png())})
    assert ok.status_code == 201, ok.content
    bad = staff.post(url, {"kind": "photo", "file": SimpleUploadedFile("b.jpg", b"MZ" * 50)})
    assert bad.status_code == 400
    gone = staff.delete(f"{url}{ok.json()['id']}")
    assert gone.status_code == 204
    assert not stay.media.exists()


def test_animateur_reads_but_cannot_change_stays(alpha):
    stay = make_stay()
    animateur = logged(HOST, make_user(tenant=alpha, role=Role.ANIMATEUR).email)
    assert animateur.get(URL).status_code == 200
    refused = animateur.patch(f"{URL}{stay.pk}/", {"capacity": 3}, content_type="application/json")
    assert refused.status_code == 403


def test_parents_and_anonymous_are_refused(parent, alpha_client):
    assert parent.get(URL).status_code == 403
    assert alpha_client.get(URL).status_code in (401, 403)


def test_other_structure_does_not_see_the_stays(alpha, beta, staff):
    stay = make_stay()
    with tenant_context(beta):
        beta_user = make_user(tenant=beta, role=Role.GESTIONNAIRE)
    beta_staff = logged("beta.localhost", beta_user.email)
    # Beta has not enabled the module: the gate answers 404, whatever the id.
    assert beta_staff.get(f"{URL}{stay.pk}/").status_code == 404
    connection.set_tenant(alpha)  # the request left the connection on beta's schema


def test_wishes_count_ignores_closed_wishes(staff, family):
    stay = make_stay()
    make_wish(child=family.children.get(), stay=stay, status=Wish.STATUS_WITHDRAWN)
    assert staff.get(f"{URL}{stay.pk}/").json()["wishes_count"] == 0


def test_dates_stay_once_a_place_was_given_then_freed(family):
    from modules.sejours.services.places import release_stay

    stay = make_stay(days=3, capacity=3)
    wish = offer(wish=make_wish(child=family.children.get(), stay=stay), by=family.parent)
    release_stay(wish=wish, by=family.parent)
    new_dates = {"start_date": date(2027, 8, 3), "end_date": date(2027, 8, 5)}

    with pytest.raises(StayLocked):
        update_stay(stay=stay, data=new_dates, by=family.parent)


def test_giving_a_deposit_amount_replaces_the_percent(family):
    stay = create_stay(data=stay_data(), by=family.parent)
    update_stay(stay=stay, data={"deposit_amount": Decimal("150")}, by=family.parent)
    stay.refresh_from_db()
    assert (stay.deposit_amount, stay.deposit_percent) == (Decimal("150.00"), None)


@pytest.mark.parametrize(
    "scale",
    [[], [{"days_min": 31, "deposit": True}], [{"days_min": 8, "percent": "50"}]],
)
def test_a_cancellation_scale_must_end_with_a_step_at_zero_days(family, scale):
    with pytest.raises(DomainError) as refused:
        create_stay(data=stay_data(cancellation_scale=scale), by=family.parent)

    assert "0 jour avant le départ" in refused.value.fields["cancellation_scale"][0]
    assert not Stay.objects.exists()
    stay = create_stay(
        data=stay_data(cancellation_scale=[*scale, {"days_min": 0, "percent": "80"}]),
        by=family.parent,
    )
    assert min(step.days_min for step in stay.scale()) == 0


SIGNED = "Des places sont confirmées sur ce séjour : {} ne peut plus changer."


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        (
            {"cancellation_scale": [{"days_min": 0, "percent": "100"}]},
            "cancellation_scale",
            "son barème d'annulation",
        ),
        ({"deposit_amount": Decimal("50")}, "deposit_amount", "son acompte"),
        ({"price_amount": Decimal("450.00")}, "price_method", "son prix"),
    ],
)
def test_the_signed_contract_terms_no_longer_change_once_a_place_is_accepted(
    family, change, field, words
):
    wish = accepted_place(family=family, price="400.00")
    stay = wish.stay
    before = (stay.cancellation_scale, stay.deposit_rule(), stay.price_amount)

    with pytest.raises(StayLocked) as refused:
        update_stay(stay=stay, data=change, by=family.parent)

    assert refused.value.fields[field] == [SIGNED.format(words)]
    stay.refresh_from_db()
    assert (stay.cancellation_scale, stay.deposit_rule(), stay.price_amount) == before


def test_the_form_sending_the_signed_terms_again_is_not_a_change(family):
    stay = accepted_place(family=family, price="400.00").stay
    same = {
        # The form's own spelling of the default scale and price: the same terms.
        "cancellation_scale": [
            {"days_min": 0, "percent": Decimal("50.00")},
            {"days_min": 31, "deposit": True},
        ],
        "price_method": "flat",
        "price_amount": Decimal("400"),
        "deposit_amount": None,
        "deposit_percent": Decimal("30.00"),
        "trousseau": "Un duvet",
    }

    update_stay(stay=stay, data=same, by=family.parent)

    stay.refresh_from_db()
    assert stay.trousseau == "Un duvet"


def test_the_contract_terms_change_while_places_are_only_offered(family):
    stay = make_stay(days=3, capacity=3)
    offer(wish=make_wish(child=family.children.get(), stay=stay), by=family.parent)

    update_stay(
        stay=stay,
        data={"cancellation_scale": [{"days_min": 0, "percent": "100"}]},
        by=family.parent,
    )

    stay.refresh_from_db()
    assert stay.cancellation_scale == [{"days_min": 0, "percent": "100"}]


def test_a_new_capacity_is_checked_under_the_engines_locks_on_the_days(family):
    stay = make_stay(days=3, capacity=3)
    offer(wish=make_wish(child=family.children.get(), stay=stay), by=family.parent)

    with CaptureQueriesContext(connection) as queries:
        update_stay(stay=stay, data={"capacity": 2}, by=family.parent)

    sql = [q["sql"] for q in queries.captured_queries]
    locks = ('"catalog_opening"' in q and q.rstrip().endswith("FOR UPDATE") for q in sql)
    locked = next(i for i, is_lock in enumerate(locks) if is_lock)
    written = next(i for i, q in enumerate(sql) if q.startswith('UPDATE "catalog_opening"'))
    # The places held are read under the same row locks a booking takes, before the write.
    assert locked < written
    assert places_left([stay]) == {stay.pk: 1}


def test_staff_is_told_why_the_scale_of_a_stay_with_accepted_places_stays(staff, family):
    stay = accepted_place(family=family, price="400.00").stay

    refused = staff.patch(
        f"{URL}{stay.pk}/",
        {"cancellation_scale": [{"days_min": 0, "percent": "100"}]},
        content_type="application/json",
    )

    assert refused.status_code == 409
    assert refused.json()["cancellation_scale"] == [SIGNED.format("son barème d'annulation")]
