"""A family's whole file, in real Chromium: online sign-up, e-mail confirmation, validation by
the structure, consents, household, a child, documents rejected then accepted, nothing missing."""

from __future__ import annotations

import re
import uuid

import pytest
from django_tenants.utils import tenant_context
from playwright.sync_api import expect

from core.accounts.roles import Role
from core.documents.models import DocumentType
from core.families.models import DossierSettings
from tests.e2e.helpers import answer_consents, assert_accessible, log_in
from tests.e2e.signup import (
    PASSWORD,
    STAFF_VIEWPORT,
    add_child,
    confirmation_link,
    sign_up,
    upload,
    upload_forms,
)
from tests.support.factories import make_user

REASON = "L'attestation est illisible : merci d'envoyer un scan net."


@pytest.fixture
def self_signup(tenants, committed):
    """Alpha opens online sign-up with validation, and asks families for at least one document;
    the previous settings come back afterwards (other tests share the structure)."""
    with tenant_context(tenants["alpha"]):
        settings = DossierSettings.current()
        previous = (settings.signup_mode, settings.signup_requires_validation)
        settings.signup_mode = DossierSettings.SIGNUP_SELF
        settings.signup_requires_validation = True
        settings.save()
        family_types = DocumentType.objects.filter(active=True, required=True, scope="family")
        extra = None
        if not [t for t in family_types if not t.modules or "periscolaire" in t.modules]:
            extra = DocumentType.objects.create(
                name="Justificatif de domicile",
                scope="family",
                required=True,
                requires_review=True,
                validity="permanent",
            )
    try:
        yield
    finally:
        with tenant_context(tenants["alpha"]):
            settings = DossierSettings.current()
            settings.signup_mode, settings.signup_requires_validation = previous
            settings.save()
            if extra is not None:
                extra.delete()


def test_family_signs_up_completes_its_file_and_gets_its_documents_accepted(
    live_url, page, browser, tenants, self_signup
):
    base = live_url.format(slug="alpha")
    tag = "".join(chr(ord("a") + int(c, 16)) for c in uuid.uuid4().hex[:8])
    email = f"claire.{tag}@example.org"
    first_name, last_name, child = "Claire", f"Testeur{tag}", "Léa"
    family = last_name.upper()
    staff = make_user(
        tenant=tenants["alpha"], role=Role.GESTIONNAIRE, email=f"gest.{tag}@example.org"
    )
    staff_context = browser.new_context(locale="fr-FR", viewport=STAFF_VIEWPORT)
    desk = staff_context.new_page()
    desk.set_default_timeout(10_000)
    try:
        # 1. Online sign-up, then the link of the confirmation e-mail.
        sign_up(page, base, email=email, first_name=first_name, last_name=last_name)
        page.goto(confirmation_link(email, base))
        expect(page.get_by_text("Adresse confirmée. Votre compte doit être validé")).to_be_visible()
        assert_accessible(page, "e-mail confirmed")
        page.context.clear_cookies()

        # 2. The structure validates the account.
        log_in(desk, base, staff.email)
        expect(desk.get_by_role("heading", name="Espace de gestion")).to_be_visible()
        desk.goto(f"{base}/gestion/comptes")
        account = desk.get_by_role("article", name=re.compile(f"Famille {family}"))
        expect(account).to_contain_text(email)
        assert_accessible(desk, "staff accounts")
        account.get_by_role("button", name=f"Valider le compte de la famille {family}").click()
        expect(desk.get_by_role("status").filter(has_text="est validé")).to_contain_text(family)
        expect(account).to_have_count(0)

        # 3. The parent logs in: consents first, then the household.
        log_in(page, base, email, PASSWORD)
        expect(page.get_by_role("heading", name="Vos consentements")).to_be_visible()
        assert_accessible(page, "consents")
        answer_consents(page)
        expect(page.get_by_role("heading", name=f"Bonjour {first_name}")).to_be_visible()
        missing = page.get_by_role("region", name="Il vous reste à compléter :")
        expect(missing).to_contain_text("Attestation d'assurance responsabilité civile")

        page.goto(f"{base}/mon-foyer")
        address = page.get_by_role("region", name="Adresse et contact")
        expect(address.get_by_role("textbox", name="Adresse", exact=True)).to_have_value(
            "12 rue des Écoles"
        )
        expect(address.get_by_label("Ville")).to_have_value("Lyon")
        situation = page.get_by_role("region", name="Situation")
        situation.get_by_label("Situation familiale").select_option(label="Marié(e)s")
        situation.get_by_role("button", name="Enregistrer").click()
        expect(situation.get_by_role("status").filter(has_text="Enregistré.")).to_be_visible()
        assert_accessible(page, "household")

        # 4. A child, with the wizard.
        add_child(page, base, first_name=child, last_name=last_name, me=f"{first_name} {last_name}")

        # 5. Every required document, the child's too.
        page.goto(f"{base}/mes-documents")
        forms = upload_forms(page)
        expect(forms.first).to_be_visible()
        names = [f.get_attribute("aria-label") for f in forms.all()]
        assert any(n.endswith("pour la famille") for n in names), names
        assert any(n.endswith(f"pour {child} {last_name}") for n in names), names
        assert_accessible(page, "documents")
        for index in range(len(names)):
            upload(forms.nth(index))
        expect(page.get_by_text("en attente de vérification").first).to_be_visible()

        # 6. The structure rejects one of them, with a reason.
        desk.goto(f"{base}/gestion/documents")
        expect(desk.get_by_role("heading", name="Documents à vérifier")).to_be_visible()
        ours = desk.get_by_role("button", name=re.compile(rf"^Accepter : .*\(famille {family}\)$"))
        expect(ours).to_have_count(len(names))
        assert_accessible(desk, "staff documents")
        desk.get_by_role(
            "button",
            name=re.compile(rf"^Refuser : Attestation d'assurance .*\(famille {family}\)$"),
        ).click()
        desk.get_by_label("Motif du refus").fill(REASON)
        assert_accessible(desk, "staff documents, rejection")
        desk.get_by_role("button", name="Confirmer le refus").click()
        expect(desk.get_by_text("document refusé. Le motif est envoyé")).to_be_visible()
        expect(ours).to_have_count(len(names) - 1)

        # 7. The parent sees the reason and sends a new file.
        page.goto(f"{base}/mes-documents")
        rejected = page.get_by_role("region", name=re.compile("Attestation d'assurance"))
        expect(rejected).to_contain_text(f"Document refusé. Motif : {REASON}")
        assert_accessible(page, "documents, one rejected")
        upload(rejected.get_by_role("form"), "attestation-lisible.pdf")
        expect(rejected).not_to_contain_text("Document refusé")

        # 8. The structure accepts everything awaiting review.
        desk.goto(f"{base}/gestion/documents")
        expect(ours).to_have_count(len(names))
        for remaining in range(len(names), 0, -1):
            ours.first.click()
            expect(ours).to_have_count(remaining - 1)
        expect(desk.get_by_text("document accepté.")).to_be_visible()

        # 9. Nothing is missing any more.
        page.goto(f"{base}/")
        expect(page.get_by_text("Votre dossier est complet.")).to_be_visible()
        expect(page.get_by_text("Il vous reste à compléter")).to_have_count(0)
        assert_accessible(page, "home, complete")
        # In the page (its session cookie): Playwright's own request client resolves names
        # with Node, which knows nothing of *.localhost, unlike Chromium.
        status, body = page.evaluate(
            "async () => { const r = await fetch('/api/v1/family/missing/');"
            " return [r.status, await r.json()]; }"
        )
        assert (status, body) == (200, [])
    finally:
        staff_context.close()
