"""The allocation commission on the database: proposal, manual moves, publication, API."""

from contextlib import contextmanager
from datetime import date, timedelta

import pytest
from django.db import connection
from django.utils import timezone

from core.accounts.roles import Role
from core.booking.models import Reservation
from core.families.models import Child, QuotientDeclaration
from modules.sejours.models import AllocationRun, Campaign, ManualMove, Wish
from modules.sejours.services import commission
from modules.sejours.services.places import offer, places_left
from tests.support.factories import make_family, make_user
from tests.support.sejours import make_campaign, make_stay, make_wish

pytestmark = [pytest.mark.django_db, pytest.mark.frozen_at("2027-03-01T10:00:00+01:00")]

API = "/api/v1/sejours/staff"


@pytest.fixture
def coordinator(alpha):
    return make_user(tenant=alpha, role=Role.COORDINATEUR)


def closed_campaign(**fields):
    """A campaign whose wishes closed yesterday: the commission's time."""
    return make_campaign(opens=timezone.now() - timedelta(days=31), days_open=30, **fields)


@contextmanager
def structure_zone(zone: str):
    """The structure in another time zone for the block (the tenant object is shared)."""
    tenant = connection.tenant
    previous = tenant.time_zone
    tenant.time_zone = zone
    try:
        yield
    finally:
        tenant.time_zone = previous


def kid(family, name: str, born: date = date(2018, 5, 4)) -> Child:
    return Child.objects.create(
        family=family, first_name=name, last_name=family.name, birth_date=born
    )


def test_proposal_never_exceeds_places_left(family, coordinator):
    campaign = closed_campaign()
    stay = make_stay(capacity=2, campaign=campaign)
    # A place already held outside the campaign (a direct booking): one place left.
    other = make_family()[0].children.get()
    offer(wish=make_wish(child=other, stay=stay, campaign=None), by=coordinator)
    children = [kid(family, f"Enfant{i}") for i in range(3)]
    for child in children:
        make_wish(child=child, stay=stay)

    run = commission.run_proposal(campaign=campaign, by=coordinator, seed=7)

    placed = run.summary["stays"][str(stay.pk)]["placed"]
    assert len(placed) == 1
    assert len(run.summary["stays"][str(stay.pk)]["waitlist"]) == 2
    assert run.seed == 7
    assert run.created_by == coordinator
    assert run.summary["counts"] == {"placed": 1, "waitlisted": 2, "refused": 0, "no_wish": 0}


def test_proposal_is_reproducible_from_its_recorded_seed(family, coordinator):
    campaign = closed_campaign()
    stay = make_stay(capacity=2, campaign=campaign)
    for i in range(6):
        make_wish(child=kid(family, f"Enfant{i}"), stay=stay)

    first = commission.run_proposal(campaign=campaign, by=coordinator)
    again = commission.run_proposal(campaign=campaign, by=coordinator, seed=first.seed)

    assert 0 <= first.seed < 2**48
    assert again.decisions == first.decisions
    assert again.summary["stays"] == first.summary["stays"]


def test_proposal_refuses_a_child_outside_the_ages(family, coordinator):
    campaign = closed_campaign()
    stay = make_stay(capacity=5, campaign=campaign, min_age=12, max_age=15)
    child = kid(family, "Petit")  # 8 years old at departure
    make_wish(child=child, stay=stay)

    run = commission.run_proposal(campaign=campaign, by=coordinator, seed=1)

    decision = run.decisions[str(child.pk)]
    assert decision["status"] == "refused"
    assert "âge au départ 8 ans" in decision["refusals"][0]["reason"]
    assert run.summary["stays"][str(stay.pk)]["placed"] == []


def test_a_child_gets_at_most_max_stays_per_child(family, coordinator):
    campaign = closed_campaign(max_stays_per_child=1)
    sea = make_stay(name="Mer", capacity=5, campaign=campaign)
    mountain = make_stay(name="Montagne", capacity=5, campaign=campaign)
    child = kid(family, "Léa")
    make_wish(child=child, stay=sea, rank=1)
    make_wish(child=child, stay=mountain, rank=2)

    run = commission.run_proposal(campaign=campaign, by=coordinator, seed=3)

    decision = run.decisions[str(child.pk)]
    assert [p["stay_id"] for p in decision["placements"]] == [str(sea.pk)]
    assert "non examiné" in decision["trail"][1]


