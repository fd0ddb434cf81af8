from core.modules import (
    ActivityKind,
    DocumentTypeDefault,
    LegendDefault,
    Module,
    NavigationEntry,
    ReservationState,
)

MODULE = Module(
    id="creche",
    label="Crèche",
    description=(
        "Accueil du jeune enfant : contrats d'accueil régulier, accueil occasionnel, tarif "
        "horaire PSU et déclarations à la CAF."
    ),
    activity_kinds=(
        ActivityKind("accueil_regulier", "Accueil régulier", "Accueil sur contrat."),
        ActivityKind(
            "accueil_occasionnel", "Accueil occasionnel", "Accueil ponctuel, selon les places."
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
    navigation=(NavigationEntry("creche", "Crèche", "/creche", "baby", "all", 40),),
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
    ),
)
