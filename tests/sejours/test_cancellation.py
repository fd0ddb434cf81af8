"""Cancelling a place with the stay's scale (credit notes through billing), on a medical
certificate (everything back), and a whole stay cancelled by the structure."""

from datetime import date
from decimal import Decimal

import pytest
from django.core import mail

from core.billing.models import Invoice
from modules.sejours.models import Stay, Wish
from modules.sejours.services.cancellation import cancel_place
from modules.sejours.services.invoices import issue_due_balances
from modules.sejours.services.places import places_left
from tests.support.factories import make_family
from tests.support.sejours import make_stay, make_wish
from tests.support.sejours_money import accepted_place, give_quotient, net_invoiced

pytestmark = [pytest.mark.django_db, pytest.mark.frozen_at("2027-03-01T10:00:00+01:00")]

CANCEL = "/api/v1/sejours/places/{}/cancel"
STAFF_CANCEL = "/api/v1/sejours/staff/places/{}/cancel"
STAY_CANCEL = "/api/v1/sejours/staff/stays/{}/cancel"


def test_more_than_30_days_before_the_deposit_is_kept(family, parent):
    wish = accepted_place(family=family, price="400.00")  # departure in 60 days

    response = parent.post(
        CANCEL.format(wish.pk), {"reason": "Changement de projet"}, content_type="application/json"
    )

    assert response.status_code == 200, response.content
    assert response.json()["kept"] == "120.00"
    wish.refresh_from_db()
    assert wish.status == Wish.STATUS_CANCELLED and wish.cancel_reason == "Changement de projet"
    assert places_left([wish.stay]) == {wish.stay.pk: 10}
    assert net_invoiced(wish) == Decimal("120.00")


def test_less_than_30_days_before_half_is_kept_after_the_balance(family, clock):
    give_quotient(family, 350)  # VACAF 210 € on a 400 € stay
    wish = accepted_place(family=family, price="400.00", days=7)
    clock.move_to("2027-04-10T09:00:00+02:00")  # 20 days before departure
    issue_due_balances()
    wish.refresh_from_db()
    assert net_invoiced(wish) == Decimal("190.00")  # 120 + 70: the aids paid the rest

    result = cancel_place(wish=wish, by=family.parent, reason="Raison familiale")

    # 50 % of 400 = 200, but never more than the family would have paid (190): the aids fall.
    assert result.kept == Decimal("190.00")
    assert net_invoiced(wish) == result.kept


def test_50_percent_without_aid_credits_the_balance_then_the_deposit(family, clock):
    wish = accepted_place(family=family, price="400.00", days=7)
    clock.move_to("2027-04-10T09:00:00+02:00")
    issue_due_balances()

    result = cancel_place(wish=wish, by=family.parent, reason="Blessure")

    assert result.kept == Decimal("200.00") and result.credit == Decimal("200.00")
    wish.refresh_from_db()
    note = Invoice.objects.get(kind=Invoice.KIND_CREDIT_NOTE, refers_to=wish.balance_invoice)
    assert note.total == Decimal("200.00")
    assert net_invoiced(wish) == Decimal("200.00")


def test_cancelled_before_the_balance_is_invoiced_bills_what_the_scale_keeps(family):
    # A stay whose balance comes 5 days before departure, cancelled 20 days before.
    stay = make_stay(price="400.00", balance_days_before=5, start=date(2027, 3, 21))
    wish = accepted_place(family=family, stay=stay)

    result = cancel_place(wish=wish, by=family.parent, reason="Malade")

    assert result.kept == Decimal("200.00") and result.to_invoice == Decimal("80.00")
    assert net_invoiced(wish) == Decimal("200.00")


def test_medical_certificate_refunds_everything_only_through_staff(family, parent, staff):
    wish = accepted_place(family=family, price="400.00")

    refused = parent.post(
        CANCEL.format(wish.pk),
        {"reason": "Malade", "medical": True},
        content_type="application/json",
    )
    # A family's word is not a certificate: nothing cancelled, the family is told what to do.
    assert refused.status_code == 400
    assert "certificat" in refused.content.decode()
    wish.refresh_from_db()
    assert wish.status == Wish.STATUS_ACCEPTED

    other = accepted_place(family=family, price="400.00", name="Séjour mer")
    done = staff.post(
        STAFF_CANCEL.format(other.pk),
        {"reason": "Certificat médical reçu", "medical": True},
        content_type="application/json",
    )
    assert done.status_code == 200, done.content
    assert done.json()["kept"] == "0.00"
    other.refresh_from_db()
    assert other.cancel_medical and net_invoiced(other) == Decimal("0.00")


