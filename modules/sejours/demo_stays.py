"""The demo's stays (« Les Colos du Vercors »): six summer stays as the séjours guide shows
them — mountain, sea with nautical activities, abroad, every age band and price method."""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal

from django.utils import timezone

SWIM = "sejours.aisance_aquatique"
EXIT = "sejours.sortie_territoire"
IDENTITY = "sejours.piece_identite"

TROUSSEAU = (
    "Un sac de couchage chaud et un oreiller, une lampe frontale, une gourde, de bonnes "
    "chaussures de marche, un vêtement de pluie, un maillot de bain, une casquette et de la "
    "crème solaire, du linge pour la durée du séjour, marqué au nom de l'enfant."
)
PRACTICAL = (
    "Courrier : les enfants écrivent le mercredi ; donnez-leur des enveloppes timbrées. "
    "Argent de poche : 20 € au plus, confié à l'équipe. Téléphones portables rangés par "
    "l'équipe, appel des familles le dimanche soir. Nouvelles et photos sur le blog du séjour."
)
CITIES = {
    "Grenoble": "Gare routière de Grenoble, quai 4",
    "Valence": "Gare de Valence-Ville, parvis",
    "Lyon": "Gare de Lyon-Perrache, sortie cours de Verdun",
}


def summer_year(today: date) -> int:
    """The summer the families are applying for: this one until May, then the next."""
    return today.year if today.month <= 5 else today.year + 1


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def departures(start: date, end: date, supplements: dict[str, str]) -> list[dict]:
    return [
        {
            "city": city,
            "meeting_place": CITIES[city],
            "meeting_at": _at(start, 8 if city == "Grenoble" else 7, 30 if city == "Lyon" else 0),
            "return_at": _at(end, 17 if city == "Grenoble" else 18),
            "supplement": Decimal(supplement),
        }
        for city, supplement in supplements.items()
    ]


def summer_stays(year: int) -> list[dict]:
    brackets = [
        {"qf_min": 0, "qf_max": 600, "amount": "390"},
        {"qf_min": 600, "qf_max": 1000, "amount": "490"},
        {"qf_min": 1000, "qf_max": None, "amount": "590"},
    ]
    return [
        {
            "key": "trappeurs",
            "name": "Les petits trappeurs du Vercors",
            "theme": "Montagne",
            "destination": "Autrans (Vercors)",
            "place": "Chalet des Narces, Autrans",
            "description": "Cabanes, traces d'animaux, veillées au coin du feu et première "
            "nuit sous tente : la montagne à hauteur des plus jeunes.",
            "start": date(year, 7, 8),
            "days": 7,
            "ages": (6, 8),
            "capacity": 16,
            "price_method": "flat",
            "price_amount": Decimal("420"),
            "deposit_percent": Decimal("30"),
            "transports": {"Grenoble": "0", "Valence": "15", "Lyon": "25"},
        },
        {
            "key": "cabanes",
            "name": "Cabanes et grands espaces",
            "theme": "Nature",
            "destination": "Vassieux-en-Vercors",
            "place": "Centre de vacances Les Coulmes",
            "description": "Construction de cabanes, course d'orientation, escalade sur "
            "blocs et nuit en refuge.",
            "start": date(year, 7, 15),
            "days": 12,
            "ages": (8, 11),
            "capacity": 20,
            "price_method": "quotient",
            "price_brackets": brackets,
            "deposit_amount": Decimal("120"),
            "transports": {"Grenoble": "0", "Valence": "20", "Lyon": "30"},
        },
        {
            "key": "voile",
            "name": "Voile et glisse à Quiberon",
            "theme": "Mer",
            "destination": "Quiberon (Morbihan)",
            "place": "Base nautique de Port-Haliguen",
            "description": "Optimist, catamaran et paddle avec les moniteurs de la base "
            "nautique, pêche à pied et veillées sur la plage.",
            "start": date(year, 7, 10),
            "days": 12,
            "ages": (11, 14),
            "capacity": 24,
            "nautical": True,
            "documents": (SWIM,),
            "price_method": "per_day",
            "price_amount": Decimal("62"),
            "deposit_percent": Decimal("30"),
            "transports": {"Grenoble": "45", "Valence": "45", "Lyon": "35"},
        },
        {
            "key": "ranch",
            "name": "Poneys au ranch",
            "theme": "Équitation",
            "destination": "Villard-de-Lans (Vercors)",
            "place": "Ranch des Bartavelles",
            "description": "Soins aux poneys, voltige et balade à cheval chaque jour.",
            "start": date(year, 8, 3),
            "days": 6,
            "ages": (6, 8),
            "capacity": 7,
            "price_method": "per_day",
            "price_amount": Decimal("68"),
            "deposit_amount": Decimal("100"),
            "transports": {"Grenoble": "0", "Valence": "15"},
        },
        {
            "key": "costa",
            "name": "Plongée sur la Costa Brava",
            "theme": "Mer et découverte",
            "destination": "L'Estartit (Espagne)",
            "country": "Espagne",
            "place": "Camping Les Medes",
            "description": "Baptême de plongée dans la réserve des îles Medes, kayak de mer "
            "et visite de Gérone.",
            "start": date(year, 8, 16),
            "days": 12,
            "ages": (11, 14),
            "capacity": 18,
            "nautical": True,
            "documents": (SWIM, EXIT, IDENTITY),
            "price_method": "quotient",
            "price_brackets": [
                {"qf_min": 0, "qf_max": 600, "amount": "690"},
                {"qf_min": 600, "qf_max": 1000, "amount": "820"},
                {"qf_min": 1000, "qf_max": None, "amount": "950"},
            ],
            "deposit_percent": Decimal("30"),
            "transports": {"Grenoble": "0", "Lyon": "0"},
        },
        {
            "key": "toscane",
            "name": "Dolce vita en Toscane",
            "theme": "Culture et itinérance",
            "destination": "Sienne et Florence (Italie)",
            "country": "Italie",
            "place": "Auberges de jeunesse",
            "description": "Itinérance en petits groupes entre Sienne, San Gimignano et "
            "Florence : baignades, marchés et soirées italiennes.",
            "start": date(year, 8, 1),
            "days": 14,
            "ages": (14, 17),
            "capacity": 20,
            "documents": (EXIT, IDENTITY),
            "price_method": "flat",
            "price_amount": Decimal("1150"),
            "deposit_amount": Decimal("300"),
            "transports": {"Grenoble": "0", "Lyon": "0", "Valence": "0"},
        },
    ]
