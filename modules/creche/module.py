"""The crèche (EAJE) module: establishments and their places per half-hour, place requests and
the commission, contracts under the PSU with their avenants, pointage and absences, monthly
billing through the core's runs, and the Caf's reports (``docs/creche.md``, decision 0024).
It acts through the core's hooks only."""

from __future__ import annotations

from celery.schedules import crontab

from core.module_hooks import PeriodicTask
from core.modules import (
    ActivityKind,
    DocumentTypeDefault,
    LegendDefault,
    Module,
    NavigationEntry,
    ReservationState,
)


class Creche(Module):
    """Each hook delegates to the service module of its part (one file per part)."""

    def install_defaults(self, *, tenant) -> None:
        super().install_defaults(tenant=tenant)
        from modules.creche.models import CrecheSettings

        CrecheSettings.current()

    def install_demo(self, *, tenant, families) -> None:
        from modules.creche.demo import install_demo

        install_demo(families=families)

    def invoice_line_sources(self):
        from modules.creche.services.billing import month_lines

        return (month_lines,)

    def validate_changes(self, *, changes, openings, staff, family):
        from modules.creche.services.occasional import occasional_refusals

        return occasional_refusals(changes=changes, openings=openings, staff=staff, family=family)

    def missing_items(self, *, family, user, child=None):
        from modules.creche.services.contracts import contract_missing_items

        return contract_missing_items(family=family, child=child)

    def role_permissions(self):
        from modules.creche.permissions import ROLE_PERMISSIONS

        return ROLE_PERMISSIONS

    def periodic_tasks(self):
        return (
            PeriodicTask(
                "creche-request-renewals",
                "modules.creche.tasks.lapse_and_remind_requests",
                crontab(hour=6, minute=30),
            ),
            PeriodicTask(
                "creche-expire-offers",
                "modules.creche.tasks.expire_offers",
                crontab(minute="*/15"),
            ),
            PeriodicTask(
                "creche-close-contracts",
                "modules.creche.tasks.close_finished_contracts",
                crontab(hour=1, minute=20),
            ),
            PeriodicTask(
                "creche-openings",
                "modules.creche.tasks.extend_openings",
                crontab(hour=2, minute=40),
            ),
        )

    def home_summary(self, *, user, family=None):
        from modules.creche.summary import family_tiles, staff_tiles

        return family_tiles(family=family) if family is not None else staff_tiles(user=user)

    def editions(self, *, family):
        from modules.creche.services.editions import family_editions

        return family_editions(family=family)


MODULE = Creche(
    id="creche",
    label="Crèche",
    description=(
        "Accueil du jeune enfant : contrats d'accueil régulier, accueil occasionnel, tarif "
        "horaire PSU et déclarations à la CAF."
    ),
    activity_kinds=(
        # An establishment's places: one activity per establishment, one unit per half-hour
        # slot, one opening per slot and day (decision 0024). Contracts and occasional care
        # hold the same places; the module bills them (monthly fees, hours), never per slot.
        ActivityKind(
            "places_creche",
            "Places d'un établissement",
            "Les places par demi-heure d'une crèche : contrats et accueil occasionnel.",
            calendar="all",
            billed_by_module=True,
        ),
    ),
    # "Accueil régulier" is the activity (its row says it) and an hour out of contract is a
    # billed quantity, not a day's state: only the leave is a state of its own.
    legend=(LegendDefault("leave", "Congé", "Cg", "#0e7490", 220),),
    reservation_states=(
        # A contract day the family takes off, declared ahead: the place is free for
        # occasional care and the day is not billed. Final, like a cancellation: taking the
        # day back is a new booking, subject to the places left.
        ReservationState("leave", "Congé", holds_place=False, transitions_from=("confirmed",)),
    ),
    navigation=(
        NavigationEntry("creche", "Crèche", "/creche", "baby", "parent", 40),
        NavigationEntry("gestion-creche", "Crèche", "/gestion/creche", "baby", "staff", 40),
    ),
    api_urlconf="modules.creche.api.urls",
    document_types=(
        DocumentTypeDefault(
            "vaccinations",
            "Carnet de vaccinations",
            "child",
            description=(
                "Copie des pages de vaccination du carnet de santé : les vaccins obligatoires "
                "doivent être à jour selon l'âge de l'enfant."
            ),
            order=10,
        ),
        DocumentTypeDefault(
            "justificatif_domicile",
            "Justificatif de domicile",
            "family",
            description=(
                "Facture d'énergie, d'eau, de téléphone ou quittance de loyer de moins de 3 mois. "
                "Indiquez comme date de validité trois mois après la date du justificatif."
            ),
            validity="dated",
            order=20,
        ),
        # The proof of a declared absence (certificat médical, bulletin d'hospitalisation),
        # sent with the absence (``services/absences.py``); never asked for on its own.
        DocumentTypeDefault(
            "justificatif_absence",
            "Justificatif d'absence (crèche)",
            "child",
            description=(
                "Certificat médical ou bulletin d'hospitalisation joint à une absence déclarée "
                "à la crèche : l'équipe le consulte pour qualifier l'absence."
            ),
            validity="permanent",
            required=False,
            requires_review=False,
            order=90,
        ),
    ),
)
