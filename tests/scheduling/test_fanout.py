"""Beat's fan-out: which structures get the periodic work (active, with the module, migrated),
how they are spread over the window, which queue a task goes to, and the demo's processes."""

from __future__ import annotations

from collections import Counter
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.db import connection
from django_tenants.migration_executors.base import run_migrations
from django_tenants.signals import schema_migrated
from django_tenants.utils import schema_context

from config.celery import app
from core.tenancy import migration_state
from core.tenancy.constants import TenantStatus
from core.tenancy.migration_state import code_leaves, migrations_applied, schema_leaves
from core.tenancy.structures import (
    fanout_countdown,
    queue_in_each_structure,
    schedulable_schema_names,
)
from tenants.management.commands.demo import beat_command, worker_command
from tenants.models import Tenant

WINDOW = 300


def older_leaves() -> dict[str, str]:
    """The code's leaves with one app a migration behind."""
    from core.tenancy.migration_state import _history

    leaves = dict(code_leaves())
    app_label = next(a for a, leaf in leaves.items() if len(_history(a, leaf)) >= 2)
    leaves[app_label] = _history(app_label, leaves[app_label])[-2]
    return leaves


# The spread (pure) ----------------------------------------------------------------------------


def test_structures_spread_evenly_over_the_window_and_keep_their_slot():
    schemas = [f"t_structure_{n}" for n in range(5000)]
    slots = [fanout_countdown(s, "core.documents.tasks.expire", WINDOW) for s in schemas]
    assert all(0 <= slot < WINDOW for slot in slots)
    # Ten 30-second buckets hold about a tenth each: no second is crowded.
    buckets = Counter(slot // 30 for slot in slots)
    assert sorted(buckets) == list(range(10))
    assert all(400 <= count <= 600 for count in buckets.values()), buckets
    assert max(Counter(slots).values()) <= 40  # at most a few dozen in any one second
    # The same structure keeps its slot from one run to the next; another task, another slot.
    assert slots == [fanout_countdown(s, "core.documents.tasks.expire", WINDOW) for s in schemas]
    other = [fanout_countdown(s, "core.payments.tasks.poll", WINDOW) for s in schemas]
    assert sum(a != b for a, b in zip(slots, other, strict=True)) > 4900


def test_no_window_means_no_countdown():
    assert {fanout_countdown(f"t_{n}", "task", 0) for n in range(100)} == {0}


def test_migrations_applied_compares_with_the_code_graph():
    leaves = code_leaves()
    assert "families" in leaves and "tenants" not in leaves  # tenant apps only
    assert migrations_applied(leaves)
    assert not migrations_applied(older_leaves())
    assert not migrations_applied({})
    missing = dict(leaves)
    missing.pop("families")
    assert not migrations_applied(missing)
    # A migration this code does not know: a newer release migrated the schema.
    assert migrations_applied({**leaves, "families": "9999_from_a_newer_release"})


def test_a_migration_replaced_by_a_squash_is_not_taken_for_a_newer_release(monkeypatch):
    # A release squashes families' migrations into its current last one: a schema whose record
    # names one of the squashed files is ahead only if it applied the last of them.
    leaves = code_leaves()
    squash = SimpleNamespace(replaces=[("families", "0001_old"), ("families", "0002_old")])
    monkeypatch.setitem(
        migration_state._loader().replacements, ("families", leaves["families"]), squash
    )
    assert migrations_applied({**leaves, "families": "0002_old"})
    assert not migrations_applied({**leaves, "families": "0001_old"})


# Which structures (real rows) ------------------------------------------------------------------


def add_structure(slug: str, *, status: str, leaves: dict, modules=("creche",)) -> Tenant:
    return Tenant.objects.create(
        schema_name=f"t_{slug}",
        slug=slug,
        name=slug,
        kind="association",
        modules=list(modules),
        status=status,
        migrated_leaves=leaves,
    )


@pytest.fixture
def structures(tenants, db):
    """Rows only (no schema): what the fan-out reads is the public table."""
    newer = {**code_leaves(), "families": "9999_from_a_newer_release"}
    with schema_context("public"):
        yield {
            "migrated": add_structure("migre", status=TenantStatus.ACTIVE, leaves=code_leaves()),
            "newer": add_structure("plus-recent", status=TenantStatus.ACTIVE, leaves=newer),
            "behind": add_structure("en-retard", status=TenantStatus.ACTIVE, leaves=older_leaves()),
            "suspended": add_structure(
                "suspendue", status=TenantStatus.SUSPENDED, leaves=code_leaves()
            ),
            "provisioning": add_structure(
                "en-creation", status=TenantStatus.PROVISIONING, leaves=code_leaves()
            ),
            "other_module": add_structure(
                "autre-module", status=TenantStatus.ACTIVE, leaves=code_leaves(), modules=()
            ),
        }


def test_fanout_takes_the_active_migrated_structures_only(tenants, structures):
    with schema_context("public"):
        names = set(schedulable_schema_names())
        in_module = set(schedulable_schema_names(module="creche"))
    assert {tenants["alpha"].schema_name, tenants["beta"].schema_name} <= names
    assert names >= {"t_migre", "t_plus-recent", "t_autre-module"}
    assert not names & {"t_en-retard", "t_suspendue", "t_en-creation"}
    assert tenants["beta"].schema_name in in_module and "t_migre" in in_module
    assert not in_module & {"t_autre-module", tenants["alpha"].schema_name}


def test_fanout_reads_every_structure_in_one_query(structures, django_assert_num_queries):
    with schema_context("public"):
        schedulable_schema_names()  # (the connection's search path is set on its first query)
        with django_assert_num_queries(1):
            schedulable_schema_names()


def test_a_structure_never_recorded_is_read_from_its_schema_once(tenants, db):
    alpha = tenants["alpha"]
    with schema_context("public"):
        Tenant.objects.filter(pk=alpha.pk).update(migrated_leaves={})
        assert alpha.schema_name in schedulable_schema_names()
        assert Tenant.objects.get(pk=alpha.pk).migrated_leaves == code_leaves()
        # A structure with no schema at all (never provisioned) is left out.
        add_structure("sans-schema", status=TenantStatus.ACTIVE, leaves={})
        assert "t_sans-schema" not in schedulable_schema_names()


def test_each_schema_migration_is_recorded_on_its_structure(tenants, db):
    """django-tenants sends ``schema_migrated`` after migrating each schema (also for the
    faked migrations of a template clone at provisioning, which recorded alpha's)."""
    alpha = tenants["alpha"]
    with schema_context("public"):
        assert Tenant.objects.get(pk=alpha.pk).migrated_leaves == schema_leaves(alpha.schema_name)
        Tenant.objects.filter(pk=alpha.pk).update(migrated_leaves=older_leaves())
        assert alpha.schema_name not in schedulable_schema_names()
        schema_migrated.send(run_migrations, schema_name=alpha.schema_name)
        assert Tenant.objects.get(pk=alpha.pk).migrated_leaves == code_leaves()
        assert alpha.schema_name in schedulable_schema_names()


# Queuing ----------------------------------------------------------------------------------


class RecordingTask:
    """Stands for a Celery task: records what the fan-out asks the broker."""

    name = "tests.scheduling.nightly"

    def __init__(self) -> None:
        self.calls: list[dict] = []

    def apply_async(self, **options) -> None:
        self.calls.append(options)


def test_each_structure_is_queued_in_its_schema_at_its_slot(tenants, structures, settings):
    settings.CELERY_FANOUT_JITTER_SECONDS = WINDOW
    task = RecordingTask()
    with schema_context("public"):
        queued = queue_in_each_structure(task, module="creche", kwargs={"n": 1})
    assert queued == len(task.calls) >= 2
    for call in task.calls:
        schema = call["headers"]["_schema_name"]
        assert call["kwargs"] == {"n": 1}
        assert call.get("countdown", 0) == fanout_countdown(schema, task.name, WINDOW)
    task.calls.clear()
    with schema_context("public"):
        queue_in_each_structure(task, module="creche", jitter=0)
    assert all("countdown" not in call for call in task.calls)


def test_pdf_and_export_tasks_go_to_the_documents_queue_the_rest_to_the_default_one():
    def queue_of(name: str) -> str:
        return app.amqp.router.route({}, name)["queue"].name

    documents = settings.CELERY_DOCUMENTS_QUEUE
    assert queue_of("modules.sejours.tasks.render_contracts") == documents
    assert queue_of("core.billing.tasks.export_accounting") == documents
    assert documents != settings.CELERY_TASK_DEFAULT_QUEUE
    app.loader.import_default_modules()
    for name in app.tasks:
        if not name.startswith("celery."):
            expected = documents if ".render_" in name or ".export_" in name else None
            assert queue_of(name) == (expected or settings.CELERY_TASK_DEFAULT_QUEUE), name
    connection.set_schema_to_public()


def test_the_demo_runs_beat_and_a_worker_on_both_queues():
    worker = worker_command()
    assert worker[worker.index("-Q") + 1].split(",") == [
        settings.CELERY_TASK_DEFAULT_QUEUE,
        settings.CELERY_DOCUMENTS_QUEUE,
    ]
    beat = beat_command()
    assert beat[1:6] == ["-m", "celery", "-A", "config.celery", "beat"]
    assert beat[beat.index("--schedule") + 1].endswith("celerybeat-schedule")
