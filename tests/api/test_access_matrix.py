"""Every route of a structure's API × every method × every kind of caller × whose ids.

The routes come from the URL configuration, the expectations from ``tests/api/access_matrix.py``.
Callers: nobody signed in, the guardian of family A, the guardian of family B, each staff
role, and the staff of another structure presenting its own session cookie. Ids: family A's
objects (or the structure's), then the other structure's. Each request runs in a savepoint
that is rolled back, so a DELETE or a publication never changes what the next caller sees.

What must hold:
* an audience that may call a method gets past the gate (no 401, 403, 404 or 405) on its own
  ids, and 404 on another family's or another structure's;
* any other caller is refused (401 or 403), whatever the method, HEAD and OPTIONS included;
* a method the view does not implement is refused or answers 405, never runs;
* no answer to anyone but family A's guardian and the staff allowed holds family A's name,
  and no answer on this structure ever holds the other structure's;
* nothing answers 500.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from http.cookies import SimpleCookie

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.test import Client
from django.test.utils import override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from django_tenants.utils import tenant_context

from api.permissions import implements
from core.accounts.roles import Role
from tests.api.access_matrix import (
    ANYONE,
    FAMILY,
    FAMILY_OR_STAFF,
    MATRIX,
    METHODS,
    NOBODY,
    SIGNED_IN,
    STAFF_ROLES,
)
from tests.support.booking import PDF, make_activity
from tests.support.clients import client_ip
from tests.support.communication_matrix import communication_objects
from tests.support.factories import make_family, make_user

ALPHA_HOST = "alpha.localhost"
MARKER_A = "Zébulonalpha"
MARKER_BETA = "Quetzalbeta"
PROFILES = ("anonymous", "parent_a", "parent_b", *STAFF_ROLES, "other_structure_staff")
GATE = {401, 403, 404, 405}
REFUSED = {401, 403}


def api_routes() -> dict[str, object]:
    """Route name → view callback, for every route under ``api/`` of a structure's host."""
    found: dict[str, object] = {}

    def walk(patterns, prefix: str, namespace: str) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = pattern.namespace
                walk(
                    pattern.url_patterns,
                    prefix + str(pattern.pattern),
                    f"{namespace}:{inner}" if namespace and inner else (inner or namespace),
                )
            elif isinstance(pattern, URLPattern) and (prefix + str(pattern.pattern)).startswith(
                "api/"
            ):
                name = f"{namespace}:{pattern.name}" if namespace else pattern.name
                found[name] = pattern.callback

    walk(get_resolver().url_patterns, "", "")
    return found


ROUTES = api_routes()


def test_every_route_has_its_entry_in_the_access_matrix():
    assert sorted(set(ROUTES) - set(MATRIX)) == [], "routes without a rule in access_matrix.py"
    assert sorted(set(MATRIX) - set(ROUTES)) == [], "rules for routes that no longer exist"


@dataclass
class World:
    """Two families of this structure, one staff account per role, the other structure."""

    clients: dict[str, Client] = field(default_factory=dict)
    cookies: dict[str, SimpleCookie] = field(default_factory=dict)
    alpha_ids: dict[str, object] = field(default_factory=dict)
    beta_ids: dict[str, object] = field(default_factory=dict)