def test_lower_quotient_band_goes_first(family, coordinator):
    campaign = closed_campaign(criteria=["quotient_band"])
    stay = make_stay(capacity=1, campaign=campaign)
    rich = kid(family, "Aisé")
    modest_family = make_family()[0]
    modest = modest_family.children.get()
    QuotientDeclaration.objects.create(
        family=modest_family,
        value=300,
        valid_from=date(2026, 1, 1),
        status=QuotientDeclaration.STATUS_ACCEPTED,
    )
    QuotientDeclaration.objects.create(
        family=family, value=1500, valid_from=date(2026, 1, 1), status="accepted"
    )
    make_wish(child=rich, stay=stay)
    make_wish(child=modest, stay=stay)

    inputs = commission.build_inputs(campaign=campaign)
    bands = {c.id: c.quotient_band for c in inputs["children"]}
    assert bands[str(modest.pk)] < bands[str(rich.pk)]
    for seed in range(5):
        run = commission.run_proposal(campaign=campaign, by=coordinator, seed=seed)
        assert run.decisions[str(modest.pk)]["status"] == "placed"


def test_overview_counts_wishes_by_rank_and_demand(family, coordinator):
    campaign = make_campaign()
    sea = make_stay(name="Mer", capacity=2, campaign=campaign)
    mountain = make_stay(name="Montagne", capacity=4, campaign=campaign)
    for i in range(4):
        child = kid(family, f"E{i}")
        make_wish(child=child, stay=sea, rank=1)
        make_wish(child=child, stay=mountain, rank=2)

    rows = {r["id"]: r for r in commission.campaign_overview(campaign=campaign)["stays"]}

    assert rows[sea.pk]["wishes_by_rank"] == {"1": 4, "2": 0, "3": 0}
    assert rows[sea.pk]["demand_ratio"] == 2.0
    assert rows[mountain.pk]["wishes_by_rank"]["2"] == 4
    assert rows[mountain.pk]["places_left"] == 4


def _full_stay(family, coordinator, capacity=1, wishes=2):
    campaign = closed_campaign()
    stay = make_stay(name="Mer", capacity=capacity, campaign=campaign)
    children = [kid(family, f"Enfant{i}") for i in range(wishes)]
    for child in children:
        make_wish(child=child, stay=stay)
    run = commission.run_proposal(campaign=campaign, by=coordinator, seed=11)
    return campaign, stay, children, run


def test_a_move_needs_a_reason(family, coordinator):
    _, stay, children, run = _full_stay(family, coordinator)

    with pytest.raises(commission.DomainError) as error:
        commission.move(
            run=run, child=children[0], to_stay=stay, to_status="waitlisted", reason=" ", by=None
        )
    assert error.value.field == "reason"


def test_a_move_over_capacity_is_refused(family, coordinator):
    _, stay, children, run = _full_stay(family, coordinator)
    waiting = next(c for c in children if run.decisions[str(c.pk)]["status"] == "waitlisted")

    with pytest.raises(commission.CommissionError):
        commission.move(
            run=run, child=waiting, to_stay=stay, to_status="placed", reason="PAI", by=coordinator
        )
    assert not ManualMove.objects.exists()


def test_a_move_says_what_it_changes_and_is_kept(family, coordinator):
    _, stay, children, run = _full_stay(family, coordinator)
    placed = next(c for c in children if run.decisions[str(c.pk)]["status"] == "placed")
    waiting = next(c for c in children if c != placed)

    freed = commission.move(
        run=run,
        child=placed,
        to_stay=stay,
        to_status="waitlisted",
        reason="Famille injoignable",
        by=coordinator,
    )
    run.refresh_from_db()
    taken = commission.move(
        run=run,
        child=waiting,
        to_stay=stay,
        to_status="placed",
        reason="Situation sociale",
        by=coordinator,
    )

    assert any("Une place se libère" in sentence for sentence in freed.effect)
    assert "rang 2" in freed.effect[0]
    assert taken.effect[0].startswith(f"{waiting.first_name} ")
    assert any("quitte la liste d'attente" in sentence for sentence in taken.effect)
    run.refresh_from_db()
    assert run.decisions[str(waiting.pk)]["status"] == "placed"
    assert run.decisions[str(waiting.pk)]["manual"] is True
    assert run.decisions[str(placed.pk)]["waitlists"][0]["position"] == 1
    assert "Motif : Situation sociale" in run.decisions[str(waiting.pk)]["trail"][-1]
    assert ManualMove.objects.filter(run=run).count() == 2
    assert run.summary["stays"][str(stay.pk)]["placed"] == [str(waiting.pk)]


