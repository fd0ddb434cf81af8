"""The demo commune's périscolaire, configured like the commune's guide: ALAE matin / soir,
restauration booked for the year at enrolment, mercredis with groups, a holiday centre per
holiday period with its own booking window, the bus shuttle, tariffs (flat, QF brackets,
sibling discounts, meal supplement) and a bridge-day closure.

Every date counts from the structure's today, never from a written year: ``make demo`` on any
day shows the school year of that day (see :func:`demo_seasons`)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db import connection, transaction

from core.booking.models import Enrolment, PolicyWindow
from core.booking.presets import preset
from core.catalog.calendar import FrenchCalendar, HolidayPeriod, school_holiday_coverage
from core.catalog.defaults import create_activity
from core.catalog.models import Activity, ActivityGroup, Closure
from core.catalog.services import generate_openings
from core.pricing.models import Tariff, TariffBracket

MODULE = "periscolaire"
HOLIDAY_NAMES = {
    "Vacances de la Toussaint": "Automne",
    "Vacances de Noël": "Noël",
    "Vacances d'hiver": "Hiver",
    "Vacances de printemps": "Printemps",
    "Vacances d'été": "Été",
}
# A holiday centre's window opens seven weeks before its first day and closes two weeks before.
WINDOW_OPENS_BEFORE = timedelta(days=49)
WINDOW_CLOSES_BEFORE = timedelta(days=14)
# A school year is 52 weeks and a day or two: the estimate of an unknown year's holidays moves
# the last known ones by whole weeks so that they still start on a Saturday.
DAYS_PER_YEAR = 365.2425


def demo_today() -> date:
    """Today where the structure is (its time zone): the day every demo date counts from."""
    from core.tenancy.context import structure_today

    return structure_today()


def school_year(today: date) -> tuple[date, date, str]:
    first = today.year if today.month >= 8 else today.year - 1
    return date(first, 9, 1), date(first + 1, 7, 3), f"{first}/{first + 1}"


def demo_seasons(today: date) -> list[tuple[date, date, str]]:
    """The school years the demo needs on ``today``, oldest first.

    The current one always. The previous one too while the last two months (which the billing
    demo invoices) reach before the current one's start, from August to October: its last weeks
    of ALAE and its summer holiday centre are what those months billed. The next one in June
    and July, when families enrol for it: the current one has nothing left to book by then.
    """
    current = school_year(today)
    start, end, _ = current
    seasons = [current]
    month = today.month - 2
    two_months_ago = date(today.year + (month - 1) // 12, (month - 1) % 12 + 1, 1)
    if two_months_ago < start:
        seasons.insert(0, school_year(date(start.year - 1, 9, 1)))
    if today.month in (6, 7):
        seasons.append(school_year(date(end.year, 9, 1)))
    return seasons


def _flat(activity: Activity, name: str, amount: str, start: date, **fields) -> Tariff:
    return Tariff.objects.create(
        name=name, activity=activity, valid_from=start, amount=Decimal(amount), **fields
    )


# The demo's own activity that tells a season was seeded: a structure's other activities of
# the same season (created by staff, or by tests) do not.
SEEDED_MARK = "ALAE Matin"


@transaction.atomic
def seed_periscolaire() -> None:
    """Idempotent: seeds each season of :func:`demo_seasons` that the demo has not seeded."""
    for start, end, season in demo_seasons(demo_today()):
        if not Activity.objects.filter(module=MODULE, season=season, name=SEEDED_MARK).exists():
            _seed_season(start, end, season)


def _centre_periods(calendar: FrenchCalendar, start: date, summer_end: date) -> list[HolidayPeriod]:
    # A summer that ends after ``start`` (rentrée on 2 September) belongs to the previous year;
    # bridges (pont de l'Ascension) are not holiday centre periods.
    return [
        period
        for period in calendar.school_holiday_periods(start, summer_end)
        if period.name in HOLIDAY_NAMES and period.start >= start
    ]


def _holiday_periods(
    calendar: FrenchCalendar, start: date, summer_end: date
) -> tuple[list[HolidayPeriod], bool]:
    """The holiday periods of the school year from ``start`` to ``summer_end``, and whether
    they are estimated.

    The calendar only knows the years its data cover (a couple of years ahead): for a later
    year the demo moves the last known year's periods by whole weeks rather than show a year
    without holidays. The structure's own calendar still ignores them, so the caller must
    open and close the activities for them.
    """
    known = school_holiday_coverage(calendar.school_zone)
    if known is None:
        return [], False
    if known[0] <= start and summer_end <= known[1]:
        return _centre_periods(calendar, start, summer_end), False
    last = known[1]
    source = last.year - 1 if last.month >= 8 else last.year - 2  # last school year known whole
    weeks = round((start.year - source) * DAYS_PER_YEAR / 7)
    shift = timedelta(weeks=weeks)
    periods = [
        HolidayPeriod(period.name, period.start + shift, period.end + shift)
        for period in _centre_periods(calendar, date(source, 9, 1), date(source + 1, 8, 31))
    ]
    return [p for p in periods if start <= p.start <= summer_end], True


def _seed_season(start: date, end: date, season: str) -> None:
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

    # One holiday centre per holiday period, each with its own booking window. The summer one
    # runs until the next school year starts.
    windows = preset(MODULE, "fenetres_vacances")
    calendar = FrenchCalendar(tenant.holiday_zone, tenant.public_holiday_region)
    summer_end = date(end.year, 8, 31)
    periods, estimated = _holiday_periods(calendar, start, summer_end)
    # Estimated holidays are unknown to the structure's calendar: the centres open on every
    # weekday of their dates, the school-day activities close for them.
    centre_calendar = {"calendar": Activity.CALENDAR_ALL} if estimated else {}
    for period in periods:
        first_day, last_day = period.start, min(period.end, summer_end)
        label = HOLIDAY_NAMES[period.name]
        centre = make(
            "alsh_vacances",
            f"CLV {label}",
            start_date=first_day,
            end_date=last_day,
            booking_policy=windows,
            place="Centre de loisirs Les Tilleuls",
            **centre_calendar,
        )
        _flat(
            centre,
            "CENTRE DE LOISIRS VACANCES",
            "6.00",
            start,
            meal_supplement=Decimal("4.00"),
            sibling_discounts=[Decimal(10)],
        )
        PolicyWindow.objects.create(
            policy=windows,
            label=f"Vacances {label}",
            opens_at=datetime.combine(first_day - WINDOW_OPENS_BEFORE, time(0, 0), tz),
            closes_at=datetime.combine(first_day - WINDOW_CLOSES_BEFORE, time(23, 59), tz),
            first_date=first_day,
            last_date=last_day,
        )
    if estimated:
        Closure.objects.bulk_create(
            Closure(
                label=f"{period.name} (dates estimées)",
                start_date=max(period.start, start),
                end_date=min(period.end, end),
                activity=activity,
            )
            for activity in (matin, soir, cantine, mercredis, bus)
            for period in periods
            if max(period.start, start) <= min(period.end, end)
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


def install_demo(*, families) -> None:
    """``make demo``: the commune's périscolaire, the demo families enrolled in it, and their
    last two months invoiced (``core.billing.demo``)."""
    from core.billing.demo import seed_billing

    seed_periscolaire()
    for family in families:
        enrol_demo_family(family)
    for family in families:
        seed_billing(family)


# The demo child's answers to the structure's authorisations (a CE1 pupil does not go home
# alone); a question the structure added later is answered "oui".
DEMO_AUTHORISATIONS = {"Rentrer seul": False}


def _demo_pdf(title: str) -> bytes:
    """A one-page PDF standing for a scanned document (Pillow, no PDF engine needed)."""
    import io

    from PIL import Image, ImageDraw, ImageFont

    page = Image.new("RGB", (595, 842), "white")
    draw = ImageDraw.Draw(page)
    try:
        font = ImageFont.load_default(size=22)
    except TypeError:  # Pillow < 10.1
        font = ImageFont.load_default()
    draw.text((60, 80), title, fill="black", font=font)
    draw.text((60, 130), "Document de démonstration", fill="gray", font=font)
    out = io.BytesIO()
    page.save(out, format="PDF")
    return out.getvalue()


def complete_demo_file(family, child) -> None:
    """What the enrolment rules require before the demo validates the child's enrolments:
    the authorisations answered and the périscolaire's required documents sent and accepted
    (as the town hall would have done at the start of the year). The guardian's own consents
    are not answered here: the portal asks them at first login, before anything else.
    Idempotent: answered questions and valid documents are kept."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from core.documents.models import Document
    from core.documents.services import document_requirements, review_document, upload_document
    from core.families.models import AuthorisationAnswer, AuthorisationQuestion

    guardian = family.guardians.filter(user__isnull=False).order_by("-is_primary", "pk").first()
    user = guardian.user if guardian else None
    answered = set(child.authorisations.values_list("question_id", flat=True))
    AuthorisationAnswer.objects.bulk_create(
        AuthorisationAnswer(
            child=child,
            question=question,
            value=DEMO_AUTHORISATIONS.get(question.label, True),
            answered_by=user,
        )
        for question in AuthorisationQuestion.objects.filter(active=True).exclude(pk__in=answered)
    )
    for requirement in document_requirements(family=family, child=child, module=MODULE):
        if requirement.satisfied:
            continue
        name = requirement.document_type.name
        document = upload_document(
            family=family,
            document_type=requirement.document_type,
            file=SimpleUploadedFile(
                "document.pdf", _demo_pdf(name), content_type="application/pdf"
            ),
            child=requirement.child,
            valid_until=date(demo_today().year + 1, 8, 31),
            user=user,
        )
        if document.status == Document.STATUS_AWAITING_REVIEW:
            review_document(document=document, accept=True, by=None)


