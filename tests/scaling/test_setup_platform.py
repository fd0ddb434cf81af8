"""``setup_platform`` migrates, in parallel worker processes, only the structures whose schema
lacks one of the code's migrations, and names those it could not migrate.

The data is committed (the executor's processes open connections of their own) and removed at
the end of each test. A structure is left behind by unapplying Django's ``sessions`` migration
in its schema: cheap, reversible, and stable from one release to the next."""

import os
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection
from django_tenants.signals import schema_pre_migration
from django_tenants.utils import schema_context

from tenants.models import Tenant
from tenants.provisioning import create_tenant
from tenants.schema_migrations import plan_structures


@pytest.fixture
def committed(tenants, django_db_blocker):
    with django_db_blocker.unblock():
        yield tenants


@pytest.fixture
def structures(committed):
    """Creates committed structures on demand; drops them (row and schema) afterwards."""
    made: list[Tenant] = []

    def make(slug: str) -> Tenant:
        tenant = create_tenant(slug=slug, name=f"Structure {slug}", kind="commune", modules=[])
        connection.set_schema_to_public()
        made.append(tenant)
        return tenant

    yield make
    connection.set_schema_to_public()
    for tenant in made:
        Tenant.objects.filter(pk=tenant.pk).delete()
        with connection.cursor() as cursor:
            cursor.execute(f'DROP SCHEMA IF EXISTS "{tenant.schema_name}" CASCADE')


class MigratingProcesses:
    """Which process migrated which schema: django-tenants announces each schema in the
    process that migrates it (a forked worker inherits this receiver)."""

    def __init__(self, record: Path):
        self.record = record

    def __call__(self, sender, schema_name, **kwargs) -> None:
        if schema_name in ("public", settings.TENANT_BASE_SCHEMA):
            return  # migrated before the structures, by the command itself
        with self.record.open("a") as fh:
            fh.write(f"{schema_name} {os.getpid()}\n")

    def reset(self) -> None:
        self.record.unlink(missing_ok=True)

    def pids(self) -> dict[str, int]:
        if not self.record.exists():
            return {}
        lines = self.record.read_text().splitlines()
        return {schema: int(pid) for schema, pid in (line.split() for line in lines)}


@pytest.fixture
def migrating(tmp_path):
    receiver = MigratingProcesses(tmp_path / "pids")
    schema_pre_migration.connect(receiver, weak=False)
    yield receiver
    schema_pre_migration.disconnect(receiver)


def leave_behind(tenant: Tenant) -> None:
    call_command("migrate_schemas", "sessions", "zero", schema_name=tenant.schema_name, verbosity=0)
    connection.set_schema_to_public()


def has_sessions_table(tenant: Tenant) -> bool:
    with schema_context(tenant.schema_name), connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass(%s)", [f'"{tenant.schema_name}".django_session'])
        return cursor.fetchone()[0] is not None


def run_setup(*args: str) -> str:
    out = StringIO()
    call_command("setup_platform", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_only_the_structures_left_behind_are_migrated_by_worker_processes(structures, migrating):
    late = [structures("retard-un"), structures("retard-deux")]
    for tenant in late:
        leave_behind(tenant)
    migrating.reset()
    assert sorted(plan_structures().behind) == sorted(t.schema_name for t in late)

    output = run_setup("--parallel", "2")

    assert "à migrer : 2" in output
    assert all(has_sessions_table(t) for t in late)
    pids = migrating.pids()
    assert set(pids) == {t.schema_name for t in late}, "up-to-date schemas are skipped"
    assert os.getpid() not in pids.values(), "migrated in the executor's worker processes"
    assert not plan_structures().behind


def test_nothing_to_migrate_runs_no_migration(committed, migrating):
    output = run_setup("--parallel", "2")

    assert "à migrer : 0" in output
    assert migrating.pids() == {}


def test_a_failing_structure_is_named_and_the_others_are_still_migrated(structures):
    broken, fine = structures("retard-casse"), structures("retard-bon")
    for tenant in (broken, fine):
        leave_behind(tenant)
    # The table the migration creates is already there: its CREATE TABLE fails.
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE TABLE "{broken.schema_name}".django_session (id int)')

    with pytest.raises(CommandError) as failure:
        run_setup("--parallel", "2")

    assert broken.schema_name in str(failure.value)
    assert fine.schema_name not in str(failure.value)
    assert has_sessions_table(fine)
    assert list(plan_structures().behind) == [broken.schema_name]


def test_one_process_migrates_in_the_command_itself(structures, migrating):
    late = structures("retard-seul")
    leave_behind(late)
    migrating.reset()

    run_setup("--parallel", "1")

    assert migrating.pids() == {late.schema_name: os.getpid()}
    assert has_sessions_table(late)
