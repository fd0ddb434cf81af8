#!/usr/bin/env python
"""Migrations and provisioning with 1,000 structures (not run in CI: 20 minutes or more).

Usage: .venv/bin/python bench/structures_scale.py [--structures 1000] [--runs 5]
       [--parallel 1,2,4] [--phases create,provision,noop,migrate]

Runs against its own database (marelle_scale, or MARELLE_DB_NAME) on the embedded PostgreSQL,
kept between runs: the structures already there are reused. Phases:
- create: provision structures ``scale-0001`` … up to ``--structures`` (create_tenant);
- provision: time ``create_tenant`` of one more structure, ``--runs`` times (dropped after),
  by cloning the template and by running the migrations;
- noop: ``manage.py setup_platform --parallel 2`` in a fresh process, nothing to migrate;
- migrate: one new migration (a bench-only app, a new table, on a temporary sys.path and
  settings module: nothing is written in the checkout) applied to every structure by
  ``setup_platform --parallel N``, once per N with a migration of its own; the bench app's
  tables and rows are removed afterwards;
- copies (not by default): the missing structures up to ``--structures`` as copies of the
  template's schema without their defaults (tenants/template_copy.py), quicker than create;
- gating (not by default): ``--light`` more structures whose schema holds only
  ``django_migrations``, then ``setup_platform`` with nothing to migrate again: the gating
  query at 1,000 schemas when full structures take too long to create.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

os.environ.setdefault("MARELLE_DB_NAME", "marelle_scale")

from _setup import ROOT, machine, setup_django  # noqa: E402

BENCH_APP = "bench_scale"
MIGRATION = """
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = {dependencies}
    operations = [
        migrations.CreateModel(
            name="Note{n}",
            fields=[
                ("id", models.BigAutoField(primary_key=True, serialize=False)),
                ("label", models.CharField(max_length=80, db_index=True)),
            ],
        ),
    ]
