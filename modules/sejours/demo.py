"""« Les Colos du Vercors »: a summer of stays with its wish campaign open, as the séjours
guide describes them (``make demo``).

Every date counts from the structure's today: the next July–August, a campaign opened a week
ago. Places are held through the services (``places.offer``, ``offers.accept_offer``), so
the capacity counters are the reservations. Idempotent: once the season's campaign exists,
nothing is added again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from core.documents.models import DocumentType
from core.families.models import Child, Family, Guardian, GuardianChildLink
from core.tenancy.context import structure_today
from modules.sejours.demo_stays import (
    EXIT,
    IDENTITY,
    PRACTICAL,
    SWIM,
    TROUSSEAU,
    departures,
    summer_stays,
    summer_year,
)
from modules.sejours.models import Campaign, Stay, Wish
from modules.sejours.services import places
from modules.sejours.services.campaigns import create_campaign
from modules.sejours.services.stays import create_stay


def _stay_data(spec: dict, campaign: Campaign, documents: dict[str, DocumentType]) -> dict:
    start = spec["start"]
    end = start + timedelta(days=spec["days"] - 1)
    data = {
        k: v
        for k, v in spec.items()
        if k not in ("key", "start", "days", "ages", "documents", "transports")
    }
    return {
        **data,
        "campaign": campaign,
        "season": campaign.season,
        "start_date": start,
        "end_date": end,
        "min_age": spec["ages"][0],
        "max_age": spec["ages"][1],
        "trousseau": TROUSSEAU,
        "practical_info": PRACTICAL,
        "document_types": [documents[k] for k in spec.get("documents", ()) if k in documents],
        "transports": departures(start, end, spec["transports"]),
    }


@dataclass(frozen=True)
class Household:
    name: str
    first_name: str
    child: str
    sex: str
    age: int
    qf: int | None = None


# Other households of the structure who asked for the summer (no login): the coordinator's
# commission, waiting list and nearly full stay need more than the demo parent's child.
HOUSEHOLDS = (
    Household("ROCHE", "Amandine", "Jules", "M", 7),
    Household("FAURE", "Sébastien", "Inès", "F", 7),
    Household("GIRAUD", "Nadia", "Tom", "M", 7),
    Household("BLANC", "Julien", "Maëlys", "F", 8),
    Household("CHEVALIER", "Sophie", "Nathan", "M", 6),
    Household("MERCIER", "Karine", "Louise", "F", 7),
    Household("BONNET", "Farid", "Adam", "M", 9),
    Household("DUMAS", "Élodie", "Chloé", "F", 12),
    Household("LAMBERT", "Thomas", "Hugo", "M", 10),
    Household("FONTAINE", "Laure", "Manon", "F", 15),
    Household("ROUSSEAU", "Yann", "Enzo", "M", 15),
)


def _household(spec: Household, year: int) -> Child:
    """The household and its child (found again by name on a later run)."""
    child = Child.objects.filter(family__name=spec.name, first_name=spec.child).first()
    if child is not None:
        return child
    family = Family.objects.create(
        name=spec.name,
        address_line1="4 place de la Mairie",
        postal_code="38250",
        city="Villard-de-Lans",
        regime=Family.REGIME_CAF,
    )
    guardian = Guardian.objects.create(
        family=family,
        is_primary=True,
        civility="m"
        if spec.first_name in ("Sébastien", "Julien", "Farid", "Thomas", "Yann")
        else "mme",
        first_name=spec.first_name,
        last_name=spec.name.title(),
        email=f"{spec.name.lower()}.famille@exemple.fr",
        phone_mobile="+33611223344",
    )
    # Born in spring: the age said is the age on the summer's first day.
    child = Child.objects.create(
        family=family,
        first_name=spec.child,
        last_name=spec.name.title(),
        birth_date=date(year - spec.age, 3, 12),
        sex=spec.sex,
    )
    relation = "father" if guardian.civility == "m" else "mother"
    GuardianChildLink.objects.create(guardian=guardian, child=child, relation=relation)
    return child


def _wish(child: Child, stay: Stay, rank: int, campaign: Campaign, by) -> Wish:
    return Wish.objects.create(
        campaign=campaign,
        family_id=child.family_id,
        child=child,
        stay=stay,
        rank=rank,
        transport=stay.transports.order_by("order").first(),
        created_by=by,
    )


def _accept(wish: Wish, by, *, paid: bool) -> None:
    from modules.sejours.services.offers import accept_offer

    wish = accept_offer(wish=places.offer(wish=wish, by=by), by=by)
    wish.refresh_from_db()
    invoice = wish.deposit_invoice
    if paid and invoice is not None:
        from core.billing.models import Payment
        from core.billing.services.allocation import ManualAllocation, record_payment

        record_payment(
            family=wish.family,
            amount=invoice.total,
            method=Payment.METHOD_CHEQUE,
            received_on=structure_today(),
            reference="Acompte séjour",
            allocations=[ManualAllocation(invoice_id=invoice.pk, amount=invoice.total)],
        )


def _install_short_stays(*, families, documents, by) -> None:
    """A campaign of short stays in three months whose wishes closed yesterday, with a
    proposal computed and not yet published: the commission screen after the deadline."""
    from modules.sejours.services.commission import run_proposal

    today = structure_today()
    start = today + timedelta(days=90)
    while start.weekday() != 0:  # Monday to Friday
        start += timedelta(days=1)
    label = f"Mini-séjours du {start:%d/%m/%Y}"
    if Campaign.objects.filter(label=label).exists():
        return
    now = timezone.now()
    campaign = create_campaign(
        data={
            "label": label,
            "season": str(start.year),
            "opens_at": now - timedelta(days=30),
            "closes_at": now - timedelta(days=1),
            "max_wishes": 2,
            "max_stays_per_child": 1,
            "criteria": ["first_stay_this_year", "quotient_band", "resident", "wish_date"],
            "keep_on_better_waitlists": True,
        },
        by=by,
    )
    specs = [
        {**spec, "key": f"mini-{spec['key']}", "start": start, "days": 5, "capacity": 3}
        for spec in summer_stays(start.year)
        if spec["key"] in ("trappeurs", "cabanes")
    ]
    for spec in specs:
        spec["name"] = f"{spec['name']} (mini-séjour)"
    stays = [create_stay(data=_stay_data(spec, campaign, documents), by=by) for spec in specs]
    young, older = stays
    children = [_household(h, start.year) for h in HOUSEHOLDS]
    jules, ines, tom, maelys, nathan, louise, adam, chloe, hugo, *_ = children
    # Five children for three places on the little ones' stay, and their second wishes.
    for child in (jules, ines, tom, maelys, nathan):
        _wish(child, young, 1, campaign, by)
    for child in (louise, adam, hugo):
        _wish(child, older, 1, campaign, by)
    _wish(louise, young, 2, campaign, by)
    run_proposal(campaign=campaign, by=by, seed=20260407)


@transaction.atomic
def install_demo(*, families) -> None:
    from core.accounts.models import User

    documents = {
        t.default_key: t
        for t in DocumentType.objects.filter(default_key__in=(SWIM, EXIT, IDENTITY))
    }
    _install_short_stays(
        families=families,
        documents=documents,
        by=User.objects.filter(email__iexact="gestion@exemple.fr").first(),
    )
    _install_summer(families=families, documents=documents)


def _install_summer(*, families, documents) -> None:
    today = structure_today()
    year = summer_year(today)
    label = f"Colos de l'été {year}"
    if Campaign.objects.filter(label=label).exists():
        return
    from core.accounts.models import User

    by = User.objects.filter(email__iexact="gestion@exemple.fr").first()
    now = timezone.now()
    campaign = create_campaign(
        data={
            "label": label,
            "season": f"Été {year}",
            "opens_at": now - timedelta(days=7),
            "closes_at": now + timedelta(days=35),
            "max_wishes": 3,
            "max_stays_per_child": 1,
            "criteria": [
                "first_stay_this_year",
                "quotient_band",
                "siblings_together",
                "resident",
                "wish_date",
            ],
            "keep_on_better_waitlists": True,
        },
        by=by,
    )
    stays = {
        spec["key"]: create_stay(data=_stay_data(spec, campaign, documents), by=by)
        for spec in summer_stays(year)
    }
    children = [_household(h, year) for h in HOUSEHOLDS]
    jules, ines, tom, maelys, nathan, louise, adam, chloe, hugo, manon, enzo = children

    # The ranch is nearly full: four places confirmed (two deposits paid), one offered.
    for child, paid in ((jules, True), (ines, True), (tom, False), (maelys, False)):
        _accept(_wish(child, stays["ranch"], 1, campaign, by), by, paid=paid)
    places.offer(wish=_wish(nathan, stays["ranch"], 1, campaign, by), by=by)
    waiting = _wish(louise, stays["ranch"], 1, campaign, by)
    waiting.status, waiting.waitlist_position = Wish.STATUS_WAITLISTED, 1
    waiting.save(update_fields=["status", "waitlist_position", "updated_at"])
    _wish(louise, stays["trappeurs"], 2, campaign, by)
    refused = _wish(hugo, stays["costa"], 1, campaign, by)
    refused.status = Wish.STATUS_REFUSED
    refused.reason = "Âge au départ 10 ans : séjour pour les enfants de 11 à 14 ans."
    refused.save(update_fields=["status", "reason", "updated_at"])
    _wish(hugo, stays["cabanes"], 2, campaign, by)

    # Wishes waiting for the commission.
    _wish(adam, stays["cabanes"], 1, campaign, by)
    _wish(chloe, stays["voile"], 1, campaign, by)
    _wish(chloe, stays["costa"], 2, campaign, by)
    _wish(manon, stays["toscane"], 1, campaign, by)
    _wish(enzo, stays["toscane"], 1, campaign, by)

    # The demo parent's child: a place on the ranch to confirm (the deposit comes after),
    # and a second wish still waiting.
    for family in families:
        for child in Child.objects.filter(family=family).order_by("pk")[:1]:
            places.offer(wish=_wish(child, stays["ranch"], 1, campaign, by), by=by)
            _wish(child, stays["trappeurs"], 2, campaign, by)
