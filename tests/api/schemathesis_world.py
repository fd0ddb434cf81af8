"""The structure ``tests/api/test_schemathesis.py`` fuzzes: the demo commune's data and one account
per profile, with the ids of real objects for the URLs that name one.

Built once for the module (``world`` fixture there) at a fixed instant, so that every run
generates the same requests against the same rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.utils import timezone

from core.accounts.roles import Role
from tests.support.booking import PDF
from tests.support.factories import make_family, make_user

ANONYMOUS = "anonymous"
PARENT = "parent"
STAFF = tuple(role.code for role in Role if role.is_staff_role)
PROFILES = (ANONYMOUS, PARENT, *STAFF)
# Far above the ids the other tests leave in the sequences.
FIRST_ID = 10_000_000


@dataclass
class World:
    # Profile → the cookies its requests carry (session and CSRF).
    cookies: dict[str, dict[str, str]] = field(default_factory=dict)
    # Kind of object (as tests/api/access_matrix.py names them) → the id of one the parent owns,
    # or one of the structure's.
    ids: dict[str, object] = field(default_factory=dict)


def build_world(host: str, csrf_token: str) -> World:
    """Call inside the structure's schema, in a transaction the caller rolls back."""
    from core.billing.demo import seed_billing
    from modules.periscolaire.demo import enrol_demo_family, seed_periscolaire

    number_from(FIRST_ID)
    seed_periscolaire()
    family, parent = make_family(first_name="Claire")
    enrol_demo_family(family)
    seed_billing(family)
    # A family whose account waits for the structure's validation, for the staff's queues.
    waiting, _ = make_family(first_name="Bruno")
    waiting.status = waiting.STATUS_AWAITING_VALIDATION
    waiting.save(update_fields=["status"])

    world = World(ids=_objects(family, parent))
    users = {PARENT: parent}
    for role in Role:
        if role.is_staff_role:
            users[role.code] = make_user(role=role)
    csrf = {"csrftoken": csrf_token}
    world.cookies[ANONYMOUS] = dict(csrf)
    for profile, user in users.items():
        client = Client(HTTP_HOST=host)
        client.force_login(user)
        session = {name: morsel.value for name, morsel in client.cookies.items()}
        world.cookies[profile] = {**session, **csrf}
    return world


def number_from(first: int) -> None:
    """Restart the schema's sequences at ``first``. Ids would otherwise depend on the tests run
    before (sequences are not rolled back), and so would the requests that hit a real object
    with a generated id."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = current_schema()"
        )
        for name, last in cursor.fetchall():
            # Never back: rows committed by the end-to-end tests keep their ids.
            cursor.execute("SELECT setval(%s, %s, false)", [name, max(first, (last or 0) + 1)])


def _objects(family, parent) -> dict[str, object]:
    """The demo gives activities, openings, invoices, a payment and a run; the rest of the kinds
    a URL names are made here, owned by the demo family."""
    from core.billing.documents.sepa import save_mandate
    from core.billing.models import DirectDebitBatch, Invoice, InvoiceRun, Payment
    from core.booking.models import (
        BookingPolicy,
        Enrolment,
        EnrolmentCertificate,
        LegendEntry,
        Reservation,
    )
    from core.catalog.models import Activity, ActivityGroup, Closure, Opening
    from core.documents.models import DocumentType
    from core.documents.services import upload_document
    from core.families.models import (
        AuthorisationQuestion,
        AuthorisedPerson,
        ConsentType,
        MealType,
        QuotientDeclaration,
        SchoolLevel,
        Vaccination,
    )
    from core.families.services.consents import answer_consents, pending_consents
    from core.payments.services import start_payment
    from core.pricing.models import Tariff
    from tests.support.communication_matrix import communication_objects
    from tests.support.payments import use_provider

    today = timezone.localdate()
    child = family.children.get()
    activity = Activity.objects.get(name="ALAE Matin")
    opening = (
        Opening.objects.filter(unit__activity=activity, date__gte=today).order_by("date").first()
    )
    document_type = DocumentType.objects.create(
        name="Attestation d'assurance",
        scope=DocumentType.SCOPE_FAMILY,
        requires_review=True,
        template=SimpleUploadedFile("modele.pdf", PDF, content_type="application/pdf"),
    )
    document = upload_document(
        family=family,
        document_type=document_type,
        file=SimpleUploadedFile("assurance.pdf", PDF, content_type="application/pdf"),
        user=parent,
    )
    invoices = Invoice.objects.filter(family=family, kind=Invoice.KIND_INVOICE)
    unpaid = invoices.filter(status=Invoice.STATUS_ISSUED).first()
    settings = use_provider("dummy")
    settings.enabled = True
    settings.save()
    attempt, _ = start_payment(family=family, user=parent, invoice_ids=[unpaid.pk])
    save_mandate(family=family, reference=f"RUM-{family.pk}", signed_on=today)
    run = InvoiceRun.objects.filter(families__family=family).order_by("-period_start").first()
    ids = {
        "family": family.pk,
        "child": child.pk,
        "guardian": family.guardians.get(is_primary=True).pk,
        "vaccination": Vaccination.objects.create(
            child=child, vaccine="DTP", date=today - timedelta(days=400)
        ).pk,
        "person": AuthorisedPerson.objects.create(
            child=child, name="Mamie Martin", relation="Grand-mère", phone="+33612345678"
        ).pk,
        "quotient": QuotientDeclaration.objects.create(
            family=family, value=500, valid_from=today.replace(day=1)
        ).pk,
        "document": str(document.uuid),
        "document_type": document_type.pk,
        "invoice": invoices.order_by("issue_date").first().pk,
        "payment": Payment.objects.filter(family=family).first().pk,
        "attempt": attempt.pk,
        "run": run.pk,
        "run_family": run.families.get(family=family).pk,
        "batch": DirectDebitBatch.objects.create(
            collection_date=today + timedelta(days=10),
            message_id="MSG-FUZZ-1",
            total=Decimal("0"),
            xml="<Document/>",
        ).pk,
        "activity": activity.pk,
        "unit": opening.unit_id,
        "opening": opening.pk,
        "reservation": Reservation.objects.filter(child=child, date__gt=today)
        .order_by("date")
        .first()
        .pk,
        "group": ActivityGroup.objects.filter(activity__name="CL Mercredis").first().pk,
        "closure": Closure.objects.create(
            label="Pont", start_date=today + timedelta(days=30), end_date=today + timedelta(days=30)
        ).pk,
        "policy": BookingPolicy.objects.order_by("pk").first().pk,
        "tariff": Tariff.objects.filter(activity=activity).order_by("pk").first().pk,
        "legend": LegendEntry.objects.order_by("pk").first().pk,
        "meal_type": MealType.objects.create(label="Sans porc").pk,
        "school_level": SchoolLevel.objects.create(label="CE1").pk,
        "authorisation_question": AuthorisationQuestion.objects.create(
            label="Photos de votre enfant ?"
        ).pk,
        "consent_type": ConsentType.objects.create(label="Règlement intérieur").pk,
        "certificate": EnrolmentCertificate.objects.create(
            enrolment=Enrolment.objects.filter(child=child).order_by("pk").first(),
            state=EnrolmentCertificate.STATE_ISSUED,
            issued_on=today,
        ).pk,
        "year": today.year,
        **communication_objects(family, parent, child, label="Fuzz"),
    }
    # The consent type just made would hold every write of the parent until answered.
    answer_consents(user=parent, answers={c.pk: True for c in pending_consents(user=parent)})
    return ids