"""


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S', time.gmtime())} UTC] {message}", flush=True)


def create_structures(count: int) -> float:
    from tenants.models import Tenant
    from tenants.provisioning import create_tenant

    existing = set(Tenant.objects.filter(slug__startswith="scale-").values_list("slug", flat=True))
    missing = [f"scale-{i:04d}" for i in range(1, count + 1) if f"scale-{i:04d}" not in existing]
    log(f"{len(existing)} structures exist, {len(missing)} to create")
    start = time.perf_counter()
    for done, slug in enumerate(missing, 1):
        create_tenant(slug=slug, name=f"Structure {slug}", kind="commune", modules=["periscolaire"])
        if done % 50 == 0:
            elapsed = time.perf_counter() - start
            log(f"  {done}/{len(missing)} created ({elapsed / done:.2f} s each)")
    return time.perf_counter() - start


def add_light_structures(count: int) -> int:
    """Structures whose schema holds only ``django_migrations`` (a copy of the template's):
    enough for the gating query of ``setup_platform``, which reads nothing else, at a
    fraction of the cost of full structures. Only for the « nothing to migrate » figure."""
    from django.db import connection

    from tenants.models import Tenant

    existing = set(Tenant.objects.filter(slug__startswith="light-").values_list("slug", flat=True))
    missing = [f"light-{i:04d}" for i in range(1, count + 1) if f"light-{i:04d}" not in existing]
    with connection.cursor() as cursor:
        for slug in missing:
            schema = "t_" + slug.replace("-", "_")
            cursor.execute(f'CREATE SCHEMA IF NOT EXISTS "{schema}"')
            cursor.execute(
                f'CREATE TABLE IF NOT EXISTS "{schema}".django_migrations '  # noqa: S608
                "AS SELECT * FROM marelle_template.django_migrations"
            )
    Tenant.objects.bulk_create(
        [
            Tenant(
                slug=slug,
                schema_name="t_" + slug.replace("-", "_"),
                name=f"Structure {slug}",
                kind="commune",
                status="active",
            )
            for slug in missing
        ]
    )
    return Tenant.objects.filter(slug__startswith="light-").count()


def add_copied_structures(count: int) -> int:
    """Full structures ``scale-NNNN`` up to ``count`` as copies of the template (its tables,
    triggers, rows: tenants/template_copy.py) without their defaults: the catalogue of 1,000
    full structures in minutes rather than hours of ``create_tenant``."""
    from core.tenancy.migration_state import record_schema_leaves
    from tenants.models import Tenant
    from tenants.template_copy import copy_template

    existing = set(Tenant.objects.filter(slug__startswith="scale-").values_list("slug", flat=True))
    missing = [f"scale-{i:04d}" for i in range(1, count + 1) if f"scale-{i:04d}" not in existing]
    log(f"{len(existing)} structures exist, {len(missing)} to copy from the template")
    start = time.perf_counter()
    for done, slug in enumerate(missing, 1):
        schema = "t_" + slug.replace("-", "_")
        copy_template(schema_name=schema)
        Tenant.objects.create(
            slug=slug, schema_name=schema, name=f"Structure {slug}", kind="commune", status="active"
        )
        record_schema_leaves(schema)
        if done % 50 == 0:
            each = (time.perf_counter() - start) / done
            log(f"  {done}/{len(missing)} copied ({each:.2f} s each)")
    return Tenant.objects.filter(slug__startswith="scale-").count()


def remove_light_structures() -> None:
    """They would fail a real migration (no tables): never left behind."""
    from django.db import connection

    from tenants.models import Tenant

    schemas = list(
        Tenant.objects.filter(slug__startswith="light-").values_list("schema_name", flat=True)
    )
    with connection.cursor() as cursor:
        for schema in schemas:
            cursor.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
    Tenant.objects.filter(slug__startswith="light-").delete()


def provision_one_more(runs: int, *, clone: bool) -> list[float]:
    """``create_tenant`` of one more structure: by cloning the template (what Marelle does) or
    by running the migrations (``TENANT_CREATION_FAKES_MIGRATIONS = False``)."""
    from django.db import connection
    from django.test.utils import override_settings

    from tenants.models import Tenant
    from tenants.provisioning import create_tenant

    timings = []
    for i in range(runs):
        slug = f"scale-extra-{i}"
        start = time.perf_counter()
        with override_settings(TENANT_CREATION_FAKES_MIGRATIONS=clone):
            create_tenant(
                slug=slug, name=f"Extra {i}", kind="commune", modules=["periscolaire", "creche"]
            )
        timings.append(time.perf_counter() - start)
        connection.set_schema_to_public()
        Tenant.objects.filter(slug=slug).delete()
        with connection.cursor() as cursor:
            cursor.execute(f"DROP SCHEMA IF EXISTS t_scale_extra_{i} CASCADE")
    return timings


def setup_platform(parallel: int, *, settings_module: str, extra_path: str = "") -> float:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": settings_module, "LOG_LEVEL": "WARNING"}
    if extra_path:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [extra_path, env.get("PYTHONPATH")]))
    command = [sys.executable, str(ROOT / "manage.py"), "setup_platform", f"--parallel={parallel}"]
    start = time.perf_counter()
    completed = subprocess.run(command, env=env, capture_output=True, text=True)  # noqa: S603
    elapsed = time.perf_counter() - start
    for line in completed.stdout.splitlines():
        if not line.startswith("  "):
            log(f"  | {line}")
    if completed.returncode != 0:
        raise SystemExit(f"setup_platform failed:\n{completed.stderr[-3000:]}")
    return elapsed


def bench_app(folder: Path) -> None:
    """A tenant app of the bench's own, in ``folder``, with settings that add it."""
    package = folder / BENCH_APP
    (package / "migrations").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "migrations" / "__init__.py").write_text("")
    (package / "models.py").write_text("")
    (folder / "bench_scale_settings.py").write_text(
        textwrap.dedent(f"""
        from config.settings import *  # noqa: F403
        INSTALLED_APPS = [*INSTALLED_APPS, "{BENCH_APP}"]  # noqa: F405
        TENANT_APPS = [*TENANT_APPS, "{BENCH_APP}"]  # noqa: F405
        """)
    )


