"""THE rule of issue 17: an announcement whose sending is interrupted (worker killed) and
resumed reaches each guardian exactly once — with a REAL Celery worker in a process of its own,
killed with SIGKILL in the middle of its second batch, then a new worker.

The data is committed (the worker's process must see it), as in ``tests/races/``, and removed
at the end. The worker writes each e-mail to its own file (``SlowFileEmailBackend``: 1 s per
message, like an SMTP round-trip), so the test counts what left the worker whatever became of
the process afterwards. The kill lands as soon as the first batch is committed: the worker
then holds the second batch's rows locked and unstamped, its first e-mail in transit. (A kill
after the mail server took some of a batch and before its commit would resend those: the
residual window of any mail queue, documented in docs/messaging.md; the e-mails keep one
Message-ID per recipient row so that clients show a resent one once.)
"""

from __future__ import annotations

import email
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core import mail
from django.db import connection
from django_tenants.utils import tenant_context

from config.celery import app
from core.communication.models import Announcement, AnnouncementRecipient
from core.communication.services import announcements as service
from core.communication.tasks.announcements import deliver
from core.families.models import Family
from tests.support.communication_announcements import WORKER_CODE, add_guardian, draft
from tests.support.factories import make_family

pytestmark = [pytest.mark.frozen_at("2027-03-01T10:00:00+01:00")]

ROOT = Path(__file__).resolve().parents[2]
BATCH = 4
FAMILIES = 10  # 12 guardians: two families have a second guardian with a login


def start_worker(mail_dir: Path) -> subprocess.Popen:
    env = {
        **os.environ,
        "MARELLE_DB_NAME": connection.settings_dict["NAME"],
        "PYTHONPATH": os.pathsep.join([str(ROOT / "platform"), str(ROOT)]),
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }
    return subprocess.Popen(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", WORKER_CODE, str(mail_dir), str(BATCH)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        # The worker's log, shown if the test fails (``worker_logs``).
        stderr=(mail_dir.parent / f"worker-{time.monotonic_ns()}.log").open("wb"),
    )


def worker_logs(mail_dir: Path) -> str:
    return "\n".join(p.read_text(errors="replace")[-3000:] for p in mail_dir.parent.glob("*.log"))


def wait_for(predicate, *, timeout: float, step: float = 0.02, what: str = ""):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(step)
    raise AssertionError(f"timed out waiting for {what}")


def mails_by_recipient(mail_dir: Path) -> dict[str, int]:
    counts: dict[str, int] = {}
    for path in mail_dir.glob("*.eml"):
        to = email.message_from_bytes(path.read_bytes())["To"]
        counts[to] = counts.get(to, 0) + 1
    return counts


@pytest.fixture
def committed_audience(tenants, django_db_blocker):
    """Ten committed families of alpha (12 guardians with a login); removed afterwards."""
    alpha = tenants["alpha"]
    with django_db_blocker.unblock(), tenant_context(alpha):
        families = [make_family(tenant=alpha)[0] for _ in range(FAMILIES)]
        add_guardian(families[0])
        add_guardian(families[1])
    yield families
    with django_db_blocker.unblock(), tenant_context(alpha):
        ids = [f.pk for f in families]
        Announcement.objects.filter(recipients__family_id__in=ids).delete()
        users = [g.user for f in Family.objects.filter(pk__in=ids) for g in f.guardians.all()]
        Family.objects.filter(pk__in=ids).delete()
        for user in users:
            if user is not None:
                user.delete()
    connection.set_schema_to_public()


def test_a_killed_worker_resumes_and_each_guardian_gets_exactly_one_email(
    tenants, django_db_blocker, committed_audience, tmp_path
):
    alpha = tenants["alpha"]
    mail_dir = tmp_path / "mails"
    mail_dir.mkdir()
    with django_db_blocker.unblock(), tenant_context(alpha):
        target = [{"kind": "families", "families": [f.pk for f in committed_audience]}]
        announcement = draft(target=target)
        expected = {
            g.user.email
            for f in committed_audience
            for g in f.guardians.select_related("user")
            if g.user_id
        }
        assert len(expected) == FAMILIES + 2
        first = start_worker(mail_dir)
        second = None
        app.conf.task_always_eager = False
        try:
            # The real path: the service materialises the rows and enqueues after commit.
            service.queue_announcement(announcement=announcement, user=None)
            rows = AnnouncementRecipient.objects.filter(announcement=announcement)
            assert rows.count() == len(expected)

            # Kill the worker as soon as its first batch is committed: it is then inside its
            # second batch (rows locked, first e-mail of the batch on its way).
            wait_for(
                lambda: rows.filter(emailed_at__isnull=False).count() >= BATCH,
                timeout=90,
                what=f"the first batch\n{worker_logs(mail_dir)}",
            )
            first.send_signal(signal.SIGKILL)
            first.wait(timeout=10)
            stamped = rows.filter(emailed_at__isnull=False).count()
            assert stamped == BATCH, "killed mid-run, after exactly one batch"
            assert sum(mails_by_recipient(mail_dir).values()) == BATCH
            assert Announcement.objects.get(pk=announcement.pk).state == "sending"

            # A new worker: the broker redelivers the unacknowledged task (acks_late), which
            # sends the unstamped rows only.
            second = start_worker(mail_dir)
            wait_for(
                lambda: Announcement.objects.get(pk=announcement.pk).state == "sent",
                timeout=120,
                step=0.2,
                what=f"the resumed sending\n{worker_logs(mail_dir)}",
            )
        finally:
            app.conf.task_always_eager = True
            for process in (first, second):
                if process is not None and process.poll() is None:
                    process.send_signal(signal.SIGKILL)
                    process.wait(timeout=10)
        assert mails_by_recipient(mail_dir) == dict.fromkeys(expected, 1)
        assert rows.filter(emailed_at__isnull=True).count() == 0
        assert rows.filter(email_skipped=True).count() == 0
    connection.set_schema_to_public()


def test_control_without_the_stamps_a_redelivery_sends_twice(
    tenants, django_db_blocker, committed_audience
):
    """The same redelivery in-process: the service's loop (stamps, SKIP LOCKED) sends nothing
    the second time; a naive loop over the recipients — what a task without the stamp
    discipline does — sends every e-mail again."""
    from django.core.mail import get_connection

    from core.communication.tasks.announcements import _EmailBatch

    alpha = tenants["alpha"]
    with django_db_blocker.unblock(), tenant_context(alpha):
        target = [{"kind": "families", "families": [f.pk for f in committed_audience]}]
        announcement = service.queue_announcement(
            announcement=draft(target=target), user=None
        )  # eager mode: on_commit in autocommit runs the task inline
        mail.outbox.clear()
        deliver(announcement_id=announcement.pk)  # the redelivered task
        assert mail.outbox == []
        assert Announcement.objects.get(pk=announcement.pk).state == "sent"

        def naive_delivery() -> None:
            batch = _EmailBatch(announcement)
            rows = AnnouncementRecipient.objects.filter(announcement=announcement)
            get_connection().send_messages(
                [batch.message(r) for r in rows.select_related("guardian__user")]
            )

        naive_delivery()
        naive_delivery()  # redelivered
        counts: dict[str, int] = {}
        for message in mail.outbox:
            counts[message.to[0]] = counts.get(message.to[0], 0) + 1
        assert set(counts.values()) == {2}, "without the stamps, each guardian gets it twice"
    connection.set_schema_to_public()