def test_a_move_outside_the_ages_is_refused(family, coordinator):
    campaign = closed_campaign()
    stay = make_stay(capacity=5, campaign=campaign, min_age=10, max_age=12)
    child = kid(family, "Petit")
    make_wish(child=child, stay=stay)
    run = commission.run_proposal(campaign=campaign, by=coordinator, seed=1)

    with pytest.raises(commission.DomainError):
        commission.move(
            run=run, child=child, to_stay=stay, to_status="placed", reason="x", by=coordinator
        )


def test_publish_offers_waitlists_and_refuses(
    family, coordinator, django_capture_on_commit_callbacks
):
    campaign = closed_campaign()
    sea = make_stay(name="Mer", capacity=1, campaign=campaign)
    teens = make_stay(name="Ados", capacity=5, campaign=campaign, min_age=13, max_age=17)
    a, b = kid(family, "Anna"), kid(family, "Bruno")
    wishes = {
        "a1": make_wish(child=a, stay=sea, rank=1),
        "b1": make_wish(child=b, stay=sea, rank=1),
        "b2": make_wish(child=b, stay=teens, rank=2),
    }
    run = commission.run_proposal(campaign=campaign, by=coordinator, seed=5)
    placed_id = run.summary["stays"][str(sea.pk)]["placed"][0]

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        result = commission.publish(run=run, by=coordinator)

    for w in wishes.values():
        w.refresh_from_db()
    first = wishes["a1"] if placed_id == str(a.pk) else wishes["b1"]
    second = wishes["b1"] if first is wishes["a1"] else wishes["a1"]
    assert first.status == Wish.STATUS_OFFERED
    assert Reservation.objects.filter(child_id=first.child_id).count() == 7
    assert second.status == Wish.STATUS_WAITLISTED
    assert second.waitlist_position == 1
    assert wishes["b2"].status == Wish.STATUS_REFUSED
    assert "âge au départ" in wishes["b2"].reason
    assert result["offered"] == 1 and result["waitlisted"] == 1 and result["refused"] == 1
    assert result["families"] == 1
    assert len(callbacks) == 1
    campaign.refresh_from_db()
    assert campaign.status == Campaign.STATUS_PUBLISHED
    assert places_left([sea]) == {sea.pk: 0}
    with pytest.raises(commission.CommissionError):
        commission.publish(run=run, by=coordinator)
    with pytest.raises(commission.CommissionError):
        commission.run_proposal(campaign=campaign, by=coordinator)


def test_publish_refuses_the_worse_wishes_of_a_placed_child(family, coordinator):
    campaign = closed_campaign(keep_on_better_waitlists=False)
    sea = make_stay(name="Mer", capacity=5, campaign=campaign)
    mountain = make_stay(name="Montagne", capacity=5, campaign=campaign)
    child = kid(family, "Léa")
    first = make_wish(child=child, stay=sea, rank=1)
    second = make_wish(child=child, stay=mountain, rank=2)
    run = commission.run_proposal(campaign=campaign, by=coordinator, seed=2)

    commission.publish(run=run, by=coordinator)

    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == Wish.STATUS_OFFERED
    assert second.status == Wish.STATUS_REFUSED
    assert second.reason == "place attribuée sur un autre vœu"


def test_only_the_latest_run_is_published(family, coordinator):
    campaign, _, _, old = _full_stay(family, coordinator)
    commission.run_proposal(campaign=campaign, by=coordinator, seed=1)

    with pytest.raises(commission.CommissionError):
        commission.publish(run=old, by=coordinator)


def test_a_stay_full_at_publication_waitlists_and_says_so(family, coordinator):
    _, stay, children, run = _full_stay(family, coordinator)
    intruder = make_family()[0].children.get()
    offer(wish=make_wish(child=intruder, stay=stay, campaign=None), by=coordinator)

    result = commission.publish(run=run, by=coordinator)

    assert result["offered"] == 0
    assert "plus de place" in result["notes"][0]
    statuses = set(
        Wish.objects.filter(child__in=children).values_list("status", "waitlist_position")
    )
    assert statuses == {(Wish.STATUS_WAITLISTED, 1), (Wish.STATUS_WAITLISTED, 2)}