def enrol_demo_family(family) -> None:
    """The demo parent's child, in each season of :func:`demo_seasons`: ALAE Matin, the
    mercredis and the holiday centres validated, the canteen booked for the rest of the year
    (as its enrolment did at the start of the year) and, while the season is not over, a
    pending enrolment for the evening (the staff's queue). The enrolments are validated only
    once the file holds what the enrolment rules require (:func:`complete_demo_file`), as the
    enrolment service would have it. Idempotent: a season the child is enrolled in is left as
    it is."""
    from core.booking.services.engine import Change, apply_changes
    from core.catalog.models import Opening

    child = family.children.first()
    if child is None:
        return
    today = demo_today()
    enrolled = set(Enrolment.objects.filter(child=child).values_list("activity__season", flat=True))
    guardian = family.guardians.filter(user__isnull=False).order_by("-is_primary", "pk").first()
    parent = guardian.user if guardian else None
    canteens = []
    for _, end, season in demo_seasons(today):
        activities = {a.name: a for a in Activity.objects.filter(module=MODULE, season=season)}
        if season in enrolled or not activities:
            continue
        complete_demo_file(family, child)
        validated = [activities["ALAE Matin"], activities["Restauration élémentaire"]]
        validated += [a for a in activities.values() if a.kind == "alsh_vacances"]
        Enrolment.objects.bulk_create(
            Enrolment(
                child=child,
                activity=activity,
                status=Enrolment.STATUS_VALIDATED,
                requested_by=parent,
            )
            for activity in validated
        )
        mercredis = activities["CL Mercredis"]
        Enrolment.objects.create(
            child=child,
            activity=mercredis,
            group=mercredis.groups.get(name="Élémentaire"),
            status=Enrolment.STATUS_VALIDATED,
            requested_by=parent,
        )
        if end >= today:
            Enrolment.objects.create(
                child=child,
                activity=activities["ALAE Soir"],
                status=Enrolment.STATUS_REQUESTED,
                requested_by=parent,
            )
        canteens.append(activities["Restauration élémentaire"])
    canteen = Opening.objects.filter(unit__activity__in=canteens, date__gt=today).values_list(
        "pk", flat=True
    )
    apply_changes(
        changes=[Change(child.pk, pk, "book") for pk in canteen], by=None, staff=True, family=family
    )
