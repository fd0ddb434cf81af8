"""SMS of urgent announcements: only when the structure enabled them and the guardian
consented with a mobile number; the console backend and OVHcloud at its HTTP boundary."""

from __future__ import annotations

import pytest
from django.core import mail

from core.communication.models import AnnouncementRecipient, CommunicationSettings
from core.communication.services import announcements as service
from core.communication.sms import console
from core.communication.sms.base import international
from tests.support.communication_announcements import add_guardian, draft

pytestmark = [pytest.mark.django_db, pytest.mark.frozen_at("2027-03-01T10:00:00+01:00")]


@pytest.fixture
def sms_on(alpha):
    settings = CommunicationSettings.current()
    settings.sms_enabled = True
    settings.sms_sender = "MAIRIE"
    settings.save()
    console.outbox.clear()
    return settings


def send(family, *, urgent: bool, capture):
    announcement = draft(
        target=[{"kind": "families", "families": [family.pk]}], urgent=urgent, title="Neige"
    )
    with capture(execute=True):
        service.queue_announcement(announcement=announcement, user=None)
    return AnnouncementRecipient.objects.filter(announcement=announcement)


def test_urgent_sms_go_to_consenting_guardians_with_a_mobile(
    family, sms_on, django_capture_on_commit_callbacks
):
    family.guardians.update(sms_consent=False)
    yes = add_guardian(family, sms_consent=True, phone_mobile="06 11 22 33 44")
    add_guardian(family, sms_consent=True, phone_mobile="")
    rows = send(family, urgent=True, capture=django_capture_on_commit_callbacks)
    assert [(s.to, s.sender) for s in console.outbox] == [("06 11 22 33 44", "MAIRIE")]
    assert console.outbox[0].text.startswith("Neige : La cantine est fermée jeudi.")
    assert rows.get(guardian=yes).sms_at is not None
    assert rows.filter(sms_skipped=True).count() == 2
    assert len(mail.outbox) == 3


def test_no_sms_when_not_urgent_or_the_structure_has_not_enabled_them(
    family, sms_on, django_capture_on_commit_callbacks
):
    family.guardians.update(sms_consent=True)
    rows = send(family, urgent=False, capture=django_capture_on_commit_callbacks)
    assert console.outbox == [] and rows.get().sms_skipped
    sms_on.sms_enabled = False
    sms_on.save()
    rows = send(family, urgent=True, capture=django_capture_on_commit_callbacks)
    assert console.outbox == [] and rows.get().sms_skipped


def test_ovh_provider_posts_one_job(settings):
    from core.communication.sms.ovh import OvhSmsProvider

    settings.OVH_SMS_SERVICE = "sms-ab12345-1"
    calls = []

    class FakeClient:
        def post(self, path, **payload):
            calls.append((path, payload))
            return {"ids": [987654], "invalidReceivers": []}

    provider = OvhSmsProvider(sender="MAIRIE", client=FakeClient())
    assert provider.send(to="06 12 34 56 78", text="Neige") == "987654"
    assert calls == [
        (
            "/sms/sms-ab12345-1/jobs",
            {
                "message": "Neige",
                "receivers": ["+33612345678"],
                "noStopClause": False,
                "priority": "high",
                "sender": "MAIRIE",
            },
        )
    ]


def test_numbers_are_put_in_international_form():
    assert international("06 12 34 56 78") == "+33612345678"
    assert international("+33 6 12 34 56 78") == "+33612345678"
    assert international("0033612345678") == "+33612345678"