def test_no_proposal_nor_publication_while_wishes_are_open(family, coordinator):
    campaign = closed_campaign()
    stay = make_stay(capacity=2, campaign=campaign)
    make_wish(child=kid(family, "Léa"), stay=stay)
    run = commission.run_proposal(campaign=campaign, by=coordinator, seed=1)
    # Reopened (extended) after the run: families may change their wishes again.
    campaign.closes_at = timezone.now() + timedelta(days=2)  # 03/03/2027 10:00 in Paris
    campaign.save(update_fields=["closes_at"])

    with pytest.raises(commission.CommissionError) as error:
        commission.run_proposal(campaign=campaign, by=coordinator)
    assert error.value.code == "campaign_open"
    assert "ouverts jusqu'au 03/03/2027 à 10:00" in str(error.value)
    with pytest.raises(commission.CommissionError) as error:
        commission.publish(run=run, by=coordinator)
    assert error.value.code == "campaign_open"
    assert AllocationRun.objects.filter(campaign=campaign).count() == 1
    assert Wish.objects.get(stay=stay).status == Wish.STATUS_PENDING


def test_the_open_campaign_message_uses_the_structures_time_zone(coordinator):
    campaign = make_campaign()  # closes on 24/03/2027 at 10:00 in Paris, 06:00 in Cayenne

    with structure_zone("America/Cayenne"), pytest.raises(commission.CommissionError) as error:
        commission.run_proposal(campaign=campaign, by=coordinator)
    assert "jusqu'au 24/03/2027 à 06:00" in str(error.value)


def test_a_move_to_a_stay_added_after_the_run_is_refused(family, coordinator):
    campaign, _, children, run = _full_stay(family, coordinator)
    late = make_stay(name="Lac", capacity=5, campaign=campaign)
    make_wish(child=children[0], stay=late, rank=2)

    for status in ("placed", "waitlisted", "refused"):
        with pytest.raises(commission.CommissionError) as error:
            commission.move(
                run=run, child=children[0], to_stay=late, to_status=status, reason="x", by=None
            )
        assert str(error.value) == (
            "Ce séjour n'est pas dans cette proposition : relancez une proposition."
        )
    assert not ManualMove.objects.exists()


def test_publish_leaves_pending_the_wishes_the_run_never_saw(family, coordinator):
    campaign, stay, children, run = _full_stay(family, coordinator)
    waiting = next(c for c in children if run.decisions[str(c.pk)]["status"] == "waitlisted")
    late = make_stay(name="Lac", capacity=5, campaign=campaign)
    on_late_stay = make_wish(child=waiting, stay=late, rank=2)
    newcomer = make_wish(child=kid(family, "Nouveau"), stay=stay)

    result = commission.publish(run=run, by=coordinator)

    on_late_stay.refresh_from_db()
    newcomer.refresh_from_db()
    assert on_late_stay.status == Wish.STATUS_PENDING and on_late_stay.reason == ""
    assert newcomer.status == Wish.STATUS_PENDING
    assert result["not_examined"] == 2
    assert result["offered"] == 1 and result["waitlisted"] == 1 and result["refused"] == 0


def test_a_manual_refusal_tells_the_family_a_fixed_reason_and_keeps_the_motive_inside(
    family, coordinator, django_capture_on_commit_callbacks
):
    from django.core import mail

    _, stay, children, run = _full_stay(family, coordinator)
    waiting = next(c for c in children if run.decisions[str(c.pk)]["status"] == "waitlisted")

    move = commission.move(
        run=run,
        child=waiting,
        to_stay=stay,
        to_status="refused",
        reason="PAI incompatible",
        by=coordinator,
    )
    run.refresh_from_db()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        commission.publish(run=run, by=coordinator)

    fixed = (
        "Refusé par la commission d'attribution. Pour en savoir plus, contactez le "
        "coordinateur séjours."
    )
    wish = Wish.objects.get(child=waiting, stay=stay)
    assert wish.status == Wish.STATUS_REFUSED
    assert wish.reason == fixed
    assert move.reason == "PAI incompatible"
    assert move.created_by == coordinator
    assert "Motif : PAI incompatible" in run.decisions[str(waiting.pk)]["trail"][-1]
    [message] = mail.outbox
    bodies = [message.body, *(content for content, _ in message.alternatives)]
    assert all("PAI" not in body for body in bodies)
    assert fixed in message.body


def test_the_manual_move_trail_is_dated_in_the_structures_time_zone(family, coordinator):
    _, stay, children, run = _full_stay(family, coordinator)
    waiting = next(c for c in children if run.decisions[str(c.pk)]["status"] == "waitlisted")

    with structure_zone("America/Cayenne"):  # 01/03/2027 10:00 in Paris, 06:00 in Cayenne
        commission.move(
            run=run, child=waiting, to_stay=stay, to_status="refused", reason="x", by=None
        )

    run.refresh_from_db()
    assert "01/03/2027 06:00" in run.decisions[str(waiting.pk)]["trail"][-1]


# --- API ------------------------------------------------------------------------------------


