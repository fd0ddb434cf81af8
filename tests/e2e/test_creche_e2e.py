"""A crèche place from the request to the paid invoice, in real Chromium: a parent asks for a
place for her toddler, the direction offers it, the parent accepts, the direction draws up the
contract (the PSU rate shown step by step) and proposes it, the parent signs it online; a month
of pointage passes with an illness the parent declares with its certificate and the direction
qualifies; the month's invoice run bills the contract and the parent pays it.

The browser and the live server run on the real clock: the month billed is last month, so the
direction dates the contract from its first day (a contract entered late, which the form
allows); the places are held from today, and the month's pointage is written as the tablet
would have recorded it."""

from __future__ import annotations

import re
import uuid
from datetime import date, time, timedelta

import pytest
from django.utils import timezone
from django_tenants.utils import tenant_context
from playwright.sync_api import expect

from core.accounts.roles import Role, install_roles
from core.billing.models import Invoice, InvoiceRun
from core.modules import registry
from core.payments.models import ProviderSettings
from core.tenancy.routing import invalidate_hosts
from modules.creche.models import Absence, Contract, PlaceRequest, Presence
from modules.creche.services.planning import planned_days
from tests.e2e.helpers import assert_accessible, log_in
from tests.e2e.signup import STAFF_VIEWPORT
from tests.support.creche import make_establishment, make_toddler
from tests.support.factories import make_family, make_user

HOST = "alpha.localhost"
PHONE = {"width": 390, "height": 844}


def last_month(today: date) -> tuple[date, date]:
    end = today.replace(day=1) - timedelta(days=1)
    return end.replace(day=1), end


@pytest.fixture
def creche(tenants, committed, clock):
    """Alpha runs the crèche for this test, with « Les Petits Pas » open since the first day of
    last month and the demo payment provider; everything comes back afterwards."""
    alpha = tenants["alpha"]
    tag = uuid.uuid4().hex[:6]
    modules = list(alpha.modules)
    first, _ = last_month(clock.today)
    with tenant_context(alpha):
        alpha.modules = [*modules, "creche"]
        alpha.save(update_fields=["modules"])
        invalidate_hosts([HOST])
        registry.get("creche").install_defaults(tenant=alpha)
        install_roles(alpha.modules)
        payments = ProviderSettings.current()
        provider = (payments.provider, payments.enabled)
        payments.provider, payments.enabled = ProviderSettings.PROVIDER_DUMMY, True
        payments.save()
        establishment = make_establishment(
            name=f"Les Petits Pas {tag}",
            open_from=first,
            open_until=clock.today + timedelta(days=120),
        )
        family, parent = make_family(tenant=alpha, first_name="Élise")
        toddler = make_toddler(family, months=16, first_name="Lou")
        director = make_user(tenant=alpha, role=Role.ADMINISTRATEUR)
    try:
        yield {
            "establishment": establishment,
            "family": family,
            "parent": parent,
            "toddler": toddler,
            "director": director,
        }
    finally:
        with tenant_context(alpha):
            alpha.modules = modules
            alpha.save(update_fields=["modules"])
            invalidate_hosts([HOST])
            install_roles(alpha.modules)
            payments = ProviderSettings.current()
            payments.provider, payments.enabled = provider
            payments.save()


def _pointage_of_the_month(contract: Contract, first: date, last: date, ill: set[date]) -> None:
    """Last month's arrivals and departures as the tablet recorded them: on time, one late
    departure (40 minutes of extra hours), nobody on the days of illness."""
    days = [d for d in planned_days(contract=contract, start=first, end=last) if d.day not in ill]
    Presence.objects.bulk_create(
        Presence(
            child=contract.child,
            establishment=contract.establishment,
            date=d.day,
            arrival=d.start,
            departure=time(18, 10) if index == 0 else d.end,
            source=Presence.SOURCE_STAFF,
        )
        for index, d in enumerate(days)
    )


def _weekdays(first: date, count: int) -> list[date]:
    """``count`` consecutive weekdays from the second Monday of ``first``'s month."""
    day = first + timedelta(days=(7 - first.weekday()) % 7 + 7)
    return [day + timedelta(days=n) for n in range(count)]


