"""Delivering an announcement through a mail server that refuses a recipient or drops the
connection mid-batch, and resuming announcements left stuck: each guardian accepted gets
exactly one e-mail and the announcement ends ``sent``."""

from __future__ import annotations

import smtplib
from datetime import timedelta

import pytest
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone

from core.communication.models import Announcement, AnnouncementRecipient
from core.communication.services import announcements as service
from core.communication.tasks.announcements import deliver, resume_announcements
from tests.support.communication_announcements import add_guardian, draft

pytestmark = [pytest.mark.django_db, pytest.mark.frozen_at("2027-03-01T10:00:00+01:00")]

BACKEND = "tests.communication.test_announcements_delivery.FlakySmtpBackend"


class FlakySmtpBackend(BaseEmailBackend):
    """A mail server: refuses ``refused`` for good (550), and drops the connection once after
    ``fail_after`` accepted messages (a transient failure). Each call to ``send_messages`` is
    all-or-nothing per message, as Django's SMTP backend: messages before the failing one
    have left."""

    outbox: list = []
    refused: set[str] = set()
    fail_after: int | None = None
    opened = 0

    def open(self):
        type(self).opened += 1
        return True

    def close(self):
        pass

    def send_messages(self, email_messages):
        cls = type(self)
        for message in email_messages:
            (to,) = message.to
            if to in cls.refused:
                raise smtplib.SMTPRecipientsRefused({to: (550, b"5.1.1 User unknown")})
            if cls.fail_after is not None and len(cls.outbox) >= cls.fail_after:
                cls.fail_after = None
                raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
            cls.outbox.append(message)
        return len(email_messages)


@pytest.fixture
def flaky_smtp(settings):
    settings.EMAIL_BACKEND = BACKEND
    FlakySmtpBackend.outbox = []
    FlakySmtpBackend.refused = set()
    FlakySmtpBackend.fail_after = None
    FlakySmtpBackend.opened = 0
    return FlakySmtpBackend


def queued_to(family, *, more_guardians: int = 4):
    for _ in range(more_guardians):
        add_guardian(family)
    announcement = draft(target=[{"kind": "families", "families": [family.pk]}])
    # The on-commit delivery does not run in a test transaction: the test delivers itself.
    return service.queue_announcement(announcement=announcement, user=None)


def emails(family) -> list[str]:
    return sorted(g.user.email for g in family.guardians.select_related("user") if g.user_id)


def sent_counts(backend) -> dict[str, int]:
    counts: dict[str, int] = {}
    for message in backend.outbox:
        (to,) = message.to
        counts[to] = counts.get(to, 0) + 1
    return counts


def test_a_refused_recipient_is_skipped_and_the_others_get_their_email(family, flaky_smtp):
    announcement = queued_to(family)
    refused = emails(family)[1]
    flaky_smtp.refused = {refused}
    assert deliver(announcement_id=announcement.pk) is True
    assert sent_counts(flaky_smtp) == {e: 1 for e in emails(family) if e != refused}
    row = AnnouncementRecipient.objects.get(
        announcement=announcement, guardian__user__email=refused
    )
    assert row.email_skipped and row.emailed_at is None
    assert Announcement.objects.get(pk=announcement.pk).state == Announcement.STATE_SENT
    assert flaky_smtp.opened == 1  # one connection for the batch


def test_a_dropped_connection_keeps_what_was_sent_and_the_retry_sends_only_the_rest(
    family, flaky_smtp
):
    announcement = queued_to(family)
    refused = emails(family)[0]
    flaky_smtp.refused = {refused}
    flaky_smtp.fail_after = 2
    with pytest.raises(smtplib.SMTPServerDisconnected):
        deliver(announcement_id=announcement.pk)
    rows = AnnouncementRecipient.objects.filter(announcement=announcement)
    # The two accepted are stamped (committed before the error went up), the rest to do.
    assert rows.filter(emailed_at__isnull=False).count() == 2
    assert Announcement.objects.get(pk=announcement.pk).state == Announcement.STATE_SENDING
    assert deliver(announcement_id=announcement.pk) is True
    assert sent_counts(flaky_smtp) == {e: 1 for e in emails(family) if e != refused}
    assert rows.filter(emailed_at__isnull=False).count() == 4
    assert rows.get(guardian__user__email=refused).email_skipped
    assert Announcement.objects.get(pk=announcement.pk).state == Announcement.STATE_SENT


