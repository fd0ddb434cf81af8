"""The demo commune's périscolaire, configured like the commune's guide: ALAE matin / soir,
restauration booked for the year at enrolment, mercredis with groups, a holiday centre per
holiday period with its own booking window, the bus shuttle, tariffs (flat, QF brackets,
sibling discounts, meal supplement) and a bridge-day closure."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db import connection, transaction
from django.utils import timezone

from core.billing.models import Tariff, TariffBracket
from core.booking.models import Enrolment, PolicyWindow
from core.booking.presets import preset
from core.catalog.calendar import FrenchCalendar
from core.catalog.defaults import create_activity
from core.catalog.models import Activity, ActivityGroup, Closure
from core.catalog.services import generate_openings

MODULE = "periscolaire"
HOLIDAY_NAMES = {
    "Vacances de la Toussaint": "Automne",
    "Vacances de Noël": "Noël",
    "Vacances d'hiver": "Hiver",
    "Vacances de printemps": "Printemps",
    "Vacances d'été": "Été",
}


def school_year(today: date) -> tuple[date, date, str]:
    first = today.year if today.month >= 8 else today.year - 1
    return date(first, 9, 1), date(first + 1, 7, 3), f"{first}/{first + 1}"


def _flat(activity: Activity, name: str, amount: str, start: date, **fields) -> Tariff:
    return Tariff.objects.create(
        name=name, activity=activity, valid_from=start, amount=Decimal(amount), **fields
    )


@transaction.atomic
def seed_periscolaire() -> None:
    """Idempotent: does nothing once the season's activities exist."""
    today = timezone.localdate()
    start, end, season = school_year(today)
    if Activity.objects.filter(module=MODULE, season=season).exists():
        return
    tenant = connection.tenant
    tz = ZoneInfo(tenant.time_zone)

    def make(kind: str, name: str, **fields) -> Activity:
        fields.setdefault("enrolment_validation", Activity.VALIDATION_STAFF)
        return create_activity(
            module=MODULE,
            kind=kind,
            name=name,
            season=season,
            start_date=fields.pop("start_date", start),
            end_date=fields.pop("end_date", end),
            **fields,
        )

    matin = make("accueil_matin", "ALAE Matin", place="École Jules-Ferry")
    _flat(matin, "ALAE MATIN", "1.20", start, amount_exterior=Decimal("1.80"))
    soir = make("accueil_soir", "ALAE Soir", place="École Jules-Ferry")
    _flat(soir, "ALAE SOIR", "1.60", start, amount_exterior=Decimal("2.40"))

    cantine = make(
        "pause_meridienne",
        "Restauration élémentaire",
        enrolment_validation=Activity.VALIDATION_AUTO,
        description="L'inscription réserve automatiquement les repas de l'année scolaire.",
    )
    cantine.units.update(booked_on_enrolment=True)
    repas = Tariff.objects.create(
        name="RESTAURATION SCOLAIRE", activity=cantine, valid_from=start, method=Tariff.METHOD_QF
    )
    for low, high, amount in ((0, 500, "1.00"), (500, 900, "2.50"), (900, None, "3.80")):
        TariffBracket.objects.create(
            tariff=repas,
            qf_min=low,
            qf_max=high,
            amount=Decimal(amount),
            amount_exterior=Decimal(amount) + Decimal("1.00"),
        )

    mercredis = make("mercredi", "CL Mercredis", place="Centre de loisirs Les Tilleuls")
    ActivityGroup.objects.create(activity=mercredis, name="Maternelle", capacity=24, order=10)
    ActivityGroup.objects.create(activity=mercredis, name="Élémentaire", capacity=36, order=20)
    half_day = _flat(
        mercredis,
        "CENTRE DE LOISIRS DEMI-JOURNEE",
        "5.20",
        start,
        meal_supplement=Decimal("5.20"),
        sibling_discounts=[Decimal(10), Decimal(20)],
    )
    Tariff.objects.create(
        name="CENTRE DE LOISIRS JOURNEE",
        unit=mercredis.units.get(name="Journée complète"),
        valid_from=start,
        amount=Decimal("9.50"),
        meal_supplement=half_day.meal_supplement,
        sibling_discounts=half_day.sibling_discounts,
    )
    bus = make("navette", "Mercredi bus CL")
    _flat(bus, "NAVETTE", "0.50", start)

    # One holiday centre per holiday period, each with its own booking window.
    windows = preset(MODULE, "fenetres_vacances")
    calendar = FrenchCalendar(tenant.holiday_zone, tenant.public_holiday_region)
    for period in calendar.school_holiday_periods(start, end + timedelta(days=40)):
        if period.name not in HOLIDAY_NAMES:
            continue  # bridges (pont de l'Ascension) are not holiday centre periods
        first_day = max(period.start, start)
        last_day = min(period.end, end + timedelta(days=40))
        label = HOLIDAY_NAMES.get(period.name, period.name)
        centre = make(
            "alsh_vacances",
            f"CLV {label}",
            start_date=first_day,
            end_date=last_day,
            booking_policy=windows,
            place="Centre de loisirs Les Tilleuls",
        )
        _flat(
            centre,
            "CENTRE DE LOISIRS VACANCES",
            "6.00",
            start,
            meal_supplement=Decimal("4.00"),
            sibling_discounts=[Decimal(10)],
        )
        opens = datetime.combine(first_day - timedelta(days=49), time(0, 0), tz)
        PolicyWindow.objects.create(
            policy=windows,
            label=f"Vacances {label}",
            opens_at=opens,
            closes_at=datetime.combine(first_day - timedelta(days=14), time(23, 59), tz),
            first_date=first_day,
            last_date=last_day,
        )

    ascension = next(
        (d for d, name in _public_holidays(calendar, start, end) if name == "Ascension"), None
    )
    if ascension:
        bridge = ascension + timedelta(days=1)
        Closure.objects.create(label="Pont de l'Ascension", start_date=bridge, end_date=bridge)
    for activity in Activity.objects.filter(module=MODULE, season=season):
        generate_openings(activity=activity)


def _public_holidays(calendar: FrenchCalendar, start: date, end: date):
    day = start
    while day <= end:
        name = calendar.public_holiday(day)
        if name:
            yield day, name
        day += timedelta(days=1)


def enrol_demo_family(family) -> None:
    """The demo parent's child: ALAE Matin and mercredis validated, the canteen booked for
    the year (as its enrolment does), a pending enrolment for the evening."""
    from core.booking.services.engine import Change, apply_changes
    from core.catalog.models import Opening

    child = family.children.first()
    if child is None or Enrolment.objects.filter(child=child).exists():
        return
    season = school_year(timezone.localdate())[2]
    activities = {a.name: a for a in Activity.objects.filter(module=MODULE, season=season)}
    for name in ("ALAE Matin", "Restauration élémentaire"):
        Enrolment.objects.create(
            child=child, activity=activities[name], status=Enrolment.STATUS_VALIDATED
        )
    Enrolment.objects.create(
        child=child,
        activity=activities["CL Mercredis"],
        group=activities["CL Mercredis"].groups.get(name="Élémentaire"),
        status=Enrolment.STATUS_VALIDATED,
    )
    Enrolment.objects.create(
        child=child, activity=activities["ALAE Soir"], status=Enrolment.STATUS_REQUESTED
    )
    canteen = Opening.objects.filter(
        unit__activity=activities["Restauration élémentaire"], date__gt=timezone.localdate()
    ).values_list("pk", flat=True)
    apply_changes(
        changes=[Change(child.pk, pk, "book") for pk in canteen], by=None, staff=True, family=family
    )