def build_objects(family, user, *, marker: str, label: str) -> dict[str, object]:
    """One object of each kind a URL names, owned by ``family`` where it has an owner.

    ``marker`` names what belongs to the family (its name, its child, its guardians), ``label``
    what belongs to the structure and every family of it sees (activities, document types…)."""
    from core.billing.documents.sepa import save_mandate
    from core.billing.models import DirectDebitBatch, InvoiceRun, InvoiceSeries, RunFamily
    from core.billing.services.allocation import record_payment
    from core.booking.models import BookingPolicy, Enrolment, EnrolmentCertificate, LegendEntry
    from core.catalog.models import ActivityGroup, Closure
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
    from core.payments.providers.dummy import make_token
    from core.payments.services import start_payment
    from core.pricing.models import Tariff
    from tests.support.payments import make_invoice, use_provider

    today = timezone.localdate()
    family.name = marker
    family.save(update_fields=["name"])
    family.guardians.update(last_name=marker)
    child = family.children.get()
    child.last_name = marker
    child.save(update_fields=["last_name"])
    activity = make_activity(name=f"Accueil {label}", days=[today + timedelta(days=7)])
    unit = activity.units.order_by("pk").first()
    document_type = DocumentType.objects.create(
        name=f"Pièce {label}",
        scope=DocumentType.SCOPE_FAMILY,
        requires_review=True,
        template=SimpleUploadedFile("modele.pdf", PDF, content_type="application/pdf"),
    )
    document = upload_document(
        family=family,
        document_type=document_type,
        file=SimpleUploadedFile("piece.pdf", PDF, content_type="application/pdf"),
        user=user,
    )
    invoice = make_invoice(family, "30.00")
    payment = record_payment(
        family=family, amount=Decimal("5.00"), method="cheque", received_on=today
    )
    settings = use_provider("dummy")
    settings.enabled = True
    settings.save()
    attempt, _ = start_payment(family=family, user=user, invoice_ids=[invoice.pk])
    save_mandate(family=family, reference=f"RUM-{family.pk}", signed_on=today)
    run = InvoiceRun.objects.create(
        label=f"Facturation {label}",
        period_start=today.replace(day=1),
        period_end=today,
        series=InvoiceSeries.default(),
    )
    run_family = RunFamily.objects.create(run=run, family=family)
    return {
        "family": family.pk,
        "child": child.pk,
        "guardian": family.guardians.get(is_primary=True).pk,
        "vaccination": Vaccination.objects.create(
            child=child, vaccine="DTP", date=today - timedelta(days=400)
        ).pk,
        "person": AuthorisedPerson.objects.create(
            child=child, name=f"Mamie {marker}", relation="Grand-mère", phone="+33612345678"
        ).pk,
        "quotient": QuotientDeclaration.objects.create(
            family=family, value=500, valid_from=today.replace(day=1)
        ).pk,
        "document": document.uuid,
        "document_type": document_type.pk,
        "invoice": invoice.pk,
        "payment": payment.pk,
        "attempt": attempt.pk,
        "demo_token": make_token(attempt),
        "run": run.pk,
        "run_family": run_family.pk,
        "batch": DirectDebitBatch.objects.create(
            collection_date=today + timedelta(days=10),
            message_id=f"MSG-{label}"[:35],
            total=Decimal("0"),
            xml="<Document/>",
        ).pk,
        "activity": activity.pk,
        "unit": unit.pk,
        "opening": unit.openings.get().pk,
        "group": ActivityGroup.objects.create(activity=activity, name="Maternelle", capacity=8).pk,
        "closure": Closure.objects.create(
            label="Pont", start_date=today + timedelta(days=30), end_date=today + timedelta(days=30)
        ).pk,
        "policy": BookingPolicy.objects.create(
            name=f"Délai {label}", kind=BookingPolicy.KIND_RELATIVE, days=2
        ).pk,
        "tariff": Tariff.objects.create(
            name=f"Tarif {label}", activity=activity, valid_from=date(2020, 1, 1), amount=1
        ).pk,
        "legend": renumbered(LegendEntry.objects.order_by("pk").first()).pk,
        "meal_type": MealType.objects.create(label=f"Sans porc {label}").pk,
        "school_level": SchoolLevel.objects.create(label=f"CE1 {label}").pk,
        "authorisation_question": AuthorisationQuestion.objects.create(
            label=f"Photos {label} ?"
        ).pk,
        "consent_type": ConsentType.objects.create(label=f"Règlement {label}").pk,
        "certificate": EnrolmentCertificate.objects.create(
            enrolment=Enrolment.objects.create(
                child=child, activity=activity, status=Enrolment.STATUS_VALIDATED
            ),
            state=EnrolmentCertificate.STATE_ISSUED,
            issued_on=today,
        ).pk,
        "year": today.year,
        **stay_objects(family, user, child, label=label),
        **creche_objects(family, user, child, label=label),
        **communication_objects(family, user, child, label=label),
    }


