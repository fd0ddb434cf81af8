"""Creating, changing and copying a stay (decision 0023).

A stay is a ``catalog.Activity`` of module ``sejours``, kind ``sejour``, with a single unit
and **one opening per day** from departure to return, each of the stay's capacity: the core's
capacity engine then holds a place on every day at once (``places.book_stay``). The ``Stay``
row keeps what only stays have, and its ``TransportOption`` rows the departure cities.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction
from django.db.models import Max

from core.booking.models import Reservation
from core.catalog.defaults import create_activity
from core.catalog.models import Activity, Opening, Unit
from core.documents.models import DocumentType
from core.errors import DomainError
from core.families.models import SchoolLevel
from modules.sejours import money
from modules.sejours.models import Campaign, Stay, StayMedia, TransportOption, Wish
from modules.sejours.services.stay_data import ACTIVITY_FIELDS, STAY_FIELDS, check_stay

# Fields the check may change even when not sent (a new price method clears the others).
DERIVED = (
    "price_brackets",
    "price_amount",
    "price_amount_exterior",
    "deposit_amount",
    "deposit_percent",
)


class StayLocked(DomainError):
    """A change that would take back places already given."""

    code = "stay_places_held"
    status_code = 409


def places_held(stay: Stay) -> int:
    """The most places taken on any day of the stay (the engine's counters). Unlocked: a
    figure to show; a change that depends on it reads :func:`_lock_openings` instead."""
    return (
        Opening.objects.filter(unit__activity_id=stay.activity_id).aggregate(n=Max("booked"))["n"]
        or 0
    )


def _lock_openings(unit: Unit) -> list[Opening]:
    """The stay's days under the row locks the capacity engine takes when it books (same
    rows, same pk order: the two never deadlock). Until the transaction ends no place can be
    booked on them, so the places counted here are still the places held when the capacity
    is written."""
    return list(Opening.objects.select_for_update().filter(unit=unit).order_by("pk"))


def _price_terms(stay: Stay) -> tuple:
    # Only what the method reads: an amount left over from another method changes nothing.
    if stay.price_method == money.PriceMethod.QUOTIENT.value:
        return (stay.price_method, stay.brackets())
    return (stay.price_method, stay.price_amount, stay.price_amount_exterior)


# What the family's contract states (decision 0023). A cancellation and the deposit are
# computed from the stay's live values, not from a copy kept with the place: once a place is
# accepted, changing them would change a signed contract, so they no longer change (the price
# itself is stored at acceptance, but the stay's page must keep quoting what was signed).
# Each: the fields, what a change is compared on (the stored and typed forms differ, "50" and
# "50.00"), the words of the refusal.
CONTRACT_TERMS = (
    (
        ("cancellation_scale",),
        lambda s: sorted(s.scale(), key=lambda step: -step.days_min),
        "son barème d'annulation",
    ),
    (("deposit_amount", "deposit_percent"), lambda s: s.deposit_rule(), "son acompte"),
    (
        ("price_method", "price_amount", "price_amount_exterior", "price_brackets"),
        _price_terms,
        "son prix",
    ),
    (("balance_days_before",), lambda s: s.balance_days_before, "la date de son solde"),
)


def _contract_changes(stay: Stay, clean: dict) -> dict[str, str]:
    """The contract terms ``clean`` would change, by field: the refusal to give."""
    changes = {}
    for fields, terms, words in CONTRACT_TERMS:
        if not all(f in clean for f in fields):
            continue
        typed = Stay(**{f: clean[f] for f in fields})
        if terms(typed) != terms(stay):
            changes[fields[0]] = (
                f"Des places sont confirmées sur ce séjour : {words} ne peut plus changer."
            )
    return changes


def _unit(stay_or_activity) -> Unit:
    activity_id = getattr(stay_or_activity, "activity_id", None) or stay_or_activity.pk
    return Unit.objects.filter(activity_id=activity_id).order_by("pk").first()


def _create_openings(*, unit: Unit, start: date, end: date, capacity: int) -> None:
    days = (end - start).days + 1
    Opening.objects.bulk_create(
        Opening(unit=unit, date=start + timedelta(days=i), capacity=capacity) for i in range(days)
    )


def _campaign(value) -> Campaign | None:
    if value in (None, "") or isinstance(value, Campaign):
        return value or None
    campaign = Campaign.objects.filter(pk=value).first()
    if campaign is None:
        raise DomainError("Cette campagne de vœux n'existe pas.", field="campaign")
    return campaign


def _document_types(values) -> list[DocumentType]:
    ids = [getattr(v, "pk", v) for v in values or []]
    types = list(DocumentType.objects.filter(pk__in=ids, scope=DocumentType.SCOPE_CHILD))
    if len(types) != len(set(ids)):
        raise DomainError(
            "Choisissez des pièces demandées pour chaque enfant.", field="document_types"
        )
    return types


def _school_levels(values) -> list[SchoolLevel]:
    ids = [getattr(v, "pk", v) for v in values or []]
    levels = list(SchoolLevel.objects.filter(pk__in=ids))
    if len(levels) != len(set(ids)):
        raise DomainError("Classe inconnue.", field="school_levels")
    return levels


def _set_transports(stay: Stay, rows: list[dict]) -> None:
    # Transport options chosen by a wish are protected: those kept are updated in place by
    # city, the others removed (refused by the database if a wish names them).
    existing = {t.city.lower(): t for t in stay.transports.all()}
    keep = set()
    for row in rows:
        option = existing.get(row["city"].lower()) or TransportOption(stay=stay)
        for field, value in row.items():
            setattr(option, field, value)
        option.save()
        keep.add(option.pk)
    from django.db.models import ProtectedError

    try:
        stay.transports.exclude(pk__in=keep).delete()
    except ProtectedError:
        raise DomainError(
            "Un départ choisi dans un vœu ne peut pas être supprimé.", field="transports"
        ) from None


def _current_data(stay: Stay) -> dict:
    activity = stay.activity
    data = {f: getattr(stay, f) for f in STAY_FIELDS}
    data.update({f: getattr(activity, f) for f in ACTIVITY_FIELDS})
    data.update(
        start_date=activity.start_date,
        end_date=activity.end_date,
        capacity=stay.capacity,
        season=activity.season,
        transports=[
            {
                "city": t.city,
                "meeting_place": t.meeting_place,
                "meeting_at": t.meeting_at,
                "return_at": t.return_at,
                "supplement": t.supplement,
            }
            for t in stay.transports.all()
        ],
    )
    return data


@transaction.atomic
def create_stay(*, data: dict, by) -> Stay:
    """A new stay from the form's ``data`` (see ``stay_data.check_stay``), with its activity,
    unit, openings and departures."""
    clean = check_stay(data)
    campaign = _campaign(data.get("campaign"))
    documents = _document_types(data.get("document_types"))
    levels = _school_levels(data.get("school_levels"))
    start, end = clean["start_date"], clean["end_date"]
    activity = create_activity(
        module="sejours",
        kind="sejour",
        name=clean["name"].strip(),
        season=(clean.get("season") or (campaign.season if campaign else str(start.year))),
        start_date=start,
        end_date=end,
        **{f: clean[f] for f in ACTIVITY_FIELDS if f != "name" and clean.get(f) is not None},
    )
    if levels:
        activity.school_levels.set(levels)
    unit = _unit(activity)
    unit.capacity = clean["capacity"]
    unit.save(update_fields=["capacity"])
    _create_openings(unit=unit, start=start, end=end, capacity=clean["capacity"])
    stay = Stay(activity=activity, campaign=campaign, capacity=clean["capacity"])
    for field in STAY_FIELDS:
        if clean.get(field) is not None:
            setattr(stay, field, clean[field])
    stay.save()
    stay.document_types.set(documents)
    _set_transports(stay, clean["transports"])
    return stay


@transaction.atomic
def update_stay(*, stay: Stay, data: dict, by) -> Stay:
    """Change a stay. New dates re-create its days only while no place is held; a new
    capacity is never below the places already held; the terms of the contract (cancellation
    scale, deposit, price) no longer change once a place is accepted."""
    stay = Stay.objects.select_for_update().select_related("activity").get(pk=stay.pk)
    activity = stay.activity
    merged = {**_current_data(stay), **data}
    if "cancellation_scale" not in data:
        # The stored scale is not re-checked when it is not sent: a scale saved before the
        # rule of the final step at 0 days must not block a change of anything else.
        del merged["cancellation_scale"]
    # One deposit rule: giving one of them alone replaces the other.
    pairs = (("deposit_amount", "deposit_percent"), ("deposit_percent", "deposit_amount"))
    for given, other in pairs:
        if data.get(given) is not None and other not in data:
            merged[other] = None
    clean = check_stay(merged)
    changes = _contract_changes(stay, clean)
    if changes:
        # The places' rows are locked before the stay's days (the order a cancellation takes
        # them): an offer being accepted now waits, then signs the terms written here.
        list(
            Wish.objects.select_for_update(of=("self",))
            .filter(stay=stay, status__in=Wish.HOLDS_PLACE)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
    unit = _unit(stay)
    # Under the engine's locks: a place booked meanwhile is counted, or waits for the new
    # capacity.
    held = max((o.booked for o in _lock_openings(unit)), default=0)
    # Read after the days' locks: a direct booking (a new place, no row to lock above) either
    # committed while we waited and is seen here, or waits for these terms.
    if changes and Wish.objects.filter(stay=stay, status=Wish.STATUS_ACCEPTED).exists():
        raise StayLocked(fields=changes, code="stay_contract_signed")
    dates_changed = (clean["start_date"], clean["end_date"]) != (
        activity.start_date,
        activity.end_date,
    )
    if dates_changed:
        if held:
            raise StayLocked(
                f"{held} place(s) déjà attribuée(s) : les dates ne peuvent plus changer. "
                "Annulez le séjour ou libérez les places d'abord.",
                field="start_date",
            )
        if Reservation.objects.filter(unit__activity=activity).exists():
            # Past reservations (freed places) keep their days: the days stay as they are.
            raise StayLocked(
                "Des places ont déjà été données puis libérées sur ce séjour : ses dates ne "
                "peuvent plus changer. Créez une copie aux nouvelles dates.",
                field="start_date",
            )
        Opening.objects.filter(unit__activity=activity).delete()
        _create_openings(
            unit=unit, start=clean["start_date"], end=clean["end_date"], capacity=clean["capacity"]
        )
    if clean["capacity"] != stay.capacity:
        if clean["capacity"] < held:
            raise StayLocked(
                f"{held} places sont déjà attribuées : la capacité ne peut pas descendre "
                "en dessous.",
                field="capacity",
            )
        unit.capacity = clean["capacity"]
        unit.save(update_fields=["capacity"])
        Opening.objects.filter(unit=unit).update(capacity=clean["capacity"])
    for field in ACTIVITY_FIELDS:
        if field in data:
            setattr(activity, field, clean[field])
    activity.start_date, activity.end_date = clean["start_date"], clean["end_date"]
    if "season" in data and data["season"]:
        activity.season = data["season"]
    activity.save()
    if "school_levels" in data:
        activity.school_levels.set(_school_levels(data["school_levels"]))
    for field in STAY_FIELDS:
        if field in data or field in DERIVED:
            setattr(stay, field, clean[field])
    stay.capacity = clean["capacity"]
    if "campaign" in data:
        stay.campaign = _campaign(data["campaign"])
    stay.save()
    if "document_types" in data:
        stay.document_types.set(_document_types(data["document_types"]))
    if "transports" in data:
        _set_transports(stay, clean["transports"])
    return stay


@transaction.atomic
def copy_stay(*, stay: Stay, start_date: date, campaign=None, by) -> Stay:
    """« Copier depuis la saison passée »: the same stay from ``start_date``, its length,
    departures (times moved by the same number of days), documents and media kept."""
    if not isinstance(start_date, date):
        raise DomainError("Indiquez la date de départ de la copie.", field="start_date")
    activity: Activity = stay.activity
    shift = start_date - activity.start_date
    data = _current_data(stay)
    data.update(
        start_date=start_date,
        end_date=activity.end_date + shift,
        season=campaign.season if campaign is not None else str(start_date.year),
        campaign=campaign,
        document_types=list(stay.document_types.all()),
        school_levels=list(activity.school_levels.all()),
        transports=[
            {
                **t,
                "meeting_at": t["meeting_at"] + shift,
                "return_at": t["return_at"] + shift if t["return_at"] else None,
            }
            for t in data["transports"]
        ],
    )
    copy = create_stay(data=data, by=by)
    copy.copied_from = stay
    copy.save(update_fields=["copied_from"])
    # The files are shared, not duplicated: a copy's photos are the same pictures.
    StayMedia.objects.bulk_create(
        StayMedia(
            stay=copy,
            kind=m.kind,
            file=m.file.name,
            content_type=m.content_type,
            caption=m.caption,
            order=m.order,
            uploaded_by=m.uploaded_by,
        )
        for m in stay.media.all()
    )
    return copy
