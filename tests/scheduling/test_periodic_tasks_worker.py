"""Every periodic task is idempotent, with a REAL worker: queued twice in a structure (two
deliveries, which the worker's two threads may run at once), each changes things once — one
e-mail, one anonymisation, one payment, one reminder, one offer lapse. And beat's entry points
fan out to the active structures whose schema is migrated, never to a suspended one.

The data is committed (the worker's threads have connections of their own), in this folder's
own structure ``gamma``, dropped after the module.
"""

from __future__ import annotations

import functools
from collections import Counter

import pytest
from django.core import mail
from django.db import connection
from django_tenants.utils import schema_context, tenant_context

from config.celery import app
from core.billing.models import Invoice, Payment
from core.catalog.models import Opening, Unit
from core.communication.models import Announcement
from core.communication.tasks.announcements import resume_announcements
from core.documents.models import Document
from core.documents.tasks import expire_documents_everywhere, expire_documents_in_structure
from core.families.models import Family
from core.families.tasks import anonymise_inactive_families_in_structure
from core.module_tasks import run_in_structures
from core.payments.models import PaymentAttempt
from core.payments.tasks import poll_pending_attempts
from modules.creche import tasks as creche_tasks  # noqa: F401 - registers the tasks
from modules.creche.models import Contract, PlaceRequest
from modules.sejours import tasks as sejours_tasks  # noqa: F401
from modules.sejours.models import Wish
from tests.scheduling.world import core_cases, module_cases
from tests.support.worker import wait_for as wait_for_worker

# Every periodic task of the core and the modules runs twice here: a longer wait.
wait_for = functools.partial(wait_for_worker, timeout=30.0)

pytestmark = [pytest.mark.frozen_at("2027-03-01T10:00:00+01:00")]

CORE_TASKS = (
    expire_documents_in_structure,
    anonymise_inactive_families_in_structure,
    poll_pending_attempts,
    resume_announcements,
)
MODULE_TASKS = (
    "modules.sejours.tasks.expire_offers",
    "modules.sejours.tasks.send_convocations",
    "modules.sejours.tasks.issue_balance_invoices",
    "modules.creche.tasks.lapse_and_remind_requests",
    "modules.creche.tasks.expire_offers",
    "modules.creche.tasks.close_finished_contracts",
    "modules.creche.tasks.extend_openings",
)


def queue_twice(task, schema: str) -> None:
    for _ in range(2):
        task.apply_async(headers={"_schema_name": schema})


def ran_twice(runs, names, schema: str) -> None:
    wait_for(lambda: all(len(runs.of(name, schema)) == 2 for name in names))


def sent_mails() -> Counter:
    """How many times each (recipient, subject) was sent."""
    return Counter((address, m.subject) for m in mail.outbox for address in m.to)


# Function-scoped, so built under the test's frozen clock (a module's fixtures come first).
@pytest.fixture
def core(gamma, django_db_blocker):
    with django_db_blocker.unblock(), tenant_context(gamma):
        cases = core_cases(gamma)
    connection.set_schema_to_public()
    return cases


@pytest.fixture
def modules(gamma, django_db_blocker):
    with django_db_blocker.unblock(), tenant_context(gamma):
        cases = module_cases(gamma)
    connection.set_schema_to_public()
    return cases


def test_core_periodic_tasks_delivered_twice_change_things_once(
    gamma, core, django_db_blocker, worker
):
    mail.outbox.clear()
    for task in CORE_TASKS:
        queue_twice(task, gamma.schema_name)
    ran_twice(worker, [t.name for t in CORE_TASKS], gamma.schema_name)

    with django_db_blocker.unblock(), tenant_context(gamma):
        # The announcement resumed twice was delivered by tasks of its own: wait for them.
        wait_for(
            lambda: (
                Announcement.objects.get(pk=core.announcement_id).state == Announcement.STATE_SENT
            )
        )
        assert sum(worker.of(expire_documents_in_structure.name)) == 1
        assert Document.objects.get(pk=core.document.pk).status == Document.STATUS_EXPIRED
        retired = Family.objects.get(pk=core.retired.pk)
        assert retired.anonymised_at is not None and retired.name == "Anonyme"
        attempt = PaymentAttempt.objects.get(pk=core.attempt.pk)
        assert attempt.status == PaymentAttempt.STATUS_SUCCEEDED
        assert Payment.objects.filter(family=core.payer).count() == 1
        receipts = wait_for(lambda: [m for m in mail.outbox if "Reçu" in m.subject])
    connection.set_schema_to_public()
    assert len(receipts) == 1
    assert set(core.audience) <= {address for address, _ in sent_mails()}
    assert set(sent_mails().values()) == {1}, "nobody gets the same e-mail twice"


