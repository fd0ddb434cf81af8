"""Who may call each route of a structure's API: the one table ``test_access_matrix`` checks.

Each route name maps to a ``Rule``. ``read`` covers GET, HEAD and OPTIONS, and ``write``
covers POST, PUT, PATCH and DELETE; ``methods`` overrides one method. Each is an audience:

* ``ANYONE``: no login needed (the structure's public page, sign-up, login, webhooks);
* ``SIGNED_IN``: any account of the structure;
* ``FAMILY``: the guardians of a family, for their own family only;
* ``FAMILY_OR_STAFF``: a family's guardians or any staff role (each sees their own side);
* a set of staff role codes: the staff holding one of those roles.

``ids`` says what each URL argument names (``"pk": "child"``). The test fills it with family
A's object (or the structure's), then with the other structure's.

A route missing from this table fails the test: deciding who may call it is part of adding
it. docs/security.md summarises the table per role.
"""

from __future__ import annotations

from dataclasses import dataclass, field

ANYONE = "anyone"
SIGNED_IN = "signed in"
FAMILY = "family"
FAMILY_OR_STAFF = "family or staff"
NOBODY: frozenset[str] = frozenset()

ADMIN = "administrateur"
GESTIONNAIRE = "gestionnaire"
COORDINATEUR = "coordinateur"
COMPTABLE = "comptable"
ANIMATEUR = "animateur"
STAFF_ROLES = (ADMIN, GESTIONNAIRE, COORDINATEUR, COMPTABLE, ANIMATEUR)

ADMIN_ONLY = frozenset({ADMIN})
# The family file: read by whoever deals with families (the comptable finds the payer), changed
# by those who manage them. The animateur sees children through attendance and health forms.
FILES_READ = frozenset({ADMIN, GESTIONNAIRE, COORDINATEUR, COMPTABLE})
FILES_MANAGE = frozenset({ADMIN, GESTIONNAIRE, COORDINATEUR})
# Bookings: the animateur and the comptable see what happens on a day; only managers decide.
BOOKING_SEE = frozenset(STAFF_ROLES)
BOOKING_DECIDE = FILES_MANAGE
ATTENDANCE_MARK = frozenset({ADMIN, GESTIONNAIRE, COORDINATEUR, ANIMATEUR})
CATALOG_SEE = frozenset(STAFF_ROLES)
CATALOG_CHANGE = frozenset({ADMIN, GESTIONNAIRE})
TARIFFS = frozenset({ADMIN, GESTIONNAIRE, COMPTABLE})
TARIFFS_CHANGE = TARIFFS
# Billing: read by the gestionnaire too, run by the régie (administrateur, comptable).
BILLING_SEE = frozenset({ADMIN, GESTIONNAIRE, COMPTABLE})
BILLING_RUN = frozenset({ADMIN, COMPTABLE})
HEALTH_FORM = frozenset({ADMIN, GESTIONNAIRE, COORDINATEUR, ANIMATEUR})

READ = ("GET", "HEAD", "OPTIONS")
WRITE = ("POST", "PUT", "PATCH", "DELETE")
METHODS = READ + WRITE


@dataclass(frozen=True)
class Rule:
    read: str | frozenset[str] = NOBODY
    write: str | frozenset[str] = NOBODY
    ids: dict[str, str] = field(default_factory=dict)
    methods: dict[str, str | frozenset[str]] = field(default_factory=dict)
    # How a caller outside the audience is refused (a page that hides that it exists: 404).
    refusal: frozenset[int] = frozenset({401, 403})
    # Another library's routes (allauth): only "no 500 and no one else's data" is checked.
    external: bool = False
    # A module the test structure has not enabled: 404 for everyone, as if absent.
    disabled: bool = False
    # The module the route belongs to, when the matrix test enables it on its structure for
    # the route to be checked (the fuzzing structure may not: there it answers 404).
    module: str | None = None

    def audience(self, method: str) -> str | frozenset[str]:
        if method in self.methods:
            return self.methods[method]
        return self.read if method in READ else self.write


