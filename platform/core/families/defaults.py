"""What a new structure starts with: the lists the guides show, editable by its staff."""

from __future__ import annotations

from core.families.models import (
    AuthorisationQuestion,
    ConsentType,
    DossierSettings,
    MealType,
    SchoolLevel,
)

MEAL_TYPES = ("Standard", "Sans porc", "Sans viande", "Végétarien")
SCHOOL_LEVELS = (
    "Non scolarisé",
    "TPS",
    "PS",
    "MS",
    "GS",
    "CP",
    "CE1",
    "CE2",
    "CM1",
    "CM2",
    "6e",
    "5e",
    "4e",
    "3e",
)
AUTHORISATIONS = (
    ("Droit à l'image", "Photos et vidéos de mon enfant pour les supports de la structure."),
    ("Sorties", "Participer aux sorties organisées hors de la structure."),
    ("Rentrer seul", "Quitter seul la structure à la fin de l'accueil."),
    ("Transport scolaire", "Emprunter le bus ou la navette organisés par la structure."),
    ("Baignade", "Participer aux activités de baignade encadrées."),
    (
        "Soins médicaux",
        "Autoriser le responsable à faire soigner mon enfant et, en cas d'urgence, "
        "à prendre les mesures nécessaires (hospitalisation, intervention).",
    ),
    ("Consultation CAF", "Consulter mon quotient familial auprès de la CAF (CDAP)."),
)
CONSENTS = (
    (
        "Saisie de mes données personnelles",
        "J'accepte que la structure enregistre les informations de mon foyer et de mes enfants "
        "pour gérer les inscriptions, les réservations et la facturation. Ces données ne sont "
        "transmises à aucun tiers et je peux en demander la copie ou la suppression.",
        True,
        False,
    ),
    (
        "Saisie de mes données médicales",
        "J'accepte que la structure enregistre les informations de santé de mes enfants "
        "(allergies, PAI, vaccinations, médecin) pour assurer leur sécurité pendant l'accueil.",
        False,
        True,
    ),
)


def install_dossier_defaults() -> None:
    """Fill empty lists only: a structure's own edits are never overwritten."""
    DossierSettings.current()
    if not MealType.objects.exists():
        MealType.objects.bulk_create(
            MealType(label=label, order=i) for i, label in enumerate(MEAL_TYPES)
        )
    if not SchoolLevel.objects.exists():
        SchoolLevel.objects.bulk_create(
            SchoolLevel(label=label, order=i) for i, label in enumerate(SCHOOL_LEVELS)
        )
    if not AuthorisationQuestion.objects.exists():
        AuthorisationQuestion.objects.bulk_create(
            AuthorisationQuestion(label=label, description=text, order=i)
            for i, (label, text) in enumerate(AUTHORISATIONS)
        )
    if not ConsentType.objects.exists():
        ConsentType.objects.bulk_create(
            ConsentType(label=label, text=text, required=required, covers_health=health, order=i)
            for i, (label, text, required, health) in enumerate(CONSENTS)
        )
