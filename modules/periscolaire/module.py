from core.modules import (
    ActivityKind,
    DocumentTypeDefault,
    LegendDefault,
    Module,
    NavigationEntry,
)

MODULE = Module(
    id="periscolaire",
    label="Périscolaire",
    description=(
        "Accueils du matin et du soir, pause méridienne et restauration scolaire, mercredis, "
        "accueils de loisirs pendant les vacances et navettes."
    ),
    activity_kinds=(
        ActivityKind("accueil_matin", "Accueil du matin", "Avant la classe."),
        ActivityKind(
            "pause_meridienne", "Pause méridienne / restauration", "Temps du midi et repas."
        ),
        ActivityKind("accueil_soir", "Accueil du soir", "Après la classe."),
        ActivityKind("mercredi", "Mercredi", "Accueil de loisirs du mercredi."),
        ActivityKind(
            "alsh_vacances",
            "Accueil de loisirs vacances",
            "Centre de loisirs pendant les vacances.",
        ),
        ActivityKind("navette", "Navette", "Transport en bus entre l'école et l'accueil."),
    ),
    legend=(
        LegendDefault("enrolment_pending", "Inscription en attente", "Insc.", "#a16207", 200),
        LegendDefault("deadline_passed", "Délai de réservation dépassé", "Délai", "#57534e", 210),
    ),
    navigation=(
        NavigationEntry("periscolaire", "Périscolaire", "/periscolaire", "calendar", "all", 20),
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