def add_migration(folder: Path, n: int) -> None:
    dependencies = [(BENCH_APP, f"{n - 1:04d}_note{n - 1}")] if n > 1 else []
    path = folder / BENCH_APP / "migrations" / f"{n:04d}_note{n}.py"
    path.write_text(MIGRATION.format(dependencies=repr(dependencies), n=n))


def remove_bench_app() -> int:
    """Drop the bench app's tables and migration rows from every schema."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n "
            "ON n.oid = c.relnamespace WHERE c.relkind = 'r' AND c.relname LIKE %s",
            [f"{BENCH_APP}_%"],
        )
        tables = cursor.fetchall()
        for schema, table in tables:
            cursor.execute(f'DROP TABLE IF EXISTS "{schema}"."{table}" CASCADE')
        cursor.execute(
            "SELECT n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE c.relname = 'django_migrations' AND c.relkind = 'r'"
        )
        for (schema,) in cursor.fetchall():
            cursor.execute(
                f'DELETE FROM "{schema}".django_migrations WHERE app = %s',  # noqa: S608
                [BENCH_APP],
            )
    return len(tables)


def migrate_all(parallels: list[int]) -> dict[int, float]:
    results = {}
    remove_bench_app()
    with tempfile.TemporaryDirectory(prefix="marelle-scale-") as folder:
        bench_app(Path(folder))
        for n, parallel in enumerate(parallels, 1):
            add_migration(Path(folder), n)
            log(f"new migration {n} for every structure, --parallel {parallel}")
            results[parallel] = setup_platform(
                parallel, settings_module="bench_scale_settings", extra_path=folder
            )
            log(f"  → {results[parallel]:.1f} s")
    log(f"removed the bench app's {remove_bench_app()} tables")
    return results


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--structures", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--parallel", default="1,2,4")
    parser.add_argument("--phases", default="create,provision,noop,migrate")
    parser.add_argument("--light", type=int, default=900, help="light structures (gating)")
    args = parser.parse_args()
    phases = args.phases.split(",")
    parallels = [int(p) for p in args.parallel.split(",")]
    log(f"database {os.environ['MARELLE_DB_NAME']}, {machine()}")
    setup_django()
    from tenants.models import Tenant

    out = ROOT / "bench" / "results" / "structures_scale.json"
    results = json.loads(out.read_text()) if out.exists() else {}
    results["machine"] = machine()
    if "create" in phases:
        elapsed = create_structures(args.structures)
        results["create_s"] = round(elapsed, 1)
    if "copies" in phases:
        log(f"{add_copied_structures(args.structures)} structures (the extra ones copied)")
    results["structures"] = Tenant.objects.filter(slug__startswith="scale-").count()
    log(f"{results['structures']} structures")
    if "provision" in phases:
        for mode in ("clone", "migrate"):
            timings = provision_one_more(args.runs, clone=(mode == "clone"))
            results[f"provision_next_{mode}"] = {
                "runs": args.runs,
                "median_s": round(statistics.median(timings), 3),
                "min_s": round(min(timings), 3),
                "max_s": round(max(timings), 3),
            }
            log(f"provisioning one more ({mode}): {results[f'provision_next_{mode}']}")
    if "noop" in phases:
        runs = [setup_platform(2, settings_module="config.settings") for _ in range(3)]
        results["setup_platform_noop_s"] = [round(r, 1) for r in runs]
        log(f"setup_platform --parallel 2, nothing to migrate: {results['setup_platform_noop_s']}")
    if "migrate" in phases:
        timings = migrate_all(parallels)
        results["new_migration_s"] = {str(p): round(t, 1) for p, t in timings.items()}
    if "gating" in phases:
        light = add_light_structures(args.light)
        log(f"{light} light structures (django_migrations only) besides the full ones")
        runs = [setup_platform(2, settings_module="config.settings") for _ in range(3)]
        results["gating"] = {
            "full_structures": results["structures"],
            "light_structures": light,
            "setup_platform_noop_s": [round(r, 1) for r in runs],
        }
        log(f"setup_platform --parallel 2, nothing to migrate: {results['gating']}")
        remove_light_structures()
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(results, indent=2) + "\n")
    log(f"→ {out.relative_to(ROOT)}: {json.dumps(results)}")


if __name__ == "__main__":
    main()
