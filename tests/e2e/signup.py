"""The browser steps of a family's sign-up and file, shared by the journeys that start from an
online sign-up (the family file, the séjours)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from django.core import mail
from playwright.sync_api import expect

from tests.e2e.helpers import assert_accessible

PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
PASSWORD = "Inscription-2026"
STAFF_VIEWPORT = {"width": 1280, "height": 900}


def pdf(name: str = "attestation.pdf") -> dict:
    return {"name": name, "mimeType": "application/pdf", "buffer": PDF}


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
