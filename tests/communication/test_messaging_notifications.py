"""« Vous avez un nouveau message »: once per message, by a task, without its content."""

from __future__ import annotations

import pytest
from django.core import mail

from core.communication.models import NotificationPreference
from core.communication.services.threads import post_family_message, post_staff_message
from core.communication.tasks import notify_message
from core.families.models import Guardian
from tests.support.communication_messaging import World, make_thread, pdf_file
from tests.support.factories import make_user

pytestmark = [pytest.mark.django_db, pytest.mark.frozen_at("2027-03-01T10:00:00+01:00")]

SECRET = "Léa a fait une crise d'asthme"


@pytest.fixture
def world(alpha):
    return World(alpha)


@pytest.fixture
def thread(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        created = make_thread(family=world.family, user=world.parent)
    mail.outbox.clear()
    return created


def test_staff_reply_emails_each_guardian_once_without_content(
    world, thread, django_capture_on_commit_callbacks
):
    second = make_user(tenant=world.tenant, first_name="Marc")
    Guardian.objects.create(family=world.family, user=second, first_name="Marc", last_name="M")

    with django_capture_on_commit_callbacks(execute=True):
        message = post_staff_message(
            thread=thread, user=world.gestionnaire, text=SECRET, files=[pdf_file("bilan.pdf")]
        )

    assert sorted(m.to[0] for m in mail.outbox) == sorted([world.parent.email, second.email])
    for sent in mail.outbox:
        assert "Vous avez un nouveau message" in sent.subject
        html = sent.alternatives[0][0]
        for part in (sent.body, html):
            assert SECRET not in part and "bilan" not in part
            assert f"/messagerie/{thread.pk}" in part
        assert not sent.attachments
        assert sent.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert "/desabonnement/" in sent.body
    message.refresh_from_db()
    assert message.notified_at is not None

    # A redelivered task (worker killed after sending) sends nothing again.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert notify_message.apply(kwargs={"message_id": message.pk}).get() == 0
    assert mail.outbox == []


def test_guardians_who_refused_message_emails_get_none(
    world, thread, django_capture_on_commit_callbacks
):
    NotificationPreference.objects.create(user=world.parent, kind="message", email=False)

    with django_capture_on_commit_callbacks(execute=True):
        message = post_staff_message(thread=thread, user=world.gestionnaire, text="Bonjour")

    assert mail.outbox == []
    message.refresh_from_db()
    assert message.notified_at is not None


def test_internal_notes_notify_nobody(world, thread, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        message = post_staff_message(
            thread=thread, user=world.gestionnaire, text="Note", internal=True
        )

    assert callbacks == [] and mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        assert notify_message.apply(kwargs={"message_id": message.pk}).get() == 0
    assert mail.outbox == []


def test_family_message_emails_the_assignee_only(world, thread, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        post_family_message(thread=thread, user=world.parent, text=SECRET)
    assert mail.outbox == []  # nobody assigned yet

    thread.assignee = world.animateur
    thread.save()
    with django_capture_on_commit_callbacks(execute=True):
        post_family_message(thread=thread, user=world.parent, text=SECRET)

    (sent,) = mail.outbox
    assert sent.to == [world.animateur.email]
    assert SECRET not in sent.body and f"/gestion/messagerie/{thread.pk}" in sent.body
    assert "List-Unsubscribe" not in sent.extra_headers


def test_a_refused_message_queues_no_notification(
    world, thread, django_capture_on_commit_callbacks
):
    from django.core.exceptions import ValidationError

    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(ValidationError),
    ):
        post_staff_message(
            thread=thread, user=world.gestionnaire, text="x", files=[pdf_file("a", b"nope")]
        )

    assert callbacks == [] and mail.outbox == []


def test_guardians_without_email_consent_get_no_message_email(
    world, thread, django_capture_on_commit_callbacks
):
    second = make_user(tenant=world.tenant, first_name="Marc")
    Guardian.objects.create(family=world.family, user=second, first_name="Marc", last_name="M")
    Guardian.objects.filter(family=world.family, user=world.parent).update(email_consent=False)

    with django_capture_on_commit_callbacks(execute=True):
        message = post_staff_message(thread=thread, user=world.gestionnaire, text="Bonjour")

    assert [m.to for m in mail.outbox] == [[second.email]]
    message.refresh_from_db()
    assert message.notified_at is not None


def test_notification_task_runs_in_the_schema_of_the_post_not_of_the_commit(
    world, thread, django_capture_on_commit_callbacks
):
    from unittest import mock

    from django.db import connection

    schema = connection.schema_name
    with mock.patch("core.communication.tasks.messages.notify_message") as task:
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            message = post_staff_message(thread=thread, user=world.gestionnaire, text="Bonjour")
        # The commit happens after the caller left the structure (another schema is current).
        connection.set_schema_to_public()
        try:
            for callback in callbacks:
                callback()
        finally:
            connection.set_schema(schema)

    assert schema != "public"
    task.delay.assert_not_called()
    task.apply_async.assert_called_once_with(
        kwargs={"message_id": message.pk}, headers={"_schema_name": schema}
    )
