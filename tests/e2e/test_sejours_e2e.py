"""A holiday stay from the catalogue to the deposit, in real Chromium: a new family signs up,
the coordinator validates it, the parent ranks two stays for the child, gives the document the
stay asks for (« Votre demande est complète »), the commission proposes and publishes, the
parent accepts the place, downloads the contract, pays the deposit with the demo provider and
sends the signed contract; the coordinator sees the file complete."""

from __future__ import annotations

import re
import uuid

import pytest
from django.utils import timezone
from django_tenants.utils import tenant_context
from playwright.sync_api import expect

from core.accounts.roles import Role
from core.documents.models import DocumentType
from core.families.models import DossierSettings
from core.modules import registry
from core.payments.models import ProviderSettings
from core.tenancy.routing import invalidate_hosts
from modules.sejours.models import Campaign, Wish
from tests.e2e.helpers import answer_consents, assert_accessible, log_in
from tests.e2e.signup import PASSWORD, STAFF_VIEWPORT, add_child, confirmation_link, sign_up, upload
from tests.support.factories import make_user
from tests.support.sejours import make_campaign, make_stay

HOST = "alpha.localhost"


@pytest.fixture
def colo(tenants, committed):
    """Alpha runs séjours too for this test, opens online sign-up with validation and the demo
    payment provider; a campaign with a nautical stay (test d'aisance aquatique) and a
    mountain one. The structure's other required documents are set aside (this journey is
    about the stay's own); everything comes back afterwards."""
    alpha = tenants["alpha"]
    tag = "".join(chr(ord("a") + int(c, 16)) for c in uuid.uuid4().hex[:6])
    modules = list(alpha.modules)
    with tenant_context(alpha):
        alpha.modules = [*modules, "sejours"]
        alpha.save(update_fields=["modules"])
        invalidate_hosts([HOST])
        registry.get("sejours").install_defaults(tenant=alpha)
        dossier = DossierSettings.current()
        signup = (dossier.signup_mode, dossier.signup_requires_validation)
        dossier.signup_mode = DossierSettings.SIGNUP_SELF
        dossier.signup_requires_validation = True
        dossier.save()
        payments = ProviderSettings.current()
        provider = (payments.provider, payments.enabled)
        payments.provider, payments.enabled = ProviderSettings.PROVIDER_DUMMY, True
        payments.save()
        types = list(DocumentType.objects.filter(active=True))
        kept = {t.pk: (t.required, t.requires_review) for t in types}
        DocumentType.objects.filter(pk__in=kept).update(required=False)
        aisance = DocumentType.objects.get(default_key="sejours.aisance_aquatique")
        DocumentType.objects.filter(
            default_key__in=["sejours.aisance_aquatique", "sejours.contrat_sejour"]
        ).update(requires_review=False)
        campaign = make_campaign(label=f"Été {tag}")
        sea = make_stay(
            name=f"Voile {tag}", campaign=campaign, nautical=True, theme="Mer", capacity=12
        )
        sea.document_types.add(aisance)
        mountain = make_stay(name=f"Montagne {tag}", campaign=campaign, capacity=12)
    try:
        yield {"tag": tag, "campaign": campaign, "sea": sea, "mountain": mountain}
    finally:
        with tenant_context(alpha):
            alpha.modules = modules
            alpha.save(update_fields=["modules"])
            invalidate_hosts([HOST])
            dossier = DossierSettings.current()
            dossier.signup_mode, dossier.signup_requires_validation = signup
            dossier.save()
            payments = ProviderSettings.current()
            payments.provider, payments.enabled = provider
            payments.save()
            for pk, (required, review) in kept.items():
                DocumentType.objects.filter(pk=pk).update(required=required, requires_review=review)