def test_module_periodic_tasks_delivered_twice_change_things_once(
    gamma, modules, django_db_blocker, worker
):
    mail.outbox.clear()
    with django_db_blocker.unblock(), tenant_context(gamma):
        openings_before = Opening.objects.filter(unit__activity__module="creche").count()
    connection.set_schema_to_public()
    for name in MODULE_TASKS:
        queue_twice(app.tasks[name], gamma.schema_name)
    ran_twice(worker, MODULE_TASKS, gamma.schema_name)

    assert sum(worker.of("modules.sejours.tasks.expire_offers")) == 1
    assert sum(worker.of("modules.creche.tasks.lapse_and_remind_requests")) == 1
    assert sum(worker.of("modules.creche.tasks.expire_offers")) == 1
    assert sum(worker.of("modules.creche.tasks.close_finished_contracts")) == 1
    with django_db_blocker.unblock(), tenant_context(gamma):
        assert Wish.objects.get(pk=modules.late.pk).status == Wish.STATUS_EXPIRED
        assert Wish.objects.get(pk=modules.behind.pk).status == Wish.STATUS_OFFERED
        convoked = Wish.objects.get(pk=modules.convoked.pk)
        assert convoked.convocation_sent_at is not None
        # Its balance is due (it leaves in three days): invoiced once.
        assert convoked.balance_invoice_id is not None
        assert Invoice.objects.filter(family_id=convoked.family_id).count() == 1
        assert PlaceRequest.objects.get(pk=modules.to_remind.pk).renewal_asked_at is not None
        unanswered = PlaceRequest.objects.get(pk=modules.unanswered.pk)
        assert unanswered.state == PlaceRequest.DECLINED
        assert Contract.objects.get(pk=modules.finished.pk).state == Contract.ENDED
        units = Unit.objects.filter(activity__creche_establishment__pk=modules.establishment_id)
        starts = list(units.values_list("start_time", flat=True))
        assert len(starts) == len(set(starts)), "no half-hour unit created twice"
        assert Opening.objects.filter(unit__activity__module="creche").count() >= openings_before
        expected = modules.emails()
    connection.set_schema_to_public()
    # Each family is told once (the e-mail tasks were queued after each change's commit).
    wait_for(lambda: set(expected) <= {address for address, _ in sent_mails()})
    assert set(sent_mails().values()) == {1}, "nobody gets the same e-mail twice"


def test_beat_entry_points_run_in_each_active_migrated_structure_only(
    tenants, gamma, django_db_blocker, worker
):
    alpha, beta = tenants["alpha"], tenants["beta"]
    crechework = "modules.creche.tasks.close_finished_contracts"
    with django_db_blocker.unblock():
        gamma.suspend()
        try:
            with schema_context("public"):
                expire_documents_everywhere.delay()
                run_in_structures.delay("creche", crechework)
                queued = wait_for(lambda: worker.of(expire_documents_everywhere.name))[0]
                in_module = wait_for(lambda: worker.of(run_in_structures.name))[0]
                wait_for(lambda: len(worker.of(expire_documents_in_structure.name)) == queued)
                wait_for(lambda: len(worker.of(crechework)) == in_module)
        finally:
            gamma.activate()
    ran = {s for n, s, _ in worker.items if n == expire_documents_in_structure.name}
    assert {alpha.schema_name, beta.schema_name} <= ran
    assert gamma.schema_name not in ran  # suspended
    ran_module = {s for n, s, _ in worker.items if n == crechework}
    assert beta.schema_name in ran_module  # beta has the crèche, alpha has not
    assert alpha.schema_name not in ran_module
    assert gamma.schema_name not in ran_module
