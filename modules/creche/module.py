from core.modules import (
    ActivityKind,
    DocumentTypeDefault,
    LegendDefault,
    Module,
    NavigationEntry,
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
    legend=(
        LegendDefault("regular", "Accueil régulier (contrat)", "Ctr", "#1d4ed8", 200),
        LegendDefault("out_of_contract", "Heure hors contrat", "HC", "#b45309", 210),
        LegendDefault("leave", "Congé", "Cg", "#0e7490", 220),
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
