from core.modules import (
    ActivityKind,
    DocumentTypeDefault,
    LegendDefault,
    Module,
    NavigationEntry,
)

MODULE = Module(
    id="sejours",
    label="Séjours",
    description=(
        "Séjours de vacances : catalogue, pré-inscription avec vœux classés, attribution des "
        "places et dossier du séjour."
    ),
    activity_kinds=(ActivityKind("sejour", "Séjour", "Séjour de vacances avec hébergement."),),
    # The stays' words for what the core produces: a pre-enrolment is an enrolment awaiting
    # the coordinator, a place given by the commission a confirmed reservation.
    legend=(
        LegendDefault("enrolment_pending", "Pré-inscription", "Pré", "#6d28d9", 200),
        LegendDefault("confirmed", "Place attribuée", "Att.", "#047857", 210),
    ),
    navigation=(NavigationEntry("sejours", "Séjours", "/sejours", "sun", "all", 30),),
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
    ),
)
