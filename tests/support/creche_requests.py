"""Place requests for the crèche tests (REQUESTS part): a family with a toddler, a request in
any state, built with the ORM (the service's rules are tested on their own), and the payloads
of the family's form and of the commission's offer."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from django.utils import timezone

from modules.creche.models import Establishment
from modules.creche.models.requests import PlaceRequest, RequestChoice
from tests.support.creche import FULL_WEEK, make_establishment, make_toddler

__all__ = [
    "FULL_WEEK",
    "make_establishment",
    "make_place_request",
    "request_payload",
]


def make_place_request(
    *,
    family,
    child=None,
    establishments: Sequence[Establishment] = (),
    state: str = PlaceRequest.SUBMITTED,
    desired_start: date | None = None,
    schedule: Sequence[dict] = FULL_WEEK,
    **fields,
) -> PlaceRequest:
    """A request of ``family`` for ``child`` (default: a new 6-month-old toddler) naming
    ``establishments`` (default: a new one) in order, in ``state``; an offered request is
    offered in the first establishment, answer within 15 days. ``fields``: other fields."""
    child = child or make_toddler(family, months=6)
    establishments = list(establishments) or [make_establishment()]
    today = timezone.localdate()
    start = desired_start or today + timedelta(days=60)
    if state in (PlaceRequest.OFFERED, PlaceRequest.ACCEPTED, PlaceRequest.DECLINED):
        fields.setdefault("offer_establishment", establishments[0])
        fields.setdefault("offer_section", establishments[0].sections.first())
        fields.setdefault("offer_start", start)
        fields.setdefault("offer_schedule", list(schedule))
        fields.setdefault("offer_answer_by", today + timedelta(days=15))
    request = PlaceRequest.objects.create(
        family=family,
        child=child,
        desired_start=start,
        care=fields.pop("care", PlaceRequest.CARE_REGULAR),
        schedule=list(schedule),
        state=state,
        **fields,
    )
    RequestChoice.objects.bulk_create(
        RequestChoice(request=request, establishment=e, rank=rank)
        for rank, e in enumerate(establishments, start=1)
    )
    return request


def request_payload(*, child=None, establishments: Sequence[Establishment], **fields) -> dict:
    """The family's form as posted: ``child`` or, without it, an expected child."""
    today = timezone.localdate()
    payload = {
        "desired_start": (today + timedelta(days=60)).isoformat(),
        "care": PlaceRequest.CARE_REGULAR,
        "schedule": list(FULL_WEEK),
        "alternating": False,
        "establishments": [e.pk for e in establishments],
        "comment": "",
    }
    if child is not None:
        payload["child"] = child.pk
    else:
        payload["due_date"] = (today + timedelta(days=30)).isoformat()
        payload["expected_first_name"] = "Jade"
    payload.update(fields)
    return payload