def test_the_task_asks_a_retry_on_a_dropped_connection_and_the_retry_sends_the_rest(
    family, flaky_smtp
):
    from celery.exceptions import Retry

    from core.communication.tasks.announcements import deliver_announcement

    announcement = queued_to(family)
    flaky_smtp.fail_after = 3
    # Eager here: the retry the task asks for comes back to the test, which runs it.
    with pytest.raises(Retry):
        deliver_announcement.apply(kwargs={"announcement_id": announcement.pk})
    assert len(flaky_smtp.outbox) == 3
    deliver_announcement.apply(kwargs={"announcement_id": announcement.pk})
    assert sent_counts(flaky_smtp) == {e: 1 for e in emails(family)}
    assert Announcement.objects.get(pk=announcement.pk).state == Announcement.STATE_SENT


def test_a_temporary_refusal_is_retried_not_skipped(family, flaky_smtp, monkeypatch):
    announcement = queued_to(family)
    greylisted = emails(family)[2]
    calls = []
    real = FlakySmtpBackend.send_messages

    def greylisting(self, messages):
        if messages[0].to == [greylisted] and not calls:
            calls.append(greylisted)
            raise smtplib.SMTPRecipientsRefused({greylisted: (450, b"4.7.1 Try again later")})
        return real(self, messages)

    monkeypatch.setattr(FlakySmtpBackend, "send_messages", greylisting)
    with pytest.raises(smtplib.SMTPRecipientsRefused):
        deliver(announcement_id=announcement.pk)
    assert deliver(announcement_id=announcement.pk) is True
    assert sent_counts(flaky_smtp) == {e: 1 for e in emails(family)}


# Stuck announcements ------------------------------------------------------------------------


def test_resume_re_enqueues_only_announcements_stuck_for_ten_minutes(family, flaky_smtp):
    now = timezone.now()
    old_queued, old_sending, recent = (
        queued_to(family, more_guardians=4 if n == 0 else 0) for n in range(3)
    )
    Announcement.objects.filter(pk=old_queued.pk).update(queued_at=now - timedelta(minutes=11))
    Announcement.objects.filter(pk=old_sending.pk).update(
        state=Announcement.STATE_SENDING, queued_at=now - timedelta(hours=2)
    )
    Announcement.objects.filter(pk=recent.pk).update(queued_at=now - timedelta(minutes=5))
    # Some of the stuck « sending » one had already left: not sent again.
    first = AnnouncementRecipient.objects.filter(announcement=old_sending).order_by("pk")[0]
    AnnouncementRecipient.objects.filter(pk=first.pk).update(emailed_at=now)
    done = draft()
    Announcement.objects.filter(pk=done.pk).update(
        state=Announcement.STATE_SENT, queued_at=now - timedelta(days=1)
    )

    assert resume_announcements() == 2  # the eager task delivers them here and now

    states = dict(Announcement.objects.values_list("pk", "state"))
    assert states[old_queued.pk] == states[old_sending.pk] == Announcement.STATE_SENT
    assert states[recent.pk] == Announcement.STATE_QUEUED
    assert states[done.pk] == Announcement.STATE_SENT
    # 5 guardians × the old queued one + 4 left of the old sending one.
    assert len(flaky_smtp.outbox) == 9
    assert resume_announcements() == 0


def test_resume_is_queued_in_each_active_structure(monkeypatch):
    from core.communication.tasks import announcements as tasks

    queued = []
    monkeypatch.setattr(
        tasks, "queue_in_each_structure", lambda task, **kw: queued.append(task) or 2
    )
    assert tasks.resume_announcements_everywhere() == 2
    assert queued == [tasks.resume_announcements]