def creche_objects(family, user, child, *, label: str) -> dict[str, object]:
    """An establishment with a closure, a presence, a place request, a proposed contract and
    an absence with its proof, each part's builder making its own."""
    from tests.support.creche import make_establishment, places_matrix_objects
    from tests.support.creche_contracts import matrix_objects
    from tests.support.creche_money import matrix_absence
    from tests.support.creche_requests import make_place_request

    return {
        **places_matrix_objects(family, user, child, label=label),
        **matrix_objects(family=family, label=label),
        "place_request": make_place_request(
            family=family, establishments=[make_establishment(name=f"Demande {label}")]
        ).pk,
        "creche_absence": matrix_absence(family=family).pk,
        "creche_absence_proof": matrix_absence(family=family, proof=True).pk,
        "caf_export_format": "csv",
    }


def stay_objects(family, user, child, *, label: str) -> dict[str, object]:
    """A campaign open today with three stays; family's child wishes the first (pending), has
    a place offered on the second and accepted on the third."""
    from django.core.files.base import ContentFile

    from modules.sejours.models import AllocationRun, StayAid, StayMedia, Wish
    from modules.sejours.services.places import offer
    from tenants.demo import _logo_png
    from tests.support.sejours import make_campaign, make_stay, make_wish

    campaign = make_campaign(label=f"Été {label}")
    stays = [
        make_stay(name=f"Séjour {n} {label}", campaign=campaign, min_age=None, max_age=None)
        for n in (1, 2, 3)
    ]
    media = StayMedia(stay=stays[0], kind=StayMedia.KIND_PHOTO, content_type="image/png")
    media.file.save("photo.png", ContentFile(_logo_png("SJ", "#0f766e")), save=True)
    make_wish(child=child, stay=stays[0], rank=1, created_by=user)
    place = offer(wish=make_wish(child=child, stay=stays[1], rank=2, created_by=user), by=user)
    accepted = make_wish(
        child=child,
        stay=stays[2],
        rank=3,
        created_by=user,
        status=Wish.STATUS_ACCEPTED,
        accepted_at=timezone.now(),
    )
    return {
        "stay": stays[0].pk,
        "stay_media": media.pk,
        "campaign": campaign.pk,
        "wish": Wish.objects.get(child=child, rank=1, status=Wish.STATUS_PENDING).pk,
        "place": place.pk,
        "accepted_place": accepted.pk,
        "aid": StayAid.objects.create(
            wish=place, kind=StayAid.KIND_CSE, label="CSE", amount=Decimal("10.00")
        ).pk,
        "allocation_run": AllocationRun.objects.create(
            campaign=campaign, seed=1, criteria=list(campaign.criteria)
        ).pk,
        "export_kind": "participants",
        "export_format": "csv",
    }


def enable_route_modules(tenant) -> None:
    """The modules the matrix's routes belong to, switched on for the test structure (the
    world's transaction switches them off again)."""
    from core.modules import registry

    wanted = {rule.module for rule in MATRIX.values() if rule.module} - set(tenant.modules)
    if not wanted:
        return
    tenant.modules = [*tenant.modules, *sorted(wanted)]
    tenant.save(update_fields=["modules"])
    for module_id in sorted(wanted):
        registry.get(module_id).install_defaults(tenant=tenant)
    # The roles get the modules' permissions, as enabling them from the console does.
    from core.accounts.roles import install_roles

    install_roles(tenant.modules)
    from core.tenancy.routing import invalidate_hosts

    invalidate_hosts([ALPHA_HOST])


def renumbered(entry):
    """The same row under a new id: rows seeded with the structure were numbered before its
    sequences were pushed away from the other structure's."""
    entry.delete()
    entry.pk = None
    entry.save()
    return entry


def give_a_logo(tenant) -> None:
    from django.core.files.base import ContentFile

    from core.tenancy.routing import invalidate_hosts
    from tenants.demo import _logo_png

    tenant.logo.save("logo.png", ContentFile(_logo_png("AL", "#0b5fff")), save=True)
    invalidate_hosts([ALPHA_HOST])


