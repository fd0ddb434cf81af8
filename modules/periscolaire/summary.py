"""Périscolaire's tiles on the home pages (``Module.home_summary``)."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Count, Min, Q
from django.utils import translation
from django.utils.formats import date_format

from core.booking.models import Enrolment, EnrolmentCertificate, Reservation
from core.module_hooks import HomeTile
from core.tenancy.context import structure_today

MODULE = "periscolaire"


def _day(day) -> str:
    """ "lundi 7 décembre": Django's French calendar names, not a list of our own."""
    with translation.override("fr"):
        return date_format(day, "l j F")


def family_tiles(*, family) -> list[HomeTile]:
    """The week ahead: how many days the children are expected, and the next one."""
    today = structure_today()
    week = Reservation.objects.filter(
        child__family=family,
        unit__activity__module=MODULE,
        date__range=(today, today + timedelta(days=6)),
        state__in=(Reservation.CONFIRMED, Reservation.REQUESTED),
    ).aggregate(count=Count("pk"), first=Min("date"))
    if not week["count"]:
        return [
            HomeTile(
                "periscolaire-week",
                "Réservation dans les 7 prochains jours",
                0,
                "/planning",
                detail="Aucune : réservez depuis le planning.",
            )
        ]
    return [
        HomeTile(
            "periscolaire-week",
            "Réservations dans les 7 prochains jours",
            week["count"],
            "/planning",
            detail=f"Prochaine : {_day(week['first'])}",
            tone="success",
        )
    ]


def staff_tiles(*, user) -> list[HomeTile]:
    """Today's attendance still to take, and the enrolments awaiting a decision."""
    tiles = []
    if user.has_perm("booking.change_attendance"):
        today = structure_today()
        expected = Reservation.objects.filter(
            unit__activity__module=MODULE, date=today, state=Reservation.CONFIRMED
        ).count()
        tiles.append(
            HomeTile(
                "periscolaire-attendance",
                "Présences à saisir aujourd'hui",
                expected,
                "/gestion/presences",
                detail="Enfants attendus dont la présence n'est pas encore notée.",
                tone="warning" if expected else "success",
            )
        )
    if user.has_perm("booking.change_enrolment"):
        pending = Enrolment.objects.filter(
            Q(status=Enrolment.STATUS_REQUESTED), activity__module=MODULE
        ).count()
        tiles.append(
            HomeTile(
                "periscolaire-enrolments",
                "Inscriptions à valider",
                pending,
                "/gestion/inscriptions",
                tone="warning" if pending else "success",
            )
        )
        certificates = EnrolmentCertificate.objects.filter(
            state=EnrolmentCertificate.STATE_REQUESTED, enrolment__activity__module=MODULE
        ).count()
        if certificates:  # rare: a tile only when families wait for one
            tiles.append(
                HomeTile(
                    "periscolaire-certificates",
                    "Attestations d'inscription à délivrer",
                    certificates,
                    "/gestion/attestations",
                    tone="warning",
                )
            )
    return tiles
