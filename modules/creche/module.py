from core.modules import ActivityKind, LegendDefault, Module, NavigationEntry

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
)
