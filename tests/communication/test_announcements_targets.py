"""Targeting: each criterion, the union (a family matched twice counted once), the guardians
with a login, and the count shown == the rows materialised."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from core.billing.models import Invoice
from core.booking.models import Enrolment, Reservation
from core.catalog.models import ActivityGroup
from core.communication.models import AnnouncementRecipient
from core.communication.services import announcements as service
from core.communication.services.targets import (
    reach,
    target_families,
    target_labels,
    validate_target,
)
from core.families.models import Family
from tests.support.billing import reserve
from tests.support.booking import enrol, make_activity
from tests.support.communication_announcements import add_guardian, draft
from tests.support.factories import make_family

pytestmark = [pytest.mark.django_db, pytest.mark.frozen_at("2027-03-01T10:00:00+01:00")]

DAY = date(2027, 3, 12)


@pytest.fixture
def world(alpha):
    """Four families: A enrolled at the morning (group Maternelle) and booked on DAY; B
    enrolled at the canteen with a waitlisted enrolment at the morning; C with an unpaid
    invoice; D nothing, and a second guardian without a login."""
    morning = make_activity(name="ALAE Matin")
    canteen = make_activity(kind="pause_meridienne", name="Cantine")
    group = ActivityGroup.objects.create(activity=morning, name="Maternelle")
    a, b, c, d = (make_family(tenant=alpha)[0] for _ in range(4))
    child_a = a.children.get()
    enrolment = enrol(child_a, morning)
    enrolment.group = group
    enrolment.save()
    reserve(child_a, morning, DAY)
    enrol(b.children.get(), canteen)
    enrol(b.children.get(), morning, status=Enrolment.STATUS_WAITLISTED)
    add_guardian(a)  # A: two guardians with a login
    add_guardian(d, login=False)
    return {"a": a, "b": b, "c": c, "d": d, "morning": morning, "canteen": canteen, "group": group}


def ids(criteria) -> set[int]:
    return set(target_families(validate_target(criteria)).values_list("pk", flat=True))


def test_each_criterion_selects_its_families(world):
    a, b, c, d = world["a"], world["b"], world["c"], world["d"]
    mine = {a.pk, b.pk, c.pk, d.pk}
    assert mine <= ids([{"kind": "all"}])
    assert ids([{"kind": "module", "module": "periscolaire"}]) & mine == {a.pk, b.pk}
    # A waitlisted enrolment does not count: only B's canteen enrolment.
    assert ids([{"kind": "activity", "activity": world["canteen"].pk}]) & mine == {b.pk}
    assert ids([{"kind": "activity", "activity": world["morning"].pk}]) & mine == {a.pk}
    assert ids([{"kind": "group", "group": world["group"].pk}]) == {a.pk}
    day = {"kind": "reservation", "date": DAY.isoformat(), "unit": None, "activity": None}
    assert ids([day]) == {a.pk}
    unit = world["morning"].units.order_by("pk").first()
    assert ids([{**day, "unit": unit.pk}]) == {a.pk}
    assert ids([{**day, "activity": world["canteen"].pk}]) == set()
    assert ids([{**day, "date": "2027-03-13"}]) == set()
    assert ids([{"kind": "families", "families": [c.pk, d.pk]}]) == {c.pk, d.pk}


def test_a_reservation_no_longer_holding_a_place_is_not_reached(world):
    Reservation.objects.filter(child__family=world["a"]).update(state=Reservation.CANCELLED)
    assert ids([{"kind": "reservation", "date": DAY.isoformat()}]) == set()


def _invoice(family, status, *, kind=Invoice.KIND_INVOICE):
    from decimal import Decimal

    from tests.support.billing import test_series

    n = Invoice.objects.count() + 1
    return Invoice.objects.create(
        kind=kind,
        series=test_series(),
        number=f"TEST-ANN-{family.pk}-{n}",
        sequence=n,
        year=2027,
        family=family,
        issue_date=date(2027, 2, 1),
        recipient_name=family.name,
        family_number=family.number,
        total=Decimal("12.00"),
        status=status,
    )


def test_unpaid_invoices(world):
    _invoice(world["c"], Invoice.STATUS_PARTLY_PAID)
    _invoice(world["d"], Invoice.STATUS_PAID)
    assert ids([{"kind": "unpaid"}]) & {world[k].pk for k in "abcd"} == {world["c"].pk}


def test_an_issued_credit_note_does_not_make_a_family_unpaid(world):
    # A credit note is « issued » while some of it is left to use: the family owes nothing.
    _invoice(world["d"], Invoice.STATUS_ISSUED, kind=Invoice.KIND_CREDIT_NOTE)
    assert world["d"].pk not in ids([{"kind": "unpaid"}])


def test_refused_and_anonymised_families_are_never_reached(world):
    Family.objects.filter(pk=world["c"].pk).update(status=Family.STATUS_REFUSED)
    assert world["c"].pk not in ids([{"kind": "all"}])
    assert ids([{"kind": "families", "families": [world["d"].pk]}]) == {world["d"].pk}
    with pytest.raises(ValidationError):
        validate_target([{"kind": "families", "families": [world["c"].pk]}])


def test_a_family_matched_twice_gets_one_row_per_guardian(world, django_assert_max_num_queries):
    a = world["a"]
    target = [
        {"kind": "group", "group": world["group"].pk},
        {"kind": "reservation", "date": DAY.isoformat()},
        {"kind": "families", "families": [a.pk, world["d"].pk]},
    ]
    with django_assert_max_num_queries(12):
        shown = service.preview(target=target)
    # A (2 guardians with a login) + D (1 with a login, 1 without).
    assert (shown.families, shown.guardians, shown.families_without_login) == (2, 3, 0)
    announcement = service.queue_announcement(announcement=draft(target=target), user=None)
    rows = AnnouncementRecipient.objects.filter(announcement=announcement)
    assert rows.count() == shown.guardians == announcement.recipients_count
    assert rows.values("family").distinct().count() == shown.families
    assert rows.filter(family=a).count() == 2
    # Queued twice? refused, and the rows stay as they were.
    with pytest.raises(Exception, match="déjà été envoyée"):
        service.queue_announcement(announcement=announcement, user=None)
    assert rows.count() == 3


def test_preview_counts_families_without_login(world):
    d = world["d"]
    d.guardians.filter(user__isnull=False).update(user=None)
    shown = service.preview(target=[{"kind": "families", "families": [d.pk, world["b"].pk]}])
    assert (shown.families, shown.guardians, shown.families_without_login) == (2, 1, 1)


def test_an_inactive_login_is_not_reached(world):
    b = world["b"]
    user = b.guardians.get().user
    user.is_active = False
    user.save()
    assert reach(validate_target([{"kind": "families", "families": [b.pk]}])).guardians == 0


@pytest.mark.parametrize(
    "target, message",
    [
        ([], "au moins un critère"),
        ("all", "au moins un critère"),
        ([{"kind": "everyone"}], "inconnu"),
        ([{"kind": "module", "module": "creche"}], "pas activé"),
        ([{"kind": "activity", "activity": 999999}], "n'existe pas"),
        ([{"kind": "activity", "activity": "x"}], "invalide"),
        ([{"kind": "group", "group": 999999}], "n'existe pas"),
        ([{"kind": "reservation", "date": "12/03/2027"}], "AAAA-MM-JJ"),
        ([{"kind": "reservation", "date": "2027-03-12", "unit": 999999}], "n'existe pas"),
        ([{"kind": "families", "families": []}], "au moins une famille"),
        ([{"kind": "families", "families": [999999]}], "n'existe pas"),
    ],
)
def test_invalid_criteria_are_refused_in_french(alpha, target, message):
    with pytest.raises(ValidationError) as error:
        validate_target(target)
    assert message in str(error.value.message_dict["target"])


def test_labels_name_each_criterion(world):
    criteria = validate_target(
        [
            {"kind": "module", "module": "periscolaire"},
            {"kind": "activity", "activity": world["canteen"].pk},
            {"kind": "group", "group": world["group"].pk},
            {"kind": "reservation", "date": DAY.isoformat()},
            {"kind": "unpaid"},
            {"kind": "families", "families": [world["a"].pk]},
            {"kind": "all"},
        ]
    )
    labels = target_labels(criteria)
    assert labels[1] == "Inscrits à « Cantine »"
    assert labels[2] == "Inscrits dans le groupe « Maternelle »"
    assert labels[3] == "Réservation le 12/03/2027"
    assert labels[4:] == ["Factures impayées", "1 famille(s) choisie(s)", "Toutes les familles"]