def test_staff_runs_moves_and_publishes_through_the_api(family, staff):
    campaign, stay, children, _ = _full_stay(family, None)

    page = staff.get(f"{API}/campaigns/{campaign.pk}/commission")
    assert page.status_code == 200, page.content
    body = page.json()
    assert body["stays"][0]["capacity"] == 1
    assert body["run"]["seed"] == "11"
    assert {c["id"] for c in body["run"]["children"]} == {c.pk for c in children}

    created = staff.post(
        f"{API}/campaigns/{campaign.pk}/runs", {"seed": 42}, content_type="application/json"
    )
    assert created.status_code == 201, created.content
    run_id = created.json()["id"]
    run = AllocationRun.objects.get(pk=run_id)
    waiting = next(c for c in children if run.decisions[str(c.pk)]["status"] == "waitlisted")

    refused = staff.post(
        f"{API}/runs/{run_id}/moves",
        {"child": waiting.pk, "to_stay": stay.pk, "to_status": "placed", "reason": "PAI"},
        content_type="application/json",
    )
    assert refused.status_code == 409
    no_reason = staff.post(
        f"{API}/runs/{run_id}/moves",
        {"child": waiting.pk, "to_stay": stay.pk, "to_status": "refused", "reason": ""},
        content_type="application/json",
    )
    assert no_reason.status_code == 400
    moved = staff.post(
        f"{API}/runs/{run_id}/moves",
        {"child": waiting.pk, "to_stay": stay.pk, "to_status": "refused", "reason": "Doublon"},
        content_type="application/json",
    )
    assert moved.status_code == 201, moved.content
    assert moved.json()["effect"]

    published = staff.post(f"{API}/runs/{run_id}/publish")
    assert published.status_code == 200, published.content
    assert published.json()["offered"] == 1
    assert published.json()["refused"] == 1
    again = staff.post(f"{API}/runs/{run_id}/publish")
    assert again.status_code == 409


def test_campaign_list_for_the_commission(staff):
    campaign = make_campaign()
    make_stay(campaign=campaign)

    response = staff.get(f"{API}/commission/campaigns")

    assert response.status_code == 200
    assert response.json()[0]["stays"] == 1


def test_the_campaign_picker_queries_do_not_grow_with_empty_campaigns(staff):
    from django.test.utils import CaptureQueriesContext

    make_campaign(label="Avec séjour", opens=timezone.now() - timedelta(days=400))
    make_stay(campaign=Campaign.objects.get())

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert staff.get(f"{API}/commission/campaigns").status_code == 200
        return len(captured.captured_queries)

    one = queries()
    for i in range(3):  # no stay, no wish, no run: counts of 0
        make_campaign(label=f"Vide {i}", opens=timezone.now() - timedelta(days=100 * i))
    assert queries() == one


def test_families_and_other_roles_cannot_reach_the_commission(parent, alpha, alpha_client):
    from tests.support.dossier import logged

    campaign = make_campaign()
    url = f"{API}/campaigns/{campaign.pk}/commission"
    assert parent.get(url).status_code == 403
    assert alpha_client.get(url).status_code in (401, 403)
    accountant = make_user(tenant=alpha, role=Role.COMPTABLE)
    assert logged("alpha.localhost", accountant.email).get(url).status_code == 403
    assert parent.post(f"{API}/campaigns/{campaign.pk}/runs").status_code == 403


def test_another_structure_sees_nothing(alpha, beta):
    from django.db import connection

    from tests.support.dossier import logged

    campaign = make_campaign()
    stay = make_stay(campaign=campaign)
    client = logged("beta.localhost", make_user(tenant=beta, role=Role.GESTIONNAIRE).email)
    for url in (
        f"{API}/campaigns/{campaign.pk}/commission",
        f"{API}/stays/{stay.pk}/follow-up",
        f"{API}/stays/{stay.pk}/exports/health.csv",
    ):
        assert client.get(url).status_code == 404
    connection.set_tenant(alpha)  # the requests left the connection on beta's schema


def test_publishing_emails_each_family_once(
    family, coordinator, django_capture_on_commit_callbacks
):
    from django.core import mail

    campaign, _, _, run = _full_stay(family, coordinator, capacity=1, wishes=2)
    other = make_family()[0].children.get()
    make_wish(child=other, stay=make_stay(name="Ados", campaign=campaign, min_age=13), rank=1)
    run = commission.run_proposal(campaign=campaign, by=coordinator, seed=4)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        result = commission.publish(run=run, by=coordinator)

    assert result["families"] == 2
    assert len(mail.outbox) == 2
