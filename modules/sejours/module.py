from core.modules import ActivityKind, LegendDefault, Module, NavigationEntry

MODULE = Module(
    id="sejours",
    label="Séjours",
    description=(
        "Séjours de vacances : catalogue, pré-inscription avec vœux classés, attribution des "
        "places et dossier du séjour."
    ),
    activity_kinds=(ActivityKind("sejour", "Séjour", "Séjour de vacances avec hébergement."),),
    legend=(
        LegendDefault("preregistered", "Pré-inscription", "Pré", "#6d28d9", 200),
        LegendDefault("allocated", "Place attribuée", "Att.", "#047857", 210),
    ),
    navigation=(NavigationEntry("sejours", "Séjours", "/sejours", "sun", "all", 30),),
)
