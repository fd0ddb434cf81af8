"""The demo obeys the rules it shows: every enrolment it validates passes the enrolment
service's own check of the family file (``enrolment_missing_items``), on any day of the year.

The guardian's consents are the one thing left to the demo parent: the portal asks them at
first login, before anything else (tests/e2e/test_demo_e2e.py); once answered, nothing the
enrolments need is missing."""

from __future__ import annotations

import pytest

from core.booking.models import Enrolment
from core.booking.services.enrolments import enrolment_missing_items
from core.families.models import ConsentType
from core.families.services.consents import answer_consents
from core.modules import registry
from tests.support.factories import make_user

CLOCKS = ["2027-09-01 08:00", "2028-07-15 10:00", "2029-02-28 10:00", "2027-12-31 23:30"]


def seed_demo_in(alpha):
    """``make demo``'s seeding of a structure (tenants/demo.py), inside the test structure."""
    from tenants.demo import ACCOUNTS, _demo_families, _seed_dossier

    for account in ACCOUNTS:
        make_user(tenant=alpha, role=account.role, email=account.email)
    _seed_dossier(signup_mode="staff_only")
    families = _demo_families()
    for module in registry.for_tenant(alpha):
        module.install_demo(tenant=alpha, families=families)
    return families


def missing(enrolment: Enrolment):
    return enrolment_missing_items(
        child=enrolment.child, activity=enrolment.activity, user=enrolment.requested_by
    )


@pytest.mark.parametrize("when", CLOCKS)
def test_every_enrolment_the_demo_validates_passes_the_enrolment_check(alpha, clock, when):
    clock.move_to(when)
    [family] = seed_demo_in(alpha)
    validated = list(
        Enrolment.objects.filter(child__family=family, status=Enrolment.STATUS_VALIDATED)
        .select_related("child__family", "activity", "requested_by")
        .order_by("pk")
    )
    assert validated
    assert all(e.requested_by is not None for e in validated)

    # Before the first login, only the guardian's own consents are left to answer.
    for enrolment in validated:
        assert {item.kind for item in missing(enrolment)} <= {"consent"}, enrolment

    # The demo parent's first login: the consents gate.
    parent = validated[0].requested_by
    answer_consents(
        user=parent, answers={c.pk: True for c in ConsentType.objects.filter(active=True)}
    )
    for enrolment in validated:
        assert missing(enrolment) == [], (enrolment, missing(enrolment))

    # The staff still have a pending request to decide while the school year runs.
    pending = Enrolment.objects.filter(child__family=family, status=Enrolment.STATUS_REQUESTED)
    assert pending.exists() or clock.today.month in (7, 8)
