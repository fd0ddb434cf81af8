"""Builders for the booking tests: activities with openings, enrolled children, complete files,
changes in a cart."""

from __future__ import annotations

from datetime import date, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from core.booking.models import Enrolment
from core.catalog.defaults import create_activity
from core.catalog.models import Activity, Opening

PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"


def next_weekdays(count: int, *, after: int = 7, weekdays=(0, 1, 3, 4)) -> list[date]:
    """``count`` future days on ``weekdays``, starting ``after`` days from today (the test's
    frozen clock)."""
    day = timezone.localdate() + timedelta(days=after)
    days = []
    while len(days) < count:
        if day.weekday() in weekdays:
            days.append(day)
        day += timedelta(days=1)
    return days


def make_activity(
    *,
    kind: str = "accueil_matin",
    name: str = "ALAE Matin",
    days: list[date] | None = None,
    capacity: int = 10,
    policy=None,
    **fields,
) -> Activity:
    """A périscolaire activity of ``kind`` with its default units, open on ``days`` (explicit
    openings: the tests do not depend on the calendar), without a deadline unless ``policy``."""
    today = timezone.localdate()
    activity = create_activity(
        module="periscolaire",
        kind=kind,
        name=name,
        season=f"{today.year}/{today.year + 1}",
        start_date=today - timedelta(days=30),
        end_date=today + timedelta(days=300),
        **fields,
    )
    activity.booking_policy = policy
    activity.cancel_policy = None
    activity.save(update_fields=["booking_policy", "cancel_policy"])
    for unit in activity.units.all():
        Opening.objects.bulk_create(
            Opening(unit=unit, date=day, capacity=capacity) for day in (days or [])
        )
    return activity


def enrol(child, activity, *, status: str = Enrolment.STATUS_VALIDATED) -> Enrolment:
    return Enrolment.objects.create(child=child, activity=activity, status=status)


def complete_file(family, *, staff_user) -> None:
    """Answer the authorisations and send (and accept) every required document."""
    from core.documents.services import document_requirements, review_document, upload_document
    from core.families.models import AuthorisationAnswer, AuthorisationQuestion

    user = family.guardians.get(is_primary=True).user
    for child in family.children.all():
        for question in AuthorisationQuestion.objects.all():
            AuthorisationAnswer.objects.get_or_create(
                child=child, question=question, defaults={"value": True, "answered_by": user}
            )
    for requirement in document_requirements(family=family):
        if requirement.status in ("accepted",):
            continue
        document = upload_document(
            family=family,
            document_type=requirement.document_type,
            file=SimpleUploadedFile("piece.pdf", PDF, content_type="application/pdf"),
            child=requirement.child,
            valid_until=date(2099, 12, 31),
            user=user,
        )
        review_document(document=document, accept=True, by=staff_user)


def add(client, *changes):
    """Put ``(child, opening, action)`` changes in the signed-in parent's cart."""
    return client.post(
        "/api/v1/booking/cart/",
        {"changes": [{"child": c, "opening": o, "action": a} for c, o, a in changes]},
        content_type="application/json",
    )
