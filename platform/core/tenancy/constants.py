"""Fixed vocabularies of the public schema."""

from django.db import models


class TenantKind(models.TextChoices):
    COMMUNE = "commune", "Commune"
    ASSOCIATION = "association", "Association"


class TenantStatus(models.TextChoices):
    PROVISIONING = "provisioning", "En cours de création"
    ACTIVE = "active", "Active"
    SUSPENDED = "suspended", "Suspendue"


class HolidayZone(models.TextChoices):
    """School-holiday zones: the three metropolitan zones, Corse and the overseas academies."""

    A = "A", "Zone A"
    B = "B", "Zone B"
    C = "C", "Zone C"
    CORSE = "corse", "Corse"
    GUADELOUPE = "guadeloupe", "Guadeloupe"
    MARTINIQUE = "martinique", "Martinique"
    GUYANE = "guyane", "Guyane"
    REUNION = "reunion", "La Réunion"
    MAYOTTE = "mayotte", "Mayotte"
    NOUVELLE_CALEDONIE = "nouvelle-caledonie", "Nouvelle-Calédonie"
    POLYNESIE = "polynesie", "Polynésie française"
    SAINT_PIERRE = "saint-pierre-et-miquelon", "Saint-Pierre-et-Miquelon"
    WALLIS = "wallis-et-futuna", "Wallis-et-Futuna"


class PublicHolidayRegion(models.TextChoices):
    """Where the structure is, for its public holidays (``holidays.France`` subdivisions)."""

    METROPOLE = "", "France métropolitaine"
    MOSELLE = "57", "Moselle"
    ALSACE = "6AE", "Alsace (Bas-Rhin, Haut-Rhin)"
    GUADELOUPE = "971", "Guadeloupe"
    MARTINIQUE = "972", "Martinique"
    GUYANE = "973", "Guyane"
    REUNION = "974", "La Réunion"
    MAYOTTE = "976", "Mayotte"
    SAINT_BARTHELEMY = "BL", "Saint-Barthélemy"
    SAINT_MARTIN = "MF", "Saint-Martin"
    NOUVELLE_CALEDONIE = "NC", "Nouvelle-Calédonie"
    POLYNESIE = "PF", "Polynésie française"
    SAINT_PIERRE = "PM", "Saint-Pierre-et-Miquelon"
    WALLIS = "WF", "Wallis-et-Futuna"


# Sub-domains a structure may never take: they belong to the platform or confuse users.
RESERVED_SLUGS = frozenset(
    {
        "admin",
        "api",
        "app",
        "assets",
        "auth",
        "console",
        "demo",
        "docs",
        "ftp",
        "gestion",
        "help",
        "imap",
        "mail",
        "marelle",
        "media",
        "operateur",
        "pop",
        "portail",
        "public",
        "smtp",
        "static",
        "status",
        "support",
        "template",
        "test",
        "www",
    }
)


class NameArticle(models.TextChoices):
    """How a structure's name is introduced after « de » in sentences (« le portail de … »).

    Empty: guessed from the name (``core.tenancy.grammar.default_article``); the operator sets
    another one when the guess is wrong (« Mairie de … » → « de la Mairie de … »)."""

    AUTO = "", "Automatique (d'après le nom)"
    DE = "de", "de … (« de Marelle »)"
    ELISION = "d'", "d'… (« d'Enfance Val de Brenne »)"
    DU = "du", "du … (« du Relais », sans « Le »)"
    DES = "des", "des … (« des Colos du Vercors », sans « Les »)"
    DE_LA = "de la", "de la … (« de la Mairie de Saint-Alban »)"
    DE_L = "de l'", "de l'… (« de l'Accueil de loisirs »)"
