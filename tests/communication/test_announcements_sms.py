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


# Failures: each SMS stamped in its own transaction ------------------------------------------


class FlakySmsProvider:
    """A provider that refuses ``refused`` for good and fails once (network) on ``down``."""

    sent: list[str] = []
    refused: set[str] = set()
    down: set[str] = set()

    def __init__(self, *, sender: str = "") -> None:
        self.sender = sender

    def send(self, *, to: str, text: str) -> str:
        from core.communication.sms.base import SmsError, SmsRefused

        cls = type(self)
        if to in cls.refused:
            raise SmsRefused("numéro invalide")
        if to in cls.down:
            cls.down.discard(to)
            raise SmsError("service indisponible")
        cls.sent.append(to)
        return f"ref-{len(cls.sent)}"


@pytest.fixture
def flaky_sms(sms_on, settings):
    settings.SMS_BACKEND = "tests.communication.test_announcements_sms.FlakySmsProvider"
    FlakySmsProvider.sent = []
    FlakySmsProvider.refused = set()
    FlakySmsProvider.down = set()
    return FlakySmsProvider


def test_a_failed_sms_stays_to_do_a_refused_one_is_skipped_and_none_is_sent_twice(
    family, flaky_sms
):
    from core.communication.sms.base import SmsError
    from core.communication.tasks.announcements import deliver

    family.guardians.update(sms_consent=False)
    numbers = ["06 00 00 00 01", "06 00 00 00 02", "06 00 00 00 03", "06 00 00 00 04"]
    guardians = [add_guardian(family, sms_consent=True, phone_mobile=n) for n in numbers]
    flaky_sms.refused = {numbers[1]}
    flaky_sms.down = {numbers[2]}
    announcement = draft(
        target=[{"kind": "families", "families": [family.pk]}], urgent=True, title="Neige"
    )
    service.queue_announcement(announcement=announcement, user=None)
    rows = AnnouncementRecipient.objects.filter(announcement=announcement)

    with pytest.raises(SmsError):
        deliver(announcement_id=announcement.pk)
    # The SMS before the failure are stamped (committed one by one); the failed one is to do.
    assert rows.get(guardian=guardians[0]).sms_at is not None
    assert rows.get(guardian=guardians[1]).sms_skipped
    failed = rows.get(guardian=guardians[2])
    assert failed.sms_at is None and not failed.sms_skipped

    assert deliver(announcement_id=announcement.pk) is True
    assert sorted(flaky_sms.sent) == [numbers[0], numbers[2], numbers[3]]
    assert rows.filter(sms_at__isnull=False).count() == 3


def test_a_network_error_after_some_sms_never_resends_them(family, flaky_sms, monkeypatch):
    from core.communication.tasks.announcements import deliver

    family.guardians.update(sms_consent=False)
    numbers = ["06 00 00 00 11", "06 00 00 00 12", "06 00 00 00 13"]
    for n in numbers:
        add_guardian(family, sms_consent=True, phone_mobile=n)
    real = FlakySmsProvider.send
    crashes = []

    def crash_on_second(self, *, to, text):
        if to == numbers[1] and not crashes:
            crashes.append(to)
            raise ConnectionError("réseau coupé")  # not an SmsError: anything may happen
        return real(self, to=to, text=text)

    monkeypatch.setattr(FlakySmsProvider, "send", crash_on_second)
    announcement = draft(target=[{"kind": "families", "families": [family.pk]}], urgent=True)
    service.queue_announcement(announcement=announcement, user=None)
    with pytest.raises(ConnectionError):
        deliver(announcement_id=announcement.pk)
    assert deliver(announcement_id=announcement.pk) is True
    assert sorted(flaky_sms.sent) == numbers  # each exactly once


def test_ovh_refusals_are_permanent_and_outages_transient(settings):
    import ovh

    from core.communication.sms.base import SmsError, SmsRefused
    from core.communication.sms.ovh import OvhSmsProvider

    settings.OVH_SMS_SERVICE = "sms-ab12345-1"

    class Client:
        def __init__(self, answer=None, exc=None):
            self.answer, self.exc = answer, exc

        def post(self, path, **payload):
            if self.exc:
                raise self.exc
            return self.answer

    def send(client):
        return OvhSmsProvider(client=client).send(to="06 12 34 56 78", text="Neige")

    with pytest.raises(SmsRefused):
        send(Client(answer={"ids": [], "invalidReceivers": ["+33612345678"]}))
    with pytest.raises(SmsRefused):
        send(Client(exc=ovh.exceptions.BadParametersError("receivers")))
    with pytest.raises(SmsError) as outage:
        send(Client(exc=ovh.exceptions.NetworkError("timeout")))
    assert not isinstance(outage.value, SmsRefused)
