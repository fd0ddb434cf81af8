"""Builders for the announcements tests and the access matrix: families with guardians who log
in, a sent announcement, an attachment; the slow file e-mail backend of the real-worker test."""

from __future__ import annotations

import itertools
import time

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.mail.backends.filebased import EmailBackend as FileEmailBackend

from core.accounts.roles import Role
from core.communication.models import Announcement, AnnouncementAttachment
from core.communication.services import announcements as service
from core.families.models import Guardian
from tests.support.booking import PDF
from tests.support.factories import make_user

_seq = itertools.count(1)

TEXT = "<p>La cantine est fermée <strong>jeudi</strong>.</p>"


def add_guardian(family, *, login: bool = True, sms_consent: bool = False, **fields) -> Guardian:
    """A second guardian of ``family`` (with a login of their own unless told)."""
    n = next(_seq)
    user = make_user(role=Role.PARENT) if login else None
    return Guardian.objects.create(
        family=family,
        user=user,
        first_name=fields.pop("first_name", f"Alex{n}"),
        last_name=fields.pop("last_name", family.name),
        email=user.email if user else "",
        phone_mobile=fields.pop("phone_mobile", "+33698765432"),
        sms_consent=sms_consent,
        **fields,
    )


def draft(*, user=None, target=None, **fields) -> Announcement:
    return service.create_draft(
        user=user,
        title=fields.pop("title", "Cantine fermée"),
        text=fields.pop("text", TEXT),
        target=target or [{"kind": "all"}],
        **fields,
    )


def attach(announcement: Announcement) -> AnnouncementAttachment:
    upload = SimpleUploadedFile("menu.pdf", PDF, content_type="application/pdf")
    return service.add_attachments(announcement=announcement, files=[upload])[0]


def sent_to(family, *, user=None, attachment: bool = False) -> Announcement:
    """An announcement queued to ``family`` (hand-picked): its rows exist, e-mails aside."""
    announcement = draft(user=user, target=[{"kind": "families", "families": [family.pk]}])
    if attachment:
        attach(announcement)
    return service.queue_announcement(announcement=announcement, user=user)


# Access matrix builders (signature ``(family, user, child, *, label)``-friendly) -----------


def matrix_announcement(family, user=None, child=None, *, label: str = "") -> Announcement:
    """A SENT announcement to ``family``, with one attachment (family A's: parent B → 404)."""
    return sent_to(family, attachment=True)


class SlowFileEmailBackend(FileEmailBackend):
    """The real-worker test's mail server: each message takes ``DELAY`` seconds (an SMTP
    round-trip), then is written to its own file in ``EMAIL_FILE_PATH`` — readable by the test
    process whatever the worker process does afterwards."""

    DELAY = 1.0

    def send_messages(self, email_messages):
        import os
        import uuid

        for message in email_messages:
            time.sleep(self.DELAY)
            path = os.path.join(self.file_path, f"{uuid.uuid4().hex}.eml")
            with open(path + ".tmp", "wb") as handle:
                handle.write(message.message().as_bytes())
            os.replace(path + ".tmp", path)  # a whole message or none
        return len(email_messages)


# The real-worker test: a Celery worker in a process of its own ---------------------------

WORKER_CODE = """
import sys
import django
django.setup()
from tests.support.communication_announcements import worker_main
worker_main(mail_dir=sys.argv[1], batch_size=int(sys.argv[2]))
"""


def worker_main(*, mail_dir: str, batch_size: int) -> None:
    """Run a solo-pool Celery worker on this run's queue, sending e-mails slowly to files.

    Started by the test with ``MARELLE_DB_NAME`` naming the test database; the broker, the
    queue and the cache are this test run's (``config/pytest_plugin.py`` put them in the
    environment the process inherits). A killed worker's task comes back after the short
    visibility timeout set here (the broker's default is an hour)."""
    import django

    django.setup()
    from django.conf import settings

    settings.EMAIL_BACKEND = "tests.support.communication_announcements.SlowFileEmailBackend"
    settings.EMAIL_FILE_PATH = mail_dir
    from config.celery import app
    from core.communication.tasks import announcements

    announcements.BATCH_SIZE = batch_size
    app.conf.task_always_eager = False
    app.conf.broker_transport_options = {"visibility_timeout": 3, "unacked_restore_interval": 1}
    app.worker_main(
        [
            "worker",
            "--pool=solo",
            "--loglevel=WARNING",
            "--without-heartbeat",
            "--without-gossip",
            "--without-mingle",
        ]
    )


def announcements_matrix_objects(family, user=None, child=None, *, label: str = "") -> dict:
    """The access matrix's objects: family's announcement and ITS attachment (same parent)."""
    announcement = matrix_announcement(family)
    return {
        "announcement": announcement.pk,
        "announcement_attachment": announcement.attachments.get().pk,
    }