def test_family_wishes_gets_a_place_accepts_it_and_pays_the_deposit(
    live_url, page, browser, tenants, colo
):
    base = live_url.format(slug="alpha")
    tag, sea, mountain = colo["tag"], colo["sea"], colo["mountain"]
    email = f"claire.{tag}@example.org"
    last_name = f"Colo{tag}"
    family = last_name.upper()
    coordinator = make_user(
        tenant=tenants["alpha"], role=Role.COORDINATEUR, email=f"coord.{tag}@example.org"
    )
    desk = browser.new_context(locale="fr-FR", viewport=STAFF_VIEWPORT).new_page()
    desk.set_default_timeout(10_000)

    # 1. Anyone browses the catalogue; « S'inscrire » asks to sign in first.
    page.goto(f"{base}/sejours")
    expect(page.get_by_role("heading", level=1, name="Séjours")).to_be_visible()
    expect(page.get_by_role("link", name=f"Voile {tag}")).to_be_visible()
    assert_accessible(page, "catalogue, anonymous")
    page.get_by_role("link", name=f"Voile {tag}").click()
    expect(page.get_by_role("heading", level=1, name=f"Voile {tag}")).to_be_visible()
    expect(page.get_by_role("link", name="S'inscrire")).to_be_visible()
    assert_accessible(page, "stay, anonymous")

    # 2. Sign-up in steps, the e-mail's link, the coordinator validates the account.
    sign_up(page, base, email=email, first_name="Claire", last_name=last_name)
    page.goto(confirmation_link(email, base))
    expect(page.get_by_text("Adresse confirmée. Votre compte doit être validé")).to_be_visible()
    page.context.clear_cookies()
    log_in(desk, base, coordinator.email)
    expect(desk.get_by_role("heading", name="Espace de gestion")).to_be_visible()
    desk.goto(f"{base}/gestion/comptes")
    account = desk.get_by_role("article", name=re.compile(f"Famille {family}"))
    account.get_by_role("button", name=f"Valider le compte de la famille {family}").click()
    expect(desk.get_by_role("status").filter(has_text="est validé")).to_contain_text(family)

    # 3. The parent signs in, answers the consents and adds the child.
    log_in(page, base, email, PASSWORD)
    answer_consents(page)
    add_child(page, base, first_name="Léa", last_name=last_name, me="Claire " + last_name)

    # 4. From the stay's page, two stays ranked for Léa.
    page.goto(f"{base}/sejours/{sea.pk}")
    page.get_by_role("link", name="Choisir ce séjour pour Léa").click()
    expect(page.get_by_role("heading", level=1, name="Vœux de séjours de Léa")).to_be_visible()
    first = page.get_by_role("region", name=re.compile(f"Vœu 1 Voile {tag}"))
    first.get_by_label("Ville de départ").select_option(label="Grenoble")
    page.get_by_label(re.compile(r"Ajouter un séjour \(vœu 2\)")).select_option(
        value=str(mountain.pk)
    )
    page.get_by_role("button", name="Ajouter", exact=True).click()
    second = page.get_by_role("region", name=re.compile(f"Vœu 2 Montagne {tag}"))
    second.get_by_label("Ville de départ").select_option(label="Grenoble")
    assert_accessible(page, "wishes")
    page.get_by_role("button", name="Enregistrer mes vœux").click()
    expect(page.get_by_text("Modifications non enregistrées.")).to_have_count(0)

    # 5. What is missing: the stay's own document, a link to send it; then complete.
    file = page.get_by_role("region", name="Dossier de Léa pour les séjours")
    file.get_by_role("link", name=re.compile("Test d'aisance aquatique")).click()
    expect(page.get_by_role("heading", level=1, name="Mes documents")).to_be_visible()
    test = page.get_by_role("region", name=re.compile("Test d'aisance aquatique"))
    upload(test.get_by_role("form"), "aisance.pdf")
    page.goto(f"{base}/mes-sejours/voeux/{sea_child_id(tenants, email)}")
    expect(
        page.get_by_text("Votre demande est complète. Le coordinateur séjours reviendra vers vous.")
    ).to_be_visible()
    assert_accessible(page, "wishes, file complete")

    # 6. The wishes close; the commission: a proposal, then the decisions published.
    with tenant_context(tenants["alpha"]):
        Campaign.objects.filter(pk=colo["campaign"].pk).update(closes_at=timezone.now())
    desk.goto(f"{base}/gestion/sejours/commission?campagne={colo['campaign'].pk}")
    expect(desk.get_by_role("heading", level=1, name="Commission d'attribution")).to_be_visible()
    desk.get_by_role("button", name="Lancer une proposition").click()
    expect(desk.get_by_role("heading", name=re.compile("Proposition du"))).to_be_visible()
    assert_accessible(desk, "commission, proposal")
    desk.get_by_role("button", name="Publier les décisions").click()
    desk.get_by_role("button", name="Confirmer la publication").click()
    expect(desk.get_by_text(re.compile("Décisions publiées :"))).to_be_visible()

    # 7. The parent accepts the place, downloads the contract, pays the deposit.
    page.goto(f"{base}/mes-sejours")
    expect(page.get_by_role("heading", level=1, name="Mes séjours")).to_be_visible()
    assert_accessible(page, "my stays, place offered")
    page.get_by_role("link", name="Répondre à la proposition de place").click()
    page.get_by_role("button", name="Accepter la place").click()
    page.get_by_role("button", name="Oui, je confirme la place").click()
    contract = page.get_by_role("link", name="Télécharger le contrat pré-rempli (PDF)")
    expect(contract).to_be_visible()
    assert_accessible(page, "place accepted")
    with page.expect_download() as download:
        contract.click()
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(4) == b"%PDF"
    page.get_by_role("link", name="Payer en ligne").click()
    page.get_by_role("button", name="Payer", exact=True).click()
    page.get_by_role("button", name="Payer (simulation)").click()
    expect(page.get_by_role("heading", name="Paiement accepté")).to_be_visible()

    # 8. The signed contract, sent back.
    page.goto(f"{base}/mes-documents")
    signed = page.get_by_role("region", name=re.compile("Contrat d'accueil signé"))
    upload(signed.get_by_role("form"), "contrat-signe.pdf")

    # 9. The coordinator sees the file complete.
    desk.goto(f"{base}/gestion/sejours/{sea.pk}/suivi")
    row = desk.get_by_role("row", name=re.compile(f"Léa {last_name}"))
    expect(row).to_contain_text("Complet")
    expect(row).to_contain_text("Payé")
    expect(row).to_contain_text(re.compile("Signé|À vérifier"))
    assert_accessible(desk, "follow-up")
    with tenant_context(tenants["alpha"]):
        wish = Wish.objects.get(stay=sea, child__last_name=last_name)
        assert wish.status == Wish.STATUS_ACCEPTED
        assert wish.deposit_invoice.status == "paid"


def sea_child_id(tenants, email: str) -> int:
    from core.families.models import Child

    with tenant_context(tenants["alpha"]):
        return Child.objects.get(family__guardians__user__email=email).pk