def answer_consents_of(*users) -> None:
    """The consents created with the objects are answered: they would hold every write."""
    from core.families.services.consents import answer_consents, pending_consents

    for user in users:
        answer_consents(user=user, answers={c.pk: True for c in pending_consents(user=user)})


def push_sequences_far() -> None:
    """The other structure's ids start far above this one's: an id that answers there never
    names one of family A's objects by chance, so a 404 means the gate held."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT sequencename FROM pg_sequences WHERE schemaname = current_schema()")
        for (name,) in cursor.fetchall():
            cursor.execute("SELECT setval(%s, 1000000 + nextval(%s))", [name, name])


@pytest.fixture(scope="module")
def world(tenants, django_db_blocker):
    """Built once for the module inside a transaction that is rolled back at its end."""
    alpha, beta = tenants["alpha"], tenants["beta"]
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]),
    ):
        outer = transaction.atomic()
        outer.__enter__()
        try:
            world = World()
            give_a_logo(alpha)
            with tenant_context(alpha):
                enable_route_modules(alpha)
                family_a, parent_a = make_family(tenant=alpha, first_name="Anaïs")
                family_b, parent_b = make_family(tenant=alpha, first_name="Bruno")
                world.alpha_ids = build_objects(family_a, parent_a, marker=MARKER_A, label="Alpha")
                answer_consents_of(parent_a, parent_b)
                users = {"parent_a": parent_a, "parent_b": parent_b}
                for role in Role:
                    if role.is_staff_role:
                        users[role.code] = make_user(tenant=alpha, role=role)
                for profile, user in users.items():
                    client = Client(HTTP_HOST=ALPHA_HOST, REMOTE_ADDR=client_ip())
                    client.force_login(user)
                    world.clients[profile] = client
            with tenant_context(beta):
                push_sequences_far()
                family_c, parent_c = make_family(tenant=beta, first_name="Chloé")
                world.beta_ids = build_objects(
                    family_c, parent_c, marker=MARKER_BETA, label=MARKER_BETA
                )
                answer_consents_of(parent_c)
                other = Client(HTTP_HOST=ALPHA_HOST, REMOTE_ADDR=client_ip())
                other.force_login(make_user(tenant=beta, role=Role.ADMINISTRATEUR))
                world.clients["other_structure_staff"] = other
            world.clients["anonymous"] = Client(HTTP_HOST=ALPHA_HOST, REMOTE_ADDR=client_ip())
            world.cookies = {
                p: SimpleCookie(c.cookies.output(header="")) for p, c in world.clients.items()
            }
            connection.set_schema_to_public()
            yield world
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            connection.set_schema_to_public()
            alpha.refresh_from_db()
            from core.tenancy.routing import invalidate_hosts

            invalidate_hosts([ALPHA_HOST])


# The kinds of id a family owns: another family's answers 404.
FAMILY_KINDS = {
    "family",
    "child",
    "guardian",
    "vaccination",
    "person",
    "quotient",
    "document",
    "invoice",
    "payment",
    "attempt",
    "demo_token",
    "certificate",
    "wish",
    "place",
    "accepted_place",
    "place_request",
    "creche_contract",
    "creche_absence",
    "creche_absence_proof",
    "communication_thread",
    "communication_attachment",
    "communication_submission",
    "announcement",
    "announcement_attachment",
}
# Ids that are not objects: the same value means the same thing on every structure.
PLAIN_KINDS = {"year", "export_kind", "export_format", "caf_export_format"}


def allowed(audience, profile: str) -> bool:
    if audience == ANYONE:
        return True
    if audience == SIGNED_IN:
        return profile not in ("anonymous", "other_structure_staff")
    if audience == FAMILY:
        return profile in ("parent_a", "parent_b")
    if audience == FAMILY_OR_STAFF:
        return profile in ("parent_a", "parent_b", *STAFF_ROLES)
    return profile in audience


def audience_of(rule, callback, method: str):
    """Who may call ``method``. OPTIONS follows GET: a staff route without GET describes
    itself to nobody (family and public routes answer it to their audience)."""
    audience = rule.audience(method)
    staff_only = isinstance(audience, frozenset)
    if method == "OPTIONS" and staff_only and not implemented(callback, "GET"):
        return NOBODY
    return audience


def may(audience, profile: str) -> bool:
    return allowed(audience, profile)


def may_see_family_a(audience, profile: str) -> bool:
    if profile == "parent_a":
        return True
    return profile in STAFF_ROLES and may(audience, profile)


def family_audience(audience) -> bool:
    return audience == FAMILY


def call(world: World, profile: str, method: str, url: str):
    """One request in a savepoint rolled back afterwards, with the profile's own cookies."""
    client = world.clients[profile]
    client.cookies = SimpleCookie(world.cookies[profile].output(header=""))
    send = getattr(client, method.lower())
    extra = {"content_type": "application/json"} if method in ("POST", "PUT", "PATCH") else {}
    data = "{}" if extra else None
    with transaction.atomic():
        response = send(url, data, **extra) if data is not None else send(url)
        transaction.set_rollback(True)
    connection.set_schema_to_public()
    return response


