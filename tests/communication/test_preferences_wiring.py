"""The optional e-mails of the other parts follow the guardians' preferences: booking answers
and payment receipts are sent unless turned off, with the RFC 8058 unsubscribe headers."""

from __future__ import annotations

import pytest
from django.core import mail

from core.booking.models import Enrolment
from core.booking.services.notifications import notify_enrolment_decided
from core.communication.services.preferences import set_preferences
from tests.support.booking import make_activity
from tests.support.factories import make_family

pytestmark = [pytest.mark.django_db, pytest.mark.frozen_at("2027-03-01T10:00:00+01:00")]


def _validated_enrolment(family):
    child = family.children.first()
    activity = make_activity(name="ALAE Matin")
    return Enrolment.objects.create(
        child=child, activity=activity, status=Enrolment.STATUS_VALIDATED
    )


def test_booking_answer_carries_one_click_unsubscribe(alpha, django_capture_on_commit_callbacks):
    family, parent = make_family(tenant=alpha)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        notify_enrolment_decided(enrolment=_validated_enrolment(family))
    [sent] = [m for m in mail.outbox if parent.email in m.to]
    assert sent.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "/api/v1/communication/unsubscribe/?token=" in sent.extra_headers["List-Unsubscribe"]
    assert "Ne plus recevoir ces e-mails" in sent.body


def test_booking_answer_not_sent_to_a_guardian_who_turned_it_off(
    alpha, django_capture_on_commit_callbacks
):
    family, parent = make_family(tenant=alpha)
    set_preferences(user=parent, choices={"booking": False})
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        notify_enrolment_decided(enrolment=_validated_enrolment(family))
    assert not [m for m in mail.outbox if parent.email in m.to]
