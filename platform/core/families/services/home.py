"""What the home pages count: the parent's dashboard and what awaits the staff.

Read models only (nothing is written). Kept out of the views so that every screen that shows
"3 réservations en attente" (the dashboard, a summary, a reminder e-mail) counts alike.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone

from core.accounts.models import User
from core.billing.services.statement import unpaid_invoices
from core.booking.models import Enrolment, Reservation
from core.communication.services.home import family_home_message
from core.documents.models import Document
from core.families.models import ChangeRequest, Family
from core.families.services.consents import pending_consents
from core.families.services.missing import MissingItem, missing_items

# A reservation the family still waits on: a request, a cancellation asked, a waiting list.
PENDING_RESERVATION_STATES = (
    Reservation.REQUESTED,
    Reservation.CANCEL_REQUESTED,
    Reservation.WAITLISTED,
)


@dataclass(frozen=True)
class HomeCounters:
    children: int
    pending_requests: int
    documents_awaiting_review: int
    documents_rejected: int
    pending_reservations: int
    pending_enrolments: int
    unpaid_invoices: int


@dataclass(frozen=True)
class FamilyHome:
    number: int
    name: str
    status: str
    status_label: str
    guardian_name: str
    home_message: str
    pending_consents: int
    missing: list[MissingItem]
    counters: HomeCounters


@dataclass(frozen=True)
class DossierCounters:
    accounts_pending: int
    requests_pending: int
    documents_pending: int
    families: int


def booking_counters(*, family: Family) -> dict[str, int]:
    """ "Vous avez 3 réservation(s) en attente", as the portals' dashboards say: the
    reservations still to come the family waits on, and its enrolment requests."""
    reservations = Reservation.objects.filter(
        child__family=family,
        date__gte=timezone.localdate(),
        state__in=PENDING_RESERVATION_STATES,
    ).aggregate(n=Count("pk"))
    enrolments = Enrolment.objects.filter(child__family=family).aggregate(
        n=Count("pk", filter=Q(status=Enrolment.STATUS_REQUESTED))
    )
    return {"pending_reservations": reservations["n"], "pending_enrolments": enrolments["n"]}


def home_counters(*, family: Family) -> HomeCounters:
    """The dashboard's counters: what the family has, and what still waits on someone."""
    documents = family.documents.aggregate(
        awaiting_review=Count("pk", filter=Q(status=Document.STATUS_AWAITING_REVIEW)),
        rejected=Count("pk", filter=Q(status=Document.STATUS_REJECTED)),
    )
    return HomeCounters(
        children=family.children.count(),
        pending_requests=family.change_requests.filter(status=ChangeRequest.STATUS_PENDING).count(),
        documents_awaiting_review=documents["awaiting_review"],
        documents_rejected=documents["rejected"],
        **booking_counters(family=family),
        unpaid_invoices=unpaid_invoices(family=family).count(),
    )


def family_home(*, family: Family, user: User) -> FamilyHome:
    """The parent's dashboard: who is signed in, the structure's message, what is missing in
    the file, the consents ``user`` still has to give, and the counters."""
    return FamilyHome(
        number=family.number,
        name=family.name,
        status=family.status,
        status_label=family.get_status_display(),
        guardian_name=str(user.guardian),
        # The families' message and those of the family's modules (core.communication).
        home_message=family_home_message(family=family),
        pending_consents=len(pending_consents(user=user)),
        missing=missing_items(family=family, user=user),
        counters=home_counters(family=family),
    )


def staff_dossier_counters() -> DossierCounters:
    """What awaits the staff on the back office's home: sign-ups to validate, change requests
    and documents to check; and how many families the structure has (anonymised ones no
    longer count)."""
    families = Family.objects.filter(anonymised_at__isnull=True).aggregate(
        families=Count("pk"),
        accounts_pending=Count("pk", filter=Q(status=Family.STATUS_AWAITING_VALIDATION)),
    )
    return DossierCounters(
        accounts_pending=families["accounts_pending"],
        requests_pending=ChangeRequest.objects.filter(status=ChangeRequest.STATUS_PENDING).count(),
        documents_pending=Document.objects.filter(status=Document.STATUS_AWAITING_REVIEW).count(),
        families=families["families"],
    )
