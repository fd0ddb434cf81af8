"""Migrate everything and make sure the platform's own rows and template schema exist.

The public schema, then the template schema (under its advisory lock), then the structures'
schemas that lag behind, in parallel (django-tenants' multiprocessing executor). Structures
already up to date are found by one query per batch of schemas and left alone, so a deploy
with nothing to migrate takes seconds with 1,000 structures (docs/performance.md).
"""

import logging
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings

from core.tenancy.locks import advisory_lock
from tenants.provisioning import ensure_public_tenant
from tenants.schema_migrations import (
    ParallelExecutor,
    chunk_size,
    default_parallelism,
    migrate_options,
    plan_structures,
)
from tenants.template import TEMPLATE_LOCK, ensure_template_schema

logger = logging.getLogger("tenants.setup_platform")


class Command(BaseCommand):
    help = "Migre le schéma public, le modèle de structure et toutes les structures."

    def add_arguments(self, parser):
        parser.add_argument(
            "--parallel",
            type=int,
            default=None,
            help="Processus migrant les structures en parallèle (défaut : MIGRATION_PARALLELISM, "
            "sinon un par cœur, au plus 4).",
        )

    def handle(self, *args, **options):
        verbosity = options["verbosity"]
        processes = max(1, options["parallel"] or default_parallelism())
        started = time.monotonic()
        call_command("migrate_schemas", shared=True, interactive=False, verbosity=verbosity)
        ensure_public_tenant()
        with advisory_lock(TEMPLATE_LOCK):
            ensure_template_schema(verbosity=verbosity)

        plan = plan_structures()
        behind = sorted(plan.behind)
        self._say(
            f"Structures : {plan.checked} ; à jour : {len(plan.up_to_date)} ; "
            f"à migrer : {len(behind)} ; sans schéma : {len(plan.without_schema)}",
            verbosity,
        )
        failures: dict[str, str] = {}
        processes = max(1, min(processes, len(behind)))
        if behind:
            failures = self._migrate(behind, processes=processes, verbosity=verbosity)
        elapsed = time.monotonic() - started
        logger.info(
            "setup_platform: %d structures, %d up to date, %d migrated, %d failed, %.1f s",
            plan.checked,
            len(plan.up_to_date),
            len(behind) - len(failures),
            len(failures),
            elapsed,
        )
        if failures:
            for schema, error in sorted(failures.items()):
                logger.error("Migration of schema %s failed: %s", schema, error)
                self.stderr.write(f"Échec de la migration du schéma {schema} : {error}")
            raise CommandError(
                f"{len(failures)} schéma(s) en échec sur {len(behind)} : "
                + ", ".join(sorted(failures))
            )
        done = (
            f"{len(behind)} structure(s) migrée(s), {processes} processus"
            if behind
            else "aucune structure à migrer"
        )
        self._say(f"Migrations terminées en {elapsed:.1f} s ({done}).", verbosity)

    def _migrate(self, schemas: list[str], *, processes: int, verbosity: int) -> dict[str, str]:
        chunks = chunk_size(len(schemas), processes)
        self._say(f"Migration de {len(schemas)} structure(s) avec {processes} processus", verbosity)
        done = 0
        step = max(1, len(schemas) // 20)

        def on_done(schema: str, error: str | None) -> None:
            nonlocal done
            done += 1
            if done % step == 0 or done == len(schemas):
                self._say(f"  {done}/{len(schemas)} structure(s) traitée(s)", verbosity)

        # Django's own output per schema only when asked for (-v 2): 1,000 schemas would
        # print ten thousand lines otherwise.
        executor = ParallelExecutor((), migrate_options(verbosity=max(0, verbosity - 1)))
        with override_settings(
            TENANT_MULTIPROCESSING_MAX_PROCESSES=processes, TENANT_MULTIPROCESSING_CHUNKS=chunks
        ):
            return executor.migrate(schemas, on_done=on_done)

    def _say(self, message: str, verbosity: int) -> None:
        if verbosity >= 1:
            self.stdout.write(message)
