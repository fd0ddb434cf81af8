from datetime import time

from core.modules import (
    ActivityKind,
    DocumentTypeDefault,
    LegendDefault,
    Module,
    NavigationEntry,
    PolicyPreset,
    UnitDefault,
)

SCHOOL_DAYS = (0, 1, 3, 4)

# The three deadlines of the guides: "for Monday, before Friday 9:30" (the previous working
# day), "before the 20th for next month", and dated windows per holiday period.
POLICIES = (
    PolicyPreset(
        "veille_ouvree_930",
        "Veille ouvrée à 9h30",
        "working_days",
        (("days", 1), ("at", time(9, 30))),
    ),
    PolicyPreset(
        "le_20_du_mois",
        "Le 20 du mois précédent à 23h59",
        "previous_month",
        (("day_of_month", 20), ("at", time(23, 59))),
    ),
    PolicyPreset(
        "fenetres_vacances",
        "Fenêtres par période de vacances",
        "fixed_windows",
    ),
)


class Periscolaire(Module):
    """Périscolaire acts through the core's hooks only (``core.modules.Module``)."""

    def install_demo(self, *, tenant, families) -> None:
        from modules.periscolaire.demo import install_demo

        install_demo(families=families)

    def home_summary(self, *, user, family=None):
        from modules.periscolaire.summary import family_tiles, staff_tiles

        return family_tiles(family=family) if family is not None else staff_tiles(user=user)


MODULE = Periscolaire(
    id="periscolaire",
    label="Périscolaire",
    description=(
        "Accueils du matin et du soir, pause méridienne et restauration scolaire, mercredis, "
        "accueils de loisirs pendant les vacances et navettes."
    ),
    activity_kinds=(
        ActivityKind(
            "accueil_matin",
            "Accueil du matin",
            "Avant la classe.",
            units=(UnitDefault("Accueil du matin", "Mat.", "07:30", "08:20", capacity=40),),
            booking_policy="veille_ouvree_930",
        ),
        ActivityKind(
            "pause_meridienne",
            "Pause méridienne / restauration",
            "Temps du midi et repas.",
            units=(UnitDefault("Midi + repas", "Repas", "11:45", "13:30", True, capacity=120),),
            booking_policy="le_20_du_mois",
        ),
        ActivityKind(
            "accueil_soir",
            "Accueil du soir",
            "Après la classe.",
            units=(
                UnitDefault(
                    "Accueil du soir jusqu'à 17h30",
                    "S1",
                    "16:30",
                    "17:30",
                    capacity=40,
                    incompatible_with=("Accueil du soir jusqu'à 18h30",),
                ),
                UnitDefault(
                    "Accueil du soir jusqu'à 18h30",
                    "S2",
                    "16:30",
                    "18:30",
                    capacity=40,
                    incompatible_with=("Accueil du soir jusqu'à 17h30",),
                ),
            ),
            booking_policy="veille_ouvree_930",
        ),
        ActivityKind(
            "mercredi",
            "Mercredi",
            "Accueil de loisirs du mercredi.",
            units=(
                UnitDefault(
                    "Matin",
                    "Mat.",
                    "07:30",
                    "11:45",
                    weekdays=(2,),
                    capacity=40,
                    incompatible_with=("Journée complète",),
                ),
                UnitDefault(
                    "Après-midi avec repas",
                    "AM+R",
                    "11:45",
                    "18:30",
                    True,
                    weekdays=(2,),
                    capacity=40,
                    incompatible_with=("Journée complète", "Après-midi sans repas"),
                ),
                UnitDefault(
                    "Après-midi sans repas",
                    "AM",
                    "13:30",
                    "18:30",
                    weekdays=(2,),
                    capacity=40,
                    incompatible_with=("Journée complète", "Après-midi avec repas"),
                ),
                UnitDefault(
                    "Journée complète",
                    "J",
                    "07:30",
                    "18:30",
                    True,
                    weekdays=(2,),
                    capacity=40,
                    incompatible_with=("Matin", "Après-midi avec repas", "Après-midi sans repas"),
                ),
            ),
            calendar="school_days",
            booking_policy="le_20_du_mois",
        ),
        ActivityKind(
            "alsh_vacances",
            "Accueil de loisirs vacances",
            "Centre de loisirs pendant les vacances.",
            units=(
                UnitDefault(
                    "Matin sans repas",
                    "Mat.",
                    "07:30",
                    "12:00",
                    weekdays=(0, 1, 2, 3, 4),
                    capacity=48,
                    incompatible_with=("Journée complète", "Matin avec repas"),
                ),
                UnitDefault(
                    "Matin avec repas",
                    "Mat.+R",
                    "07:30",
                    "13:30",
                    True,
                    weekdays=(0, 1, 2, 3, 4),
                    capacity=48,
                    incompatible_with=("Journée complète", "Matin sans repas"),
                ),
                UnitDefault(
                    "Après-midi sans repas",
                    "AM",
                    "13:30",
                    "18:30",
                    weekdays=(0, 1, 2, 3, 4),
                    capacity=48,
                    incompatible_with=("Journée complète",),
                ),
                UnitDefault(
                    "Journée complète",
                    "J",
                    "07:30",
                    "18:30",
                    True,
                    weekdays=(0, 1, 2, 3, 4),
                    capacity=48,
                    incompatible_with=(
                        "Matin sans repas",
                        "Matin avec repas",
                        "Après-midi sans repas",
                    ),
                ),
            ),
            calendar="school_holidays",
            booking_policy="fenetres_vacances",
        ),
        ActivityKind(
            "navette",
            "Navette",
            "Transport en bus entre l'école et l'accueil.",
            units=(
                UnitDefault("Navette aller", "Bus", "11:30", "11:45", weekdays=(2,), capacity=50),
            ),
            booking_policy="le_20_du_mois",
        ),
    ),
    legend=(
        LegendDefault("enrolment_pending", "Inscription en attente", "Insc.", "#a16207", 200),
        LegendDefault("deadline_passed", "Délai de réservation dépassé", "Délai", "#57534e", 210),
    ),
    booking_policies=POLICIES,
    navigation=(
        NavigationEntry("inscriptions", "Inscriptions", "/inscriptions", "list", "parent", 20),
        NavigationEntry("planning", "Planning", "/planning", "calendar", "parent", 21),
        NavigationEntry(
            "gestion-inscriptions", "Inscriptions", "/gestion/inscriptions", "list", "staff", 20
        ),
        NavigationEntry(
            "gestion-reservations", "Réservations", "/gestion/reservations", "calendar", "staff", 21
        ),
        NavigationEntry(
            "gestion-occupation", "Occupation", "/gestion/occupation", "users", "staff", 22
        ),
        NavigationEntry(
            "gestion-presences", "Présences", "/gestion/presences", "list", "staff", 23
        ),
    ),
    document_types=(
        DocumentTypeDefault(
            "assurance_rc",
            "Attestation d'assurance responsabilité civile",
            "family",
            description=(
                "Attestation de l'année scolaire en cours couvrant les activités périscolaires "
                "et extrascolaires de vos enfants."
            ),
            order=10,
        ),
        DocumentTypeDefault(
            "fiche_sanitaire",
            "Fiche sanitaire de liaison",
            "child",
            description=(
                "Téléchargez la fiche pré-remplie, vérifiez-la, complétez-la si besoin, signez-la "
                "et déposez-la ici (scan ou photo lisible)."
            ),
            edition="health_form",
            order=20,
        ),
    ),
)
