"""A family's whole file, in real Chromium: online sign-up, e-mail confirmation, validation by
the structure, consents, household, a child, documents rejected then accepted, nothing missing."""

from __future__ import annotations

import re
import uuid
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django_tenants.utils import tenant_context
from playwright.sync_api import expect

from core.accounts.roles import Role
from core.documents.models import DocumentType
from core.families.models import DossierSettings
from tests.e2e.helpers import answer_consents, assert_accessible, log_in
from tests.support.factories import make_user

PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
PASSWORD = "Inscription-2026"
REASON = "L'attestation est illisible : merci d'envoyer un scan net."
STAFF_VIEWPORT = {"width": 1280, "height": 900}


def pdf(name: str = "attestation.pdf") -> dict:
    return {"name": name, "mimeType": "application/pdf", "buffer": PDF}


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


def confirmation_link(email: str, base: str) -> str:
    sent = [m for m in mail.outbox if email in m.to]
    assert sent, f"no e-mail sent to {email}: {[m.to for m in mail.outbox]}"
    found = re.search(r"https?://\S+?/confirmer-email/[^\s\"'<>]+", sent[-1].body)
    assert found, sent[-1].body
    link = urlsplit(found.group(0))
    return f"{base}{link.path}"


def sign_up(page, base: str, *, email: str, first_name: str, last_name: str) -> None:
    page.goto(f"{base}/inscription")
    expect(page.get_by_role("heading", name="Étape 1 sur 6 : Identité")).to_be_visible()
    page.get_by_label("Adresse électronique").fill(email)
    page.get_by_label("Mot de passe *", exact=True).fill(PASSWORD)
    page.get_by_label("Confirmation du mot de passe *", exact=True).fill(PASSWORD)
    page.get_by_role("group", name="Civilité").get_by_label("Madame").check()
    page.get_by_role("textbox", name="Prénom", exact=True).fill(first_name)
    page.get_by_role("textbox", name="Nom", exact=True).fill(last_name)
    page.get_by_label("Votre lien avec les enfants").select_option(label="Mère")
    assert_accessible(page, "sign-up identity")
    page.get_by_role("button", name="Suivant").click()

    expect(page.get_by_role("heading", name="Étape 2 sur 6 : Coordonnées")).to_be_visible()
    page.get_by_label("Téléphone portable").fill("06 12 34 56 78")
    page.get_by_label("J'accepte de recevoir des e-mails de la structure").check()
    page.get_by_role("button", name="Suivant").click()

    expect(page.get_by_role("heading", name="Étape 3 sur 6 : Adresse")).to_be_visible()
    page.get_by_role("textbox", name="Adresse", exact=True).fill("12 rue des Écoles")
    page.get_by_label("Code postal").fill("69001")
    page.get_by_label("Ville").fill("Lyon")
    page.get_by_role("button", name="Suivant").click()

    expect(page.get_by_role("heading", name="Étape 4 sur 6 : Foyer")).to_be_visible()
    page.get_by_role("button", name="Suivant").click()

    expect(page.get_by_role("heading", name="Étape 5 sur 6 : Enfants")).to_be_visible()
    page.get_by_role("button", name="Suivant").click()  # the child comes later, with the wizard

    expect(page.get_by_role("heading", name="Étape 6 sur 6 : Récapitulatif")).to_be_visible()
    recap = page.get_by_role("region", name="Identité")
    expect(recap).to_contain_text(email)
    expect(recap).to_contain_text(last_name)
    assert_accessible(page, "sign-up recap")
    page.get_by_role("button", name="Créer mon compte").click()

    expect(page.get_by_role("heading", name="Vérifiez votre messagerie")).to_be_visible()
    expect(page.get_by_text(email)).to_be_visible()
    assert_accessible(page, "sign-up done")


def add_child(page, base: str, *, first_name: str, last_name: str, me: str) -> None:
    page.goto(f"{base}/mes-enfants/nouveau")
    expect(
        page.get_by_role("heading", name="Étape 1 sur 7 : Informations personnelles")
    ).to_be_visible()
    page.get_by_role("textbox", name="Prénom", exact=True).fill(first_name)
    expect(page.get_by_role("textbox", name="Nom", exact=True)).to_have_value(last_name)
    page.get_by_label("Date de naissance").fill("2018-05-04")
    page.get_by_role("group", name="Sexe").get_by_label("Fille").check()
    assert_accessible(page, "child wizard identity")
    page.get_by_role("button", name="Suivant").click()

    expect(page.get_by_role("heading", name="Étape 2 sur 7 : Scolarité")).to_be_visible()
    page.get_by_label("École").fill("École Jean Jaurès")
    page.get_by_label("Classe").select_option(label="CP")
    page.get_by_role("button", name="Suivant").click()

    expect(page.get_by_role("heading", name="Étape 3 sur 7 : Santé")).to_be_visible()
    page.get_by_label("Allergies").fill("Arachide")
    page.get_by_role("button", name="Suivant").click()

    expect(page.get_by_role("heading", name="Étape 4 sur 7 : Liens familiaux")).to_be_visible()
    page.get_by_label(f"{me} (vous)").select_option(label="Mère")
    page.get_by_role("button", name="Suivant").click()

    expect(page.get_by_role("heading", name="Étape 5 sur 7 : Autorisations")).to_be_visible()
    page.get_by_role("button", name="Suivant").click()  # unanswered: refused by the wizard
    expect(page.get_by_role("alert").first).to_be_visible()
    expect(page.get_by_text("Répondez par Oui ou Non.").first).to_be_visible()
    questions = page.get_by_role("group").filter(has=page.get_by_label("Oui", exact=True))
    assert questions.count() > 0
    for answer in page.get_by_label("Oui", exact=True).all():
        answer.check()
    assert_accessible(page, "child wizard authorisations")
    page.get_by_role("button", name="Suivant").click()

    expect(page.get_by_role("heading", name="Étape 6 sur 7 : Personnes autorisées")).to_be_visible()
    page.get_by_role("button", name="Suivant").click()

    expect(page.get_by_role("heading", name="Étape 7 sur 7 : Récapitulatif")).to_be_visible()
    expect(page.get_by_text("Sans réponse")).to_have_count(0)
    page.get_by_role("button", name="Ajouter l'enfant").click()
    expect(page.get_by_text(f"{first_name} a été ajouté(e) à votre dossier.")).to_be_visible()


def upload_forms(page):
    return page.get_by_role("form", name=re.compile(r"^Envoyer : "))


def upload(form, name: str = "attestation.pdf") -> None:
    form.get_by_label(
        re.compile("Choisir un fichier|Remplacer par un nouveau fichier")
    ).set_input_files(pdf(name))
    form.get_by_role("button", name="Envoyer le document").click()
    expect(form.get_by_role("status").filter(has_text="Document envoyé.")).to_be_visible()


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