def test_parent_requests_a_place_signs_the_contract_and_pays_the_month(
    live_url, browser, tenants, creche, clock
):
    base = live_url.format(slug="alpha")
    alpha = tenants["alpha"]
    data = creche
    establishment, toddler = data["establishment"], data["toddler"]
    first, last = last_month(clock.today)
    parent_ctx = browser.new_context(locale="fr-FR", viewport=PHONE)
    staff_ctx = browser.new_context(locale="fr-FR", viewport=STAFF_VIEWPORT)
    page, staff = parent_ctx.new_page(), staff_ctx.new_page()
    for p in (page, staff):
        p.set_default_timeout(20_000)
    try:
        # 1. The parent asks for a place: Lou, from next month, Monday to Thursday.
        log_in(page, base, data["parent"].email)
        expect(page.get_by_role("button", name="Se déconnecter")).to_be_visible()
        page.goto(f"{base}/creche")
        expect(page.get_by_role("heading", level=1, name="Crèche")).to_be_visible()
        assert_accessible(page, "crèche de la famille")
        page.get_by_role("link", name="Demander une place", exact=True).click()
        expect(
            page.get_by_role("heading", level=1, name="Demander une place en crèche")
        ).to_be_visible()
        page.get_by_label(re.compile(r"^Lou ")).check()
        page.get_by_label("Entrée souhaitée le").fill(
            (clock.today + timedelta(days=30)).isoformat()
        )
        page.get_by_label(re.compile(r"^Accueil régulier")).check()
        page.get_by_label("Premier choix").select_option(str(establishment.pk))
        for weekday in ("Lundi", "Mardi", "Mercredi", "Jeudi"):
            page.get_by_label(weekday, exact=True).check()
        assert_accessible(page, "demande de place")
        page.get_by_role("button", name="Envoyer la demande").click()
        expect(page.get_by_text("Reçue").first).to_be_visible()
        with tenant_context(alpha):
            request = PlaceRequest.objects.get(child=toddler)
        assert request.state == PlaceRequest.SUBMITTED and len(request.schedule) == 4

        # 2. The direction offers the place in the commission.
        log_in(staff, base, data["director"].email)
        expect(staff.get_by_role("button", name="Se déconnecter")).to_be_visible()
        staff.goto(f"{base}/gestion/creche/demandes")
        expect(staff.get_by_role("heading", level=1)).to_be_visible()
        assert_accessible(staff, "demandes de place")
        staff.goto(f"{base}/gestion/creche/demandes/{request.pk}")
        expect(staff.get_by_role("heading", name="Proposer une place")).to_be_visible()
        staff.get_by_label("Section").select_option(index=1)  # the first section (« Bébés »)
        assert_accessible(staff, "commission")
        staff.get_by_role("button", name="Proposer la place").click()
        expect(staff.get_by_text("Place proposée").first).to_be_visible()

        # 3. The parent accepts the place offered.
        page.goto(f"{base}/creche/demandes/{request.pk}")
        expect(page.get_by_role("heading", name="La place proposée")).to_be_visible()
        assert_accessible(page, "place proposée")
        page.get_by_role("button", name="Accepter la place").click()
        page.get_by_role("button", name="Oui, j'accepte la place").click()
        expect(page.get_by_text("Place acceptée").first).to_be_visible()

        # 4. The direction draws up the contract from the request, dated from the first day of
        # last month, sees the rate computed step by step, saves and proposes it.
        staff.goto(f"{base}/gestion/creche/demandes/{request.pk}")
        staff.get_by_role("link", name="Établir le contrat").click()
        expect(
            staff.get_by_role("heading", level=1, name="Nouveau contrat d'accueil")
        ).to_be_visible()
        simulation = staff.get_by_role("region", name="Calcul du tarif (PSU)")
        # The form is prefilled from the offer (the family's resources unknown: the ceiling).
        expect(simulation.get_by_text(re.compile("plafond retenu")).first).to_be_visible()
        staff.get_by_label("Début").fill(first.isoformat())
        staff.get_by_label("Fin").fill((first + timedelta(days=330)).isoformat())
        staff.get_by_label("Semaines d'accueil par an").fill("45")
        staff.get_by_label("Ressources annuelles N-2 (€)").fill("36000")
        staff.get_by_label("Enfants à charge").fill("2")
        # 36 000 € ÷ 12 = 3 000 € a month × 0,0516 % (two children) = 1,55 € an hour.
        expect(simulation.get_by_text(re.compile(r"1,55\s€")).first).to_be_visible()
        assert_accessible(staff, "nouveau contrat")
        staff.get_by_role("button", name="Enregistrer le brouillon").click()
        expect(staff.get_by_role("button", name="Proposer à la famille")).to_be_visible()
        staff.get_by_role("button", name="Proposer à la famille").click()
        expect(staff.get_by_text("À signer par la famille").first).to_be_visible()
        assert_accessible(staff, "contrat proposé")
        with tenant_context(alpha):
            contract = Contract.objects.get(child=toddler)
        assert contract.state == Contract.PROPOSED

        # 5. The parent signs the contract online.
        page.goto(f"{base}/creche")
        page.get_by_role("link", name=re.compile(r"^Lou — ")).click()
        expect(page.get_by_role("heading", name="Signer le contrat")).to_be_visible()
        assert_accessible(page, "contrat à signer")
        page.get_by_label("J'ai lu et j'accepte le contrat").check()
        page.get_by_role("button", name="Signer en ligne").click()
        expect(page.get_by_text(re.compile("Signé")).first).to_be_visible()
        with tenant_context(alpha):
            contract.refresh_from_db()
            assert contract.state == Contract.SIGNED and contract.signed_at is not None
            ill = set(
                _weekdays(first, 4)
            )  # Monday to Thursday: three days of carence, one deducted
            _pointage_of_the_month(contract, first, last, ill)

        # 6. The parent declares the illness with its certificate; the direction qualifies it.
        page.goto(f"{base}/creche")
        page.get_by_role("link", name="Déclarer une absence", exact=True).click()
        expect(page.get_by_role("heading", level=1, name="Déclarer une absence")).to_be_visible()
        page.get_by_label("Enfant").select_option(index=1)
        page.get_by_label("Du").fill(min(ill).isoformat())
        page.get_by_label("Au (inclus)").fill(max(ill).isoformat())
        page.get_by_label("Motif").select_option("illness")
        page.get_by_label("Justificatif (facultatif)").set_input_files(
            files=[
                {
                    "name": "certificat.pdf",
                    "mimeType": "application/pdf",
                    "buffer": b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n",
                }
            ]
        )
        assert_accessible(page, "déclarer une absence")
        page.get_by_role("button", name="Déclarer l'absence").click()
        expect(
            page.get_by_text(re.compile("À qualifier|déclarée", re.IGNORECASE)).first
        ).to_be_visible()

        staff.goto(f"{base}/gestion/creche/absences")
        expect(staff.get_by_role("heading", level=1, name="Absences")).to_be_visible()
        staff.get_by_label("Motif retenu").select_option("illness")
        assert_accessible(staff, "absences à qualifier")
        staff.get_by_role("button", name="Qualifier", exact=True).click()
        expect(staff.get_by_text(re.compile("qualifiée")).first).to_be_visible()
        with tenant_context(alpha):
            absence = Absence.objects.get(child=toddler)
        assert absence.state == Absence.QUALIFIED and absence.kind == "illness"
        assert absence.proof_id is not None

        # 7. The invoice run bills last month: the fee, the extra hours, the deducted illness.
        staff.goto(f"{base}/gestion/facturation")
        staff.get_by_label("Libellé").fill(f"Crèche {first:%m/%Y}")
        staff.get_by_label("Période du").fill(first.isoformat())
        staff.get_by_label("Au", exact=True).fill(last.isoformat())
        staff.get_by_label(re.compile(re.escape(establishment.name))).check()
        staff.get_by_role("button", name="Calculer le brouillon").click()
        expect(staff.get_by_role("button", name="Émettre…")).to_be_visible()
        assert_accessible(staff, "brouillon de la crèche")
        staff.get_by_role("button", name="Émettre…").click()
        staff.get_by_role("button", name="Émettre les factures").click()
        staff.get_by_role("alertdialog").get_by_role("button", name="Émettre", exact=True).click()
        expect(staff.get_by_text(re.compile(r"1 document émis"))).to_be_visible()
        with tenant_context(alpha):
            run = InvoiceRun.objects.get(label=f"Crèche {first:%m/%Y}")
            assert run.status == InvoiceRun.STATUS_PUBLISHED
            invoice = Invoice.objects.get(run=run, family=data["family"])
            references = set(invoice.lines.values_list("source_reference", flat=True))
        assert f"fee:{contract.pk}:{first:%Y-%m}" in references
        assert f"extra:{contract.pk}:{first:%Y-%m}" in references
        assert any(r.startswith(f"deduction:{contract.pk}:{first:%Y-%m}") for r in references)

        # 8. The parent sees the invoice and pays it with the demonstration provider.
        page.goto(f"{base}/")
        account = page.get_by_role("region", name="Informations compte")
        expect(account.get_by_text(invoice.number)).to_be_visible()
        account.get_by_role("link", name="Payer mes factures").click()
        expect(page.get_by_label(f"Sélectionner la facture {invoice.number}")).to_be_checked()
        assert_accessible(page, "factures à payer")
        page.get_by_role("button", name="Payer", exact=True).click()
        page.get_by_role("button", name="Payer (simulation)").click()
        expect(page.get_by_role("heading", name="Paiement accepté")).to_be_visible()
        assert_accessible(page, "paiement accepté")
        with tenant_context(alpha):
            invoice.refresh_from_db()
            assert invoice.outstanding == 0 and invoice.status == Invoice.STATUS_PAID
    finally:
        parent_ctx.close()
        staff_ctx.close()
        assert timezone.now()  # the live clock, never frozen here