ALLAUTH = Rule(read=ANYONE, write=ANYONE, external=True)


def family(ids: dict[str, str] | None = None) -> Rule:
    return Rule(read=FAMILY, write=FAMILY, ids=ids or {})


def public(ids: dict[str, str] | None = None) -> Rule:
    return Rule(read=ANYONE, write=ANYONE, ids=ids or {})


def staff(read, write=NOBODY, ids: dict[str, str] | None = None, **methods) -> Rule:
    return Rule(read=read, write=write, ids=ids or {}, methods=methods)


MATRIX: dict[str, Rule] = {
    # The structure's public face, sign-up, the payment providers' calls.
    "v1:structure": public(),
    "v1:structure-logo": public(),
    "v1:home-summary": Rule(read=FAMILY_OR_STAFF, write=FAMILY_OR_STAFF),
    "v1:module-periscolaire:activity-kinds": public(),
    # The test structure runs the périscolaire (and, for their routes' checks, the séjours and
    # the crèche: ``Rule.module``).
    "v1:module-creche:activity-kinds": Rule(read=ANYONE, write=ANYONE, module="creche"),
    "v1:dossier-options": public(),
    # The password checklist: checks only the values sent, looks no account up.
    "v1:password-check": public(),
    # The test structure creates its families' accounts itself: sign-up is closed to all.
    "v1:signup": Rule(read=ANYONE, write=NOBODY, methods={"OPTIONS": ANYONE}),
    "v1:payments-stripe-webhook": public(),
    "v1:payments-payfip": public(),
    # The dummy provider's page: the paying family's guardian holding the signed link; anyone
    # else is told it does not exist.
    "v1:payments-demo": Rule(
        read=FAMILY, write=FAMILY, ids={"token": "demo_token"}, refusal=frozenset({404})
    ),
    "schema": public(),
    "schema-ui": public(),
    # django-allauth headless: its own rules (401 for "not signed in").
    "headless:config": ALLAUTH,
    "headless:account:current_session": ALLAUTH,
    "headless:account:reauthenticate": ALLAUTH,
    "headless:account:confirm_login_code": ALLAUTH,
    "headless:account:request_password_reset": ALLAUTH,
    "headless:account:reset_password": ALLAUTH,
    "headless:account:login": ALLAUTH,
    "headless:account:signup": ALLAUTH,
    "headless:account:verify_email": ALLAUTH,
    "headless:account:resend_email_verification_code": ALLAUTH,
    "headless:account:change_password": ALLAUTH,
    "headless:account:manage_email": ALLAUTH,
    "v1:consents": Rule(read=SIGNED_IN, write=SIGNED_IN),
    # The family's own file, bookings, bills and documents.
    "v1:family": family(),
    "v1:family-home": family(),
    "v1:family-missing": family(),
    "v1:family-requests": family(),
    "v1:family-guardians": family(),
    "v1:family-guardian": family({"pk": "guardian"}),
    "v1:family-children": family(),
    "v1:family-child": family({"pk": "child"}),
    "v1:family-child-authorisations": family({"pk": "child"}),
    "v1:family-child-vaccinations": family({"pk": "child"}),
    "v1:family-child-vaccination": family({"pk": "child", "item": "vaccination"}),
    "v1:family-child-persons": family({"pk": "child"}),
    "v1:family-child-person": family({"pk": "child", "item": "person"}),
    "v1:family-quotients": family(),
    "v1:family-resources": family(),
    "v1:documents-requirements": family(),
    "v1:documents-types": family(),
    "v1:documents-type-template": family({"pk": "document_type"}),
    "v1:documents": family(),
    "v1:documents-file": family({"uuid": "document"}),
    "v1:editions": family(),
    "v1:editions-health-form": family({"child_id": "child"}),
    "v1:booking-catalog": family(),
    "v1:booking-enrolments": family(),
    "v1:booking-planning": family(),
    "v1:booking-cart": family(),
    "v1:booking-checkout": family(),
    "v1:booking-weekly-template": family(),
    "v1:booking-absences": family(),
    "v1:booking-reservations": family(),
    "v1:booking-requests": family(),
    "v1:booking-certificates": family(),
    "v1:booking-certificate-pdf": family({"pk": "certificate"}),
    "v1:billing-account": family(),
    "v1:billing-invoices": family(),
    "v1:billing-invoice": family({"pk": "invoice"}),
    "v1:billing-statement": family(),
    "v1:billing-payments": family(),
    "v1:billing-pdf": family({"pk": "invoice"}),
    "v1:billing-receipt": family({"pk": "payment"}),
    "v1:billing-attestations": family(),
    "v1:billing-attestation-payments": family({"year": "year"}),
    "v1:billing-attestation-childcare": family({"year": "year"}),
    "v1:billing-attestation-presence": family(),
    "v1:payments-checkout": family(),
    "v1:payments-attempt": family({"pk": "attempt"}),
    "v1:payments-provider": family(),
    # Staff: the family files.
    "v1:staff-counters": staff(FILES_READ),
    "v1:staff-families": staff(FILES_READ),
    "v1:staff-family-create": staff(FILES_READ, FILES_MANAGE),
    "v1:staff-family": staff(FILES_READ, FILES_MANAGE, {"pk": "family"}),
    "v1:staff-family-history": staff(FILES_READ, ids={"pk": "family"}),
    "v1:staff-family-validate": staff(NOBODY, FILES_MANAGE, {"pk": "family"}),
    "v1:staff-family-refuse": staff(NOBODY, FILES_MANAGE, {"pk": "family"}),
    "v1:staff-guardian-login": staff(
        NOBODY, FILES_MANAGE, {"pk": "family", "guardian": "guardian"}
    ),
    "v1:staff-family-quotients": staff(NOBODY, FILES_MANAGE, {"pk": "family"}),
    "v1:staff-family-quotient-decide": staff(
        NOBODY, FILES_MANAGE, {"pk": "family", "quotient": "quotient"}
    ),
    "v1:staff-family-guardian": staff(
        NOBODY, FILES_MANAGE, {"pk": "family", "guardian": "guardian"}
    ),
    "v1:staff-family-child": staff(NOBODY, FILES_MANAGE, {"pk": "family", "child": "child"}),
    "v1:staff-notes": staff(NOBODY, FILES_MANAGE, {"pk": "family"}),
    # GDPR: export and anonymisation are the administrateur's.
    "v1:staff-family-export": staff(ADMIN_ONLY, ADMIN_ONLY, {"pk": "family"}),
    "v1:staff-family-anonymise": staff(ADMIN_ONLY, ADMIN_ONLY, {"pk": "family"}),
    "v1:staff-pending": staff(FILES_READ),
    "v1:staff-change-requests": staff(FILES_MANAGE),
    "v1:staff-change-requests-decide": staff(NOBODY, FILES_MANAGE),
    "v1:staff-documents": staff(FILES_MANAGE),
    "v1:staff-documents-review": staff(NOBODY, FILES_MANAGE, {"uuid": "document"}),
    "v1:staff-documents-file": staff(FILES_MANAGE, ids={"uuid": "document"}),
    "v1:staff-editions-health-form": staff(
        HEALTH_FORM, ids={"family_id": "family", "child_id": "child"}
    ),
    # Staff: the structure's configuration (the administrateur's), read by those who use it.
    "v1:staff-settings": staff(FILES_READ, ADMIN_ONLY),
    "v1:staff-field-policies": staff(FILES_READ, ADMIN_ONLY),
    "v1:staff-document-types-list": staff(FILES_MANAGE, ADMIN_ONLY),
    "v1:staff-document-types-detail": staff(FILES_MANAGE, ADMIN_ONLY, {"pk": "document_type"}),
    "v1:staff-document-types-template": staff(FILES_MANAGE, ids={"pk": "document_type"}),
    "v1:staff-meal-types-list": staff(FILES_READ, ADMIN_ONLY),
    "v1:staff-meal-types-detail": staff(FILES_READ, ADMIN_ONLY, {"pk": "meal_type"}),
    "v1:staff-school-levels-list": staff(FILES_READ, ADMIN_ONLY),
    "v1:staff-school-levels-detail": staff(FILES_READ, ADMIN_ONLY, {"pk": "school_level"}),
    "v1:staff-authorisation-questions-list": staff(FILES_READ, ADMIN_ONLY),
    "v1:staff-authorisation-questions-detail": staff(
        FILES_READ, ADMIN_ONLY, {"pk": "authorisation_question"}
    ),
    "v1:staff-consent-types-list": staff(FILES_READ, ADMIN_ONLY),
    "v1:staff-consent-types-detail": staff(FILES_READ, ADMIN_ONLY, {"pk": "consent_type"}),
    # Staff: bookings and attendance.
    "v1:staff-enrolments": staff(BOOKING_DECIDE),
    "v1:staff-enrolments-decide": staff(NOBODY, BOOKING_DECIDE),
    "v1:staff-certificates": staff(BOOKING_DECIDE),
    "v1:staff-certificates-decide": staff(NOBODY, BOOKING_DECIDE),
    "v1:staff-certificate-pdf": staff(BOOKING_DECIDE, ids={"pk": "certificate"}),
    "v1:staff-reservations": staff(BOOKING_DECIDE),
    "v1:staff-reservations-decide": staff(NOBODY, BOOKING_DECIDE),
    "v1:staff-reservations-apply": staff(NOBODY, BOOKING_DECIDE),
    "v1:staff-occupancy": staff(BOOKING_SEE),
    "v1:staff-attendance": staff(BOOKING_SEE, ATTENDANCE_MARK, {"pk": "opening"}),
    "v1:staff-activities-list": staff(CATALOG_SEE, CATALOG_CHANGE),
    "v1:staff-activities-detail": staff(CATALOG_SEE, CATALOG_CHANGE, {"pk": "activity"}),
    "v1:staff-activities-generate-openings": staff(CATALOG_SEE, CATALOG_CHANGE, {"pk": "activity"}),
    "v1:staff-units-list": staff(CATALOG_SEE, CATALOG_CHANGE),
    "v1:staff-units-detail": staff(CATALOG_SEE, CATALOG_CHANGE, {"pk": "unit"}),
    "v1:staff-groups-list": staff(CATALOG_SEE, CATALOG_CHANGE),
    "v1:staff-groups-detail": staff(CATALOG_SEE, CATALOG_CHANGE, {"pk": "group"}),
    "v1:staff-openings-list": staff(CATALOG_SEE, CATALOG_CHANGE),
    "v1:staff-openings-detail": staff(CATALOG_SEE, CATALOG_CHANGE, {"pk": "opening"}),
    "v1:staff-closures-list": staff(CATALOG_SEE, CATALOG_CHANGE),
    "v1:staff-closures-detail": staff(CATALOG_SEE, CATALOG_CHANGE, {"pk": "closure"}),
    "v1:staff-policies-list": staff(CATALOG_SEE, CATALOG_CHANGE),
    "v1:staff-policies-detail": staff(CATALOG_SEE, CATALOG_CHANGE, {"pk": "policy"}),
    "v1:staff-legend-list": staff(BOOKING_SEE, ADMIN_ONLY),
    "v1:staff-legend-detail": staff(BOOKING_SEE, ADMIN_ONLY, {"pk": "legend"}),
    # Staff: tariffs (the comptable's too).
    "v1:staff-simulate": staff(NOBODY, TARIFFS),
    "v1:staff-booking-billing-settings": staff(TARIFFS, TARIFFS_CHANGE),
    "v1:staff-tariffs-list": staff(TARIFFS, TARIFFS_CHANGE),
    "v1:staff-pricing-methods": staff(TARIFFS),
    "v1:staff-tariffs-detail": staff(TARIFFS, TARIFFS_CHANGE, {"pk": "tariff"}),
    # Staff: billing.
    "v1:staff-billing-runs": staff(BILLING_SEE, BILLING_RUN),
    "v1:staff-billing-run": staff(BILLING_SEE, BILLING_RUN, {"pk": "run"}),
    "v1:staff-billing-run-recompute": staff(NOBODY, BILLING_RUN, {"pk": "run"}),
    "v1:staff-billing-run-publish": staff(NOBODY, BILLING_RUN, {"pk": "run"}),
    "v1:staff-billing-run-families": staff(BILLING_SEE, ids={"pk": "run"}),
    "v1:staff-billing-run-family-lines": staff(
        BILLING_SEE, ids={"pk": "run", "family_pk": "run_family"}
    ),
    "v1:staff-billing-rules": staff(BILLING_SEE),
    "v1:staff-billing-invoices": staff(BILLING_SEE),
    "v1:staff-billing-invoice": staff(BILLING_SEE, ids={"pk": "invoice"}),
    "v1:staff-billing-credit-note": staff(NOBODY, BILLING_RUN, {"pk": "invoice"}),
    "v1:staff-billing-payments": staff(BILLING_SEE, BILLING_RUN),
    "v1:staff-billing-payment-cancel": staff(NOBODY, BILLING_RUN, {"pk": "payment"}),
    "v1:staff-billing-family-account": staff(BILLING_SEE, ids={"pk": "family"}),
    "v1:staff-billing-family-statement": staff(BILLING_SEE, ids={"pk": "family"}),
    "v1:staff-invoicing-settings": staff(BILLING_SEE, BILLING_RUN),
    "v1:staff-billing-series": staff(BILLING_SEE, BILLING_RUN),
    "v1:staff-billing-pdf": staff(BILLING_SEE, ids={"pk": "invoice"}),
    "v1:staff-billing-receipt": staff(BILLING_SEE, ids={"pk": "payment"}),
    "v1:staff-billing-attestations": staff(BILLING_SEE, ids={"family_id": "family"}),
    "v1:staff-billing-attestation-payments": staff(
        BILLING_SEE, ids={"family_id": "family", "year": "year"}
    ),
    "v1:staff-billing-attestation-childcare": staff(
        BILLING_SEE, ids={"family_id": "family", "year": "year"}
    ),
    "v1:staff-billing-attestation-presence": staff(BILLING_SEE, ids={"family_id": "family"}),
    "v1:staff-billing-export-invoices": staff(BILLING_SEE),
    "v1:staff-billing-export-credit-notes": staff(BILLING_SEE),
    "v1:staff-billing-export-payments": staff(BILLING_SEE),
    "v1:staff-billing-sepa-batches": staff(BILLING_RUN, BILLING_RUN),
    "v1:staff-billing-sepa-batch-xml": staff(BILLING_RUN, ids={"pk": "batch"}),
    "v1:staff-billing-sepa-batch-confirm": staff(NOBODY, BILLING_RUN, {"pk": "batch"}),
    "v1:staff-billing-mandate": staff(BILLING_RUN, BILLING_RUN, {"family_id": "family"}),
    # Staff: online payment (the administrateur's: it moves money to an account).
    "v1:staff-payment-settings": staff(ADMIN_ONLY, ADMIN_ONLY),
    "v1:staff-payment-attempts": staff(ADMIN_ONLY),
    "v1:staff-payment-refund": staff(NOBODY, ADMIN_ONLY, {"pk": "payment"}),
}


def _with_modules() -> None:
    from tests.api import (
        access_matrix_communication_announcements,
        access_matrix_communication_messaging,
        access_matrix_communication_news,
        access_matrix_creche_contracts,
        access_matrix_creche_money,
        access_matrix_creche_places,
        access_matrix_creche_requests,
    )
    from tests.api.access_matrix_sejours import SEJOURS

    MATRIX.update(SEJOURS)
    for part in (
        access_matrix_creche_places,
        access_matrix_creche_requests,
        access_matrix_creche_contracts,
        access_matrix_creche_money,
        access_matrix_communication_messaging,
        access_matrix_communication_announcements,
        access_matrix_communication_news,
    ):
        MATRIX.update(part.RULES)


_with_modules()
