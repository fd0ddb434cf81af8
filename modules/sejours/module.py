"""The séjours module: stays, wish campaigns, the allocation commission and the money of a
place (``docs/sejours.md``, decision 0023). It acts through the core's hooks only."""

from __future__ import annotations

from celery.schedules import crontab

from core.module_hooks import PeriodicTask
from core.modules import (
    ActivityKind,
    DocumentTypeDefault,
    LegendDefault,
    Module,
    NavigationEntry,
    UnitDefault,
)


class Sejours(Module):
    def install_demo(self, *, tenant, families) -> None:
        from modules.sejours.demo import install_demo

        install_demo(families=families)

    def invoice_line_sources(self):
        from modules.sejours.services.invoices import balance_lines

        return (balance_lines,)

    def validate_changes(self, *, changes, openings, staff, family):
        from modules.sejours.services.rules import whole_stay_refusals

        return whole_stay_refusals(changes=changes, openings=openings, staff=staff)

    def missing_items(self, *, family, user, child=None):
        from modules.sejours.services.missing import stay_missing_items

        return stay_missing_items(family=family, child=child)

    def requested_documents(self, *, family, child=None):
        from modules.sejours.services.missing import stay_requested_documents

        return stay_requested_documents(family=family, child=child)

    def periodic_tasks(self):
        return (
            PeriodicTask(
                "sejours-expire-offers",
                "modules.sejours.tasks.expire_offers",
                crontab(minute="*/15"),
            ),
            PeriodicTask(
                "sejours-balance-invoices",
                "modules.sejours.tasks.issue_balance_invoices",
                crontab(hour=6, minute=10),
            ),
            PeriodicTask(
                "sejours-convocations",
                "modules.sejours.tasks.send_convocations",
                crontab(hour=7, minute=0),
            ),
        )

    def home_summary(self, *, user, family=None):
        from modules.sejours.summary import family_tiles, staff_tiles

        return family_tiles(family=family) if family is not None else staff_tiles(user=user)

    def editions(self, *, family):
        from modules.sejours.services.editions import family_editions

        return family_editions(family=family)


MODULE = Sejours(
    id="sejours",
    label="Séjours",
    description=(
        "Séjours de vacances : catalogue, pré-inscription avec vœux classés, attribution des "
        "places et dossier du séjour."
    ),
    activity_kinds=(
        ActivityKind(
            "sejour",
            "Séjour",
            "Séjour de vacances avec hébergement, réservé en une fois.",
            units=(UnitDefault("Séjour", "Séj.", weekdays=(0, 1, 2, 3, 4, 5, 6), capacity=24),),
            calendar="all",
            billed_by_module=True,
        ),
    ),
    # The stays' words for what the core produces: a place given by the commission is a
    # confirmed reservation.
    legend=(LegendDefault("confirmed", "Place attribuée", "Att.", "#047857", 210),),
    navigation=(
        # The catalogue is public: « all » also puts it on the sign-in page, for visitors.
        NavigationEntry("sejours", "Catalogue des séjours", "/sejours", "sun", "all", 30),
        NavigationEntry("mes-sejours", "Mes séjours", "/mes-sejours", "list", "parent", 31),
        NavigationEntry("gestion-sejours", "Séjours", "/gestion/sejours", "sun", "staff", 30),
        NavigationEntry(
            "gestion-commission",
            "Commission",
            "/gestion/sejours/commission",
            "users",
            "staff",
            31,
        ),
    ),
    api_urlconf="modules.sejours.api.urls",
    document_types=(
        DocumentTypeDefault(
            "fiche_sanitaire",
            "Fiche sanitaire de liaison signée",
            "child",
            description=(
                "Téléchargez la fiche pré-remplie, vérifiez-la, complétez-la si besoin, signez-la "
                "et déposez-la ici (scan ou photo lisible)."
            ),
            edition="health_form",
            order=10,
        ),
        DocumentTypeDefault(
            "vaccinations",
            "Copie des vaccinations",
            "child",
            description=(
                "Copie nominative des pages de vaccination du carnet de santé, à jour selon "
                "l'âge de l'enfant."
            ),
            order=20,
        ),
        DocumentTypeDefault(
            "assurance",
            "Attestation d'assurance",
            "family",
            description=(
                "Attestation d'assurance responsabilité civile et individuelle accident "
                "couvrant les séjours de vos enfants."
            ),
            order=30,
        ),
        DocumentTypeDefault(
            "quotient_caf",
            "Justificatif de quotient familial CAF",
            "family",
            description=(
                "Attestation de quotient familial de moins de 3 mois (caf.fr, « Mon compte »). "
                "Indiquez la date de fin de validité portée sur l'attestation."
            ),
            validity="dated",
            order=40,
        ),
        # Asked only for the stays that name them (``Stay.document_types``): never required
        # of every family, so ``required=False`` here and the module lists them as missing.
        DocumentTypeDefault(
            "aisance_aquatique",
            "Test d'aisance aquatique",
            "child",
            description=(
                "Attestation du test d'aisance aquatique (piscine ou maître-nageur), exigée "
                "pour les séjours avec activités nautiques."
            ),
            validity="permanent",
            required=False,
            order=50,
        ),
        DocumentTypeDefault(
            "sortie_territoire",
            "Autorisation de sortie du territoire",
            "child",
            description=(
                "Formulaire Cerfa n° 15646 signé par un responsable, avec la copie de sa pièce "
                "d'identité, exigé pour les séjours à l'étranger."
            ),
            validity="dated",
            required=False,
            order=60,
        ),
        DocumentTypeDefault(
            "piece_identite",
            "Pièce d'identité de l'enfant",
            "child",
            description="Carte d'identité ou passeport de l'enfant, valable pendant le séjour.",
            validity="dated",
            required=False,
            order=70,
        ),
        DocumentTypeDefault(
            "contrat_sejour",
            "Contrat d'accueil signé",
            "child",
            description=(
                "Téléchargez le contrat pré-rempli dans « Mes éditions », signez-le et "
                "déposez-le ici."
            ),
            required=False,
            order=80,
        ),
    ),
)