def test_freed_place_goes_to_the_next_on_the_waiting_list(family, alpha):
    wish = accepted_place(family=family, price="400.00", capacity=1)
    waiting_family, _ = make_family(tenant=alpha)
    waiting = make_wish(
        child=waiting_family.children.get(),
        stay=wish.stay,
        status=Wish.STATUS_WAITLISTED,
        waitlist_position=1,
    )

    cancel_place(wish=wish, by=family.parent, reason="Empêchement")

    waiting.refresh_from_db()
    assert waiting.status == Wish.STATUS_OFFERED


def test_a_cancelled_place_cannot_be_cancelled_again(family, parent):
    wish = accepted_place(family=family, price="400.00")
    cancel_place(wish=wish, by=family.parent, reason="Empêchement")

    again = parent.post(CANCEL.format(wish.pk), {"reason": "x"}, content_type="application/json")

    assert again.status_code == 400
    assert net_invoiced(wish) == Decimal("120.00")


def test_another_family_place_cannot_be_cancelled(family, parent, alpha):
    other, _ = make_family(tenant=alpha)
    theirs = accepted_place(family=other, price="400.00")

    response = parent.post(
        CANCEL.format(theirs.pk), {"reason": "x"}, content_type="application/json"
    )

    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == Wish.STATUS_ACCEPTED


def test_structure_cancels_the_stay_and_refunds_everyone(
    family, alpha, staff, django_capture_on_commit_callbacks
):
    wish = accepted_place(family=family, price="400.00", capacity=2)
    other, _ = make_family(tenant=alpha)
    second = accepted_place(family=other, stay=wish.stay)
    third, _ = make_family(tenant=alpha)
    waiting = make_wish(child=third.children.get(), stay=wish.stay, status=Wish.STATUS_WAITLISTED)
    preview = staff.get(STAY_CANCEL.format(wish.stay.pk)).json()
    assert (preview["places"], preview["waiting"], preview["families"]) == (2, 1, 3)
    assert preview["invoiced"] == "240.00"
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post(
            STAY_CANCEL.format(wish.stay.pk),
            {"reason": "Centre fermé par la préfecture"},
            content_type="application/json",
        )

    assert response.status_code == 200, response.content
    assert response.json() == {"cancelled": 3, "credited": "240.00"}
    for place in (wish, second, waiting):
        place.refresh_from_db()
        assert place.status == Wish.STATUS_CANCELLED
    assert net_invoiced(wish) == net_invoiced(second) == Decimal("0.00")
    assert places_left([wish.stay]) == {wish.stay.pk: 2}
    wish.stay.refresh_from_db()
    assert wish.stay.status == Stay.STATUS_CANCELLED
    assert len(mail.outbox) >= 2  # the families are told (notifications part)
    again = staff.post(
        STAY_CANCEL.format(wish.stay.pk), {"reason": "x"}, content_type="application/json"
    )
    assert again.status_code == 400


def test_only_money_staff_cancel_a_stay(family, parent):
    stay = make_stay()
    assert parent.post(STAY_CANCEL.format(stay.pk), {"reason": "x"}).status_code == 403
    stay.refresh_from_db()
    assert stay.status == Stay.STATUS_OPEN


def test_balance_published_by_a_run_after_the_cancellation_is_credited(family, clock):
    from core.billing.services.runs import compute_run, create_run, publish_run, request_publish
    from tests.support.billing import test_series

    wish = accepted_place(family=family, price="400.00")
    clock.move_to("2027-04-01T09:00:00+02:00")  # 29 days before departure: 50 % kept
    run = create_run(
        label="Avril",
        period_start=date(2027, 4, 1),
        period_end=date(2027, 4, 30),
        activity_ids=[wish.stay.activity_id],
        series=test_series(),
    )
    run = compute_run(run_id=run.pk)
    result = cancel_place(wish=wish, by=family.parent, reason="Empêchement")
    assert result.kept == Decimal("200.00") and result.to_invoice == Decimal("80.00")
    clock.shift(minutes=5)
    request_publish(run=run, issue_date=date(2027, 4, 1))
    publish_run(run_id=run.pk)  # the draft still held the balance: 280 € billed

    issue_due_balances()
    issue_due_balances()  # once only

    assert net_invoiced(wish) == Decimal("200.00")
