"""The family file's audit history (django-pghistory) works in every structure's schema."""

import pghistory
from django_tenants.utils import tenant_context

from core.families.models import Family


def test_family_numbers_follow_a_sequence_per_structure(alpha, beta):
    with tenant_context(alpha):
        first = Family.objects.create(name="DUPONT")
        second = Family.objects.create(name="MARTIN")
    with tenant_context(beta):
        other = Family.objects.create(name="DURAND")
    assert second.number == first.number + 1
    assert other.number < second.number or other.number != first.number


def test_every_change_to_a_family_is_recorded_with_its_context(alpha):
    with tenant_context(alpha):
        family = Family.objects.create(name="AUDIT", city="Lyon")
        with pghistory.context(user=None, url="/api/v1/family/"):
            family.city = "Vienne"
            family.save()
        events = list(family.events.order_by("pgh_id"))
        assert [e.pgh_label for e in events] == ["insert", "update"]
        assert events[-1].city == "Vienne"
        assert events[-1].pgh_context.metadata["url"] == "/api/v1/family/"
