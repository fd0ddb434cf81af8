"""The committed data the real-worker tests run the periodic tasks on, in the folder's own
structure (``gamma``): one case per periodic task, each with a family of its own so that the
e-mails it causes are counted by recipient."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.db import connection, transaction
from django.utils import timezone

from core.communication.services import announcements as announcement_service
from core.documents.models import Document, DocumentType
from core.families.models import DossierSettings, Family
from core.payments.models import PaymentAttempt
from core.tenancy.context import structure_today
from modules.creche.models import Contract, PlaceRequest
from modules.sejours.models import Stay, Wish
from modules.sejours.services.places import offer
from tests.support.communication_announcements import add_guardian, draft
from tests.support.creche import make_contract, make_establishment, make_toddler
from tests.support.creche_requests import make_place_request
from tests.support.factories import make_family
from tests.support.payments import make_invoice
from tests.support.sejours import make_stay, make_wish


def email_of(family: Family) -> str:
    return family.guardians.get(is_primary=True).user.email


@dataclass
class CoreCases:
    document: Document
    retired: Family
    attempt: PaymentAttempt
    payer: Family
    announcement_id: int
    audience: list[str]


def core_cases(tenant) -> CoreCases:
    """A document past its validity, a family past retention, an online payment the parent
    left (paid at the provider), an announcement whose delivery task was lost."""
    now = timezone.now()
    family, _ = make_family(tenant=tenant)
    kind = DocumentType.objects.create(name="Assurance", scope=DocumentType.SCOPE_FAMILY)
    document = Document.objects.create(
        family=family,
        document_type=kind,
        file=f"tenants/{tenant.pk}/documents/assurance.pdf",
        original_name="assurance.pdf",
        content_type="application/pdf",
        size=10,
        status=Document.STATUS_ACCEPTED,
        valid_until=structure_today() - timedelta(days=1),
    )

    retired, _ = make_family(tenant=tenant)
    years = DossierSettings.current().retention_years
    Family.objects.filter(pk=retired.pk).update(
        last_activity_at=now - timedelta(days=365 * years + 30)
    )

    payer, user = make_family(tenant=tenant)
    invoice = make_invoice(payer, "15.00")
    attempt = PaymentAttempt.objects.create(
        family=payer,
        user=user,
        amount=Decimal("15.00"),
        provider="dummy",
        provider_reference="demo-planif",
        provider_state={"outcome": "pay", "amounts": {str(invoice.pk): "15.00"}},
    )
    attempt.invoices.set([invoice])
    PaymentAttempt.objects.filter(pk=attempt.pk).update(created_at=now - timedelta(hours=1))

    audience, _ = make_family(tenant=tenant)
    add_guardian(audience)
    announcement = draft(target=[{"kind": "families", "families": [audience.pk]}])
    with transaction.atomic():
        announcement_service.queue_announcement(announcement=announcement, user=None)
        # The broker was down when it committed: the delivery task is lost.
        connection.run_on_commit = []
    type(announcement).objects.filter(pk=announcement.pk).update(
        queued_at=now - timedelta(minutes=30)
    )
    emails = [g.user.email for g in audience.guardians.select_related("user") if g.user_id]
    return CoreCases(document, retired, attempt, payer, announcement.pk, emails)


@dataclass
class ModuleCases:
    late: Wish
    behind: Wish
    convoked: Wish
    to_remind: PlaceRequest
    unanswered: PlaceRequest
    finished: Contract
    establishment_id: int

    def emails(self) -> dict[str, str]:
        """Which e-mail each case's family gets, by address."""
        return {
            email_of(self.behind.family): "offer",
            email_of(self.late.family): "sejour-expired",
            email_of(self.convoked.family): "convocation",
            email_of(self.to_remind.family): "renewal",
            email_of(self.unanswered.family): "creche-expired",
        }


def module_cases(tenant) -> ModuleCases:
    """Séjours: an offer past its deadline with a wish waiting behind, a place whose stay
    leaves in three days. Crèche: a request due for its renewal reminder, an offer not
    answered in time, a contract ended yesterday, an establishment to keep open."""
    today = structure_today()
    stay = make_stay(name="Séjour planifié", capacity=1, days=2)
    first, _ = make_family(tenant=tenant, first_name="Premier")
    second, _ = make_family(tenant=tenant, first_name="Suivant")
    late = offer(wish=make_wish(child=first.children.get(), stay=stay), by=None)
    Wish.objects.filter(pk=late.pk).update(accept_by=today - timedelta(days=1))
    behind = make_wish(
        child=second.children.get(), stay=stay, status=Wish.STATUS_WAITLISTED, waitlist_position=1
    )
    leaving = make_stay(name="Séjour imminent", start=today + timedelta(days=3), days=2)
    assert leaving.status == Stay.STATUS_OPEN
    third, _ = make_family(tenant=tenant, first_name="Convoqué")
    convoked = make_wish(child=third.children.get(), stay=leaving, status=Wish.STATUS_ACCEPTED)

    establishment = make_establishment(name="Les Planifiés")
    reminded_family, _ = make_family(tenant=tenant, first_name="Rappel")
    to_remind = make_place_request(family=reminded_family, establishments=[establishment])
    # Renewed three months ago less ten days: the reminder is due (15 days before it lapses).
    renewed = timezone.now() - relativedelta(months=3) + timedelta(days=10)
    PlaceRequest.objects.filter(pk=to_remind.pk).update(renewed_at=renewed)
    silent_family, _ = make_family(tenant=tenant, first_name="Silence")
    unanswered = make_place_request(
        family=silent_family,
        establishments=[establishment],
        state=PlaceRequest.OFFERED,
        offer_answer_by=today - timedelta(days=1),
    )
    ended_family, _ = make_family(tenant=tenant, first_name="Fin")
    finished = make_contract(
        child=make_toddler(ended_family),
        establishment=establishment,
        start=today - timedelta(days=200),
        end=today - timedelta(days=1),
    )
    return ModuleCases(late, behind, convoked, to_remind, unanswered, finished, establishment.pk)