def body_text(response) -> str:
    if response.get("Content-Type", "").startswith(("application/pdf", "application/zip")):
        return ""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode("utf-8", "replace")


def implemented(callback, method: str) -> bool:
    view_class = getattr(callback, "cls", None) or getattr(callback, "view_class", None)
    if view_class is None:  # the dummy payment page: GET and POST
        return method in ("GET", "POST")
    actions = getattr(callback, "actions", None)
    if actions is not None:
        name = "get" if method == "HEAD" else method.lower()
        return method == "OPTIONS" or name in actions
    view = view_class()
    if method == "HEAD":
        return hasattr(view, "get")
    return implements(view, method)


def check(world, name, rule, method, profile, ids, *, foreign: bool) -> str | None:
    """The mismatch for one request, or None."""
    callback = ROUTES[name]
    url = reverse(name, kwargs={arg: ids[kind] for arg, kind in rule.ids.items()})
    response = call(world, profile, method, url)
    status = response.status_code
    audience = audience_of(rule, callback, method)
    where = f"{method} {url} as {profile}{' (other ids)' if foreign else ''}: {status}"
    if status >= 500:
        return f"{where}: server error"
    text = body_text(response) if method != "HEAD" else ""
    if MARKER_BETA in text:
        return f"{where}: the other structure's data"
    if MARKER_A in text and not may_see_family_a(audience, profile):
        return f"{where}: family A's data"
    if rule.external:
        return None
    if rule.disabled:
        return None if status == 404 else f"{where}: expected 404 (module not enabled)"
    refused = rule.refusal
    if not implemented(callback, method):
        if status not in refused | {405}:
            return f"{where}: a method the view does not implement answered"
        if may(audience, profile) and status != 405:
            return f"{where}: expected 405"
        return None
    if not may(audience, profile):
        return None if status in refused else f"{where}: expected {sorted(refused)}"
    owns = set(rule.ids.values()) & FAMILY_KINDS
    other_family = family_audience(audience) and bool(owns) and profile == "parent_b"
    if foreign or other_family:
        # OPTIONS describes the route (DRF's metadata), never the object: the same answer for
        # any id, so it tells nothing of another's.
        expected = {404, 200} if method == "OPTIONS" else {404}
        return None if status in expected else f"{where}: expected 404"
    if status in GATE:
        return f"{where}: expected to get past the gate"
    return None


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_route_answers_each_caller_as_the_matrix_says(world, django_db_blocker, name):
    if name not in ROUTES:
        pytest.skip("reported by test_every_route_has_its_entry_in_the_access_matrix")
    rule = MATRIX[name]
    mismatches = []
    with django_db_blocker.unblock():
        for method in METHODS:
            for profile in PROFILES:
                problem = check(world, name, rule, method, profile, world.alpha_ids, foreign=False)
                if problem:
                    mismatches.append(problem)
                objects = set(rule.ids.values()) - PLAIN_KINDS
                if objects and may(audience_of(rule, ROUTES[name], method), profile):
                    problem = check(
                        world, name, rule, method, profile, world.beta_ids, foreign=True
                    )
                    if problem:
                        mismatches.append(problem)
    assert not mismatches, json.dumps(mismatches, indent=1, ensure_ascii=False)
