"""The communication layer in real Chromium (issue 17): a parent writes to the structure with
an attachment, a staff member finds it in the inbox, takes it and answers, and the parent sees
the unread counter and the answer; the structure sends an announcement to the families booked
at the canteen on a given day, which reaches the parent on the portal and by e-mail (and not a
family without a reservation that day); the parent reads a news item from the home page.

The browser and the live server run on the real clock (``clock.today``): the canteen day is in
the future. Celery runs inline in the live server's process, so the e-mails land in
``django.core.mail.outbox``."""

from __future__ import annotations

import re
import uuid
from datetime import timedelta

import pytest
from django.core import mail
from django_tenants.utils import tenant_context
from playwright.sync_api import expect

from core.accounts.roles import Role
from core.booking.models import Reservation
from core.catalog.models import Opening
from core.communication.models import NewsItem, Thread
from core.communication.services.news import create_news
from tests.e2e.helpers import assert_accessible, log_in
from tests.e2e.signup import STAFF_VIEWPORT
from tests.support.booking import PDF, enrol, make_activity
from tests.support.factories import make_family, make_user

PHONE = {"width": 390, "height": 844}


def open_page(browser, viewport: dict):
    """A new French context and page, with the Content-Security-Policy reports collected (as
    the ``page`` fixture does)."""
    context = browser.new_context(locale="fr-FR", viewport=viewport)
    page = context.new_page()
    page.set_default_timeout(15_000)
    blocked: list[str] = []
    page.on(
        "console",
        lambda message: (
            blocked.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return context, page, blocked


def signed_in(page, base: str, email: str) -> None:
    log_in(page, base, email)
    expect(page.get_by_role("button", name="Se déconnecter")).to_be_visible()


@pytest.fixture
def communication(tenants, committed, clock):
    """Alpha's parent and a gestionnaire; a canteen (« pause méridienne ») open on a future
    weekday D where the parent's child holds a confirmed place and another family's child,
    enrolled too, is booked the day after only; a news item for everyone, published now.
    The news item is deleted and the canteen unpublished afterwards."""
    alpha = tenants["alpha"]
    tag = uuid.uuid4().hex[:6]
    day = clock.today + timedelta(days=10)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    with tenant_context(alpha):
        family, parent = make_family(tenant=alpha, first_name="Élise")
        other_family, other_parent = make_family(tenant=alpha, first_name="Hugo")
        staff = make_user(
            tenant=alpha, role=Role.GESTIONNAIRE, first_name="Nadia", last_name=f"Accueil{tag}"
        )
        canteen = make_activity(
            kind="pause_meridienne",
            name=f"Cantine E2E {tag}",
            days=[day, day + timedelta(days=1)],
        )
        unit = canteen.units.order_by("pk").first()
        for child, booked_day in (
            (family.children.get(), day),
            (other_family.children.get(), day + timedelta(days=1)),
        ):
            enrolment = enrol(child, canteen)
            opening = Opening.objects.get(unit=unit, date=booked_day)
            Reservation.objects.create(
                child=child,
                opening=opening,
                enrolment=enrolment,
                unit=unit,
                date=booked_day,
                state=Reservation.CONFIRMED,
            )
            opening.booked += 1
            opening.save(update_fields=["booked"])
        news = create_news(
            title=f"Fête de l'école {tag}",
            text="<p>La fête de l'école aura lieu dans la cour.</p><p>Venez nombreux !</p>",
            user=staff,
            audience="all",
            pinned=True,
        )
    try:
        yield {
            "tag": tag,
            "family": family,
            "parent": parent,
            "other_parent": other_parent,
            "staff": staff,
            "canteen": canteen,
            "unit": unit,
            "day": day,
            "news": news,
        }
    finally:
        with tenant_context(alpha):
            NewsItem.objects.filter(pk=news.pk).delete()
            canteen.published = False
            canteen.save(update_fields=["published"])


def test_parent_writes_with_an_attachment_staff_assign_and_reply_parent_reads_it(
    live_url, browser, tenants, communication
):
    base = live_url.format(slug="alpha")
    data = communication
    subject = f"Question sur la facture {data['tag']}"
    attachment = f"justificatif-{data['tag']}.pdf"
    reply = "Bonjour, nous avons bien reçu votre justificatif : la facture est corrigée."
    parent_ctx, page, parent_blocked = open_page(browser, PHONE)
    staff_ctx, staff, staff_blocked = open_page(browser, STAFF_VIEWPORT)
    try:
        # 1. The parent writes to the structure from « Messagerie », with a PDF.
        signed_in(page, base, data["parent"].email)
        page.goto(f"{base}/messagerie")
        expect(page.get_by_role("heading", level=1, name="Messagerie")).to_be_visible()
        assert_accessible(page, "messagerie de la famille (vide)")
        page.get_by_role("link", name="Écrire à la structure").click()
        expect(page.get_by_role("heading", level=1, name="Écrire à la structure")).to_be_visible()
        page.get_by_role("combobox", name="Service").select_option(label="Accueil / mairie")
        page.get_by_role("combobox", name="Thème").select_option(label="Facturation")
        page.get_by_role("textbox", name="Objet").fill(subject)
        page.get_by_role("textbox", name="Message").fill(
            "Bonjour, la facture du mois compte un jour d'absence justifiée. Voici le certificat."
        )
        page.get_by_label("Pièces jointes (facultatif)").set_input_files(
            files=[{"name": attachment, "mimeType": "application/pdf", "buffer": PDF}]
        )
        expect(page.get_by_role("list", name="Fichiers joints")).to_contain_text(attachment)
        assert_accessible(page, "écrire à la structure")
        page.get_by_role("button", name="Envoyer le message").click()
        expect(page.get_by_text("Votre message a été envoyé à la structure.")).to_be_visible()
        expect(page.get_by_role("heading", level=1, name=subject)).to_be_visible()
        expect(page.get_by_role("link", name=re.compile(re.escape(attachment)))).to_be_visible()
        assert_accessible(page, "conversation envoyée")
        with tenant_context(tenants["alpha"]):
            thread = Thread.objects.get(family=data["family"], subject=subject)
            assert thread.state == Thread.STATE_NEW
        # The parent leaves: an open conversation page would show (and mark read) the answer.
        parent_ctx.close()

        # 2. The gestionnaire finds it in the inbox, opens it, takes it and answers.
        signed_in(staff, base, data["staff"].email)
        staff.goto(f"{base}/gestion/messagerie")
        expect(staff.get_by_role("heading", level=1, name="Messagerie")).to_be_visible()
        row_link = staff.get_by_role("link", name=re.compile(re.escape(subject)))
        expect(row_link).to_be_visible()
        assert_accessible(staff, "boîte de réception")
        row_link.click()
        expect(staff.get_by_role("heading", level=1, name=subject)).to_be_visible()
        expect(staff.get_by_role("link", name=re.compile(re.escape(attachment)))).to_be_visible()
        assert_accessible(staff, "conversation côté personnel")
        staff_name = data["staff"].get_full_name()
        staff.get_by_role("combobox", name="Attribuée à").select_option(label=staff_name)
        staff.get_by_role("button", name="Attribuer", exact=True).click()
        expect(staff.get_by_text("Conversation attribuée.")).to_be_visible()
        staff.get_by_role("textbox", name="Message", exact=True).fill(reply)
        mail.outbox.clear()
        staff.get_by_role("button", name="Envoyer le message").click()
        expect(staff.get_by_text("Message envoyé.")).to_be_visible()
        expect(staff.get_by_text(reply)).to_be_visible()
        assert_accessible(staff, "conversation attribuée et répondue")
        with tenant_context(tenants["alpha"]):
            thread.refresh_from_db()
            assert thread.assignee_id == data["staff"].pk
            assert thread.state == Thread.STATE_OPEN
        # The parent is told by e-mail, with a link and never the content of the message.
        notices = [m for m in mail.outbox if data["parent"].email in m.to]
        assert len(notices) == 1, [m.to for m in mail.outbox]
        assert f"/messagerie/{thread.pk}" in notices[0].body
        assert reply not in notices[0].body and attachment not in notices[0].body

        # 3. The parent, back later on another device, sees the unread counter and the answer.
        parent_ctx, page, later_blocked = open_page(browser, PHONE)
        parent_blocked += later_blocked
        signed_in(page, base, data["parent"].email)
        unread = page.get_by_role("link", name="Vous avez 1 message non lu")
        expect(unread).to_be_visible()
        page.get_by_role("button", name="Menu").click()
        expect(
            page.get_by_role("navigation", name="Navigation principale").get_by_role(
                "link", name=re.compile(r"^Messagerie\s*1\s*non lus$")
            )
        ).to_be_visible()
        assert_accessible(page, "accueil avec un message non lu")
        page.get_by_role("button", name="Menu").click()
        unread.click()
        expect(page.get_by_role("heading", level=1, name="Messagerie")).to_be_visible()
        expect(page.get_by_text("1 message non lu", exact=False).first).to_be_visible()
        assert_accessible(page, "messagerie avec un message non lu")
        page.get_by_role("link", name=re.compile(re.escape(subject))).click()
        expect(page.get_by_role("heading", level=1, name=subject)).to_be_visible()
        expect(page.get_by_text(reply)).to_be_visible()
        expect(page.get_by_text("(la structure)")).to_be_visible()
        assert_accessible(page, "conversation avec la réponse")
        page.goto(f"{base}/")
        expect(page.get_by_role("heading", name="Bonjour Élise")).to_be_visible()
        expect(page.get_by_role("link", name=re.compile("message non lu"))).to_have_count(0)
    finally:
        parent_ctx.close()
        staff_ctx.close()
    assert not parent_blocked + staff_blocked, "blocked by the Content-Security-Policy"


def test_staff_announce_to_the_canteen_day_parent_gets_it_on_the_portal_and_by_email(
    live_url, browser, tenants, communication
):
    base = live_url.format(slug="alpha")
    data = communication
    canteen, day = data["canteen"], data["day"]
    title = f"Cantine fermée {data['tag']}"
    staff_ctx, staff, staff_blocked = open_page(browser, STAFF_VIEWPORT)
    parent_ctx, page, parent_blocked = open_page(browser, PHONE)
    try:
        # 4. Staff write to the families booked at the canteen on day D.
        signed_in(staff, base, data["staff"].email)
        staff.goto(f"{base}/gestion/annonces/nouvelle")
        expect(staff.get_by_role("heading", level=1, name="Nouvelle annonce")).to_be_visible()
        staff.get_by_role("textbox", name="Titre", exact=True).fill(title)
        staff.get_by_role("textbox", name="Texte", exact=True).fill(
            "Bonjour,\n\nLa cantine sera fermée ce jour-là : prévoyez un repas pour votre enfant."
        )
        staff.get_by_role("combobox", name="Type de destinataires").select_option(
            label="Réservation un jour donné"
        )
        staff.get_by_role("combobox", name="Activité (facultatif)").select_option(
            label=f"{canteen.name} ({canteen.season})"
        )
        staff.get_by_label("Jour", exact=True).fill(day.isoformat())
        staff.get_by_role("combobox", name="Unité (facultatif)").select_option(
            label=data["unit"].name
        )
        staff.get_by_role("button", name="Ajouter ce critère").click()
        expect(staff.get_by_role("list", name="Critères retenus")).to_contain_text(
            re.compile(r"Réservation le .*" + re.escape(data["unit"].name))
        )
        expect(staff.get_by_text("1 famille (1 responsable)")).to_be_visible()
        assert_accessible(staff, "nouvelle annonce")
        staff.get_by_role("button", name="Enregistrer le brouillon").click()
        expect(staff.get_by_text(re.compile("Brouillon enregistré"))).to_be_visible()
        expect(staff.get_by_text("1 famille (1 responsable)")).to_be_visible()
        assert_accessible(staff, "brouillon d'annonce")
        mail.outbox.clear()
        staff.get_by_role("button", name="Envoyer…").click()
        dialog = staff.get_by_role("alertdialog")
        expect(dialog.get_by_text(re.compile(re.escape(title)))).to_be_visible()
        assert_accessible(staff, "confirmer l'envoi")
        dialog.get_by_role("button", name="Envoyer à 1 famille (1 responsable)").click()
        expect(staff.get_by_text("Envoi terminé.")).to_be_visible()
        expect(staff.get_by_role("heading", level=1, name=title)).to_be_visible()
        expect(staff.get_by_role("progressbar", name="Avancement de l'envoi")).to_be_visible()
        assert_accessible(staff, "annonce envoyée")

        sent = [m for m in mail.outbox if title in m.subject]
        assert [m.to for m in sent] == [[data["parent"].email]], [m.to for m in mail.outbox]
        assert "prévoyez un repas" in sent[0].body
        assert not [m for m in mail.outbox if data["other_parent"].email in m.to]

        # The parent reads it on the portal.
        signed_in(page, base, data["parent"].email)
        expect(page.get_by_role("link", name="1 annonce non lue")).to_be_visible()
        assert_accessible(page, "accueil avec une annonce non lue")
        page.goto(f"{base}/messagerie/annonces")
        expect(page.get_by_role("heading", level=1, name="Annonces")).to_be_visible()
        unread = page.get_by_role("link", name=f"{title} (non lue)")
        expect(unread).to_be_visible()
        assert_accessible(page, "annonces de la famille")
        unread.click()
        expect(page.get_by_role("heading", level=1, name=title)).to_be_visible()
        expect(page.get_by_text(re.compile("prévoyez un repas"))).to_be_visible()
        assert_accessible(page, "annonce lue")
        page.get_by_role("link", name="Retour aux annonces").click()
        expect(page.get_by_role("link", name=title, exact=True)).to_be_visible()
    finally:
        staff_ctx.close()
        parent_ctx.close()
    assert not parent_blocked + staff_blocked, "blocked by the Content-Security-Policy"


def test_parent_reads_a_news_item_from_the_home_page(live_url, browser, communication):
    base = live_url.format(slug="alpha")
    data = communication
    news = data["news"]
    parent_ctx, page, blocked = open_page(browser, PHONE)
    try:
        # 5. The news item is on the home page; the parent opens it.
        signed_in(page, base, data["parent"].email)
        block = page.get_by_role("region", name="Actualités")
        link = block.get_by_role("link", name=news.title, exact=True)
        expect(link).to_be_visible()
        expect(block.get_by_text(re.compile("La fête de l'école aura lieu"))).to_be_visible()
        assert_accessible(page, "accueil avec les actualités")
        link.click()
        expect(page).to_have_url(re.compile(rf"/actualites/{news.pk}$"))
        expect(page.get_by_role("heading", level=1, name=news.title)).to_be_visible()
        expect(page.get_by_text("Venez nombreux !")).to_be_visible()
        assert_accessible(page, "actualité")
    finally:
        parent_ctx.close()
    assert not blocked, f"blocked by the Content-Security-Policy: {blocked}"
