"""``manage.py beat``: Celery beat, the one scheduler of an install (the chart runs exactly one,
with the Recreate strategy: two beats would send every periodic task twice).

Replaced by Celery (``os.execvp``) so that SIGTERM reaches beat itself. Its schedule file only
records when each entry last ran: it lives in /tmp (the root filesystem is read-only) and is
lost with the pod, which at worst runs an entry once more — every periodic task is idempotent.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping

from django.core.management.base import BaseCommand

from tenants.management.commands.serve import python_path

SCHEDULE_FILE = "/tmp/celerybeat-schedule"  # noqa: S108 - a cache of last-run times


def beat_argv(*, environ: Mapping[str, str], schedule: str = SCHEDULE_FILE) -> list[str]:
    return [
        sys.executable,
        "-m",
        "celery",
        "-A",
        "config.celery",
        "beat",
        "--loglevel",
        environ.get("LOG_LEVEL", "INFO"),
        "--schedule",
        schedule,
    ]


class Command(BaseCommand):
    help = "Lance Celery beat (l'unique planificateur) à la place de ce processus."

    def add_arguments(self, parser):
        parser.add_argument(
            "--schedule", default=SCHEDULE_FILE, help=f"fichier d'état (défaut : {SCHEDULE_FILE})"
        )

    def handle(self, *args, **options):
        argv = beat_argv(environ=os.environ, schedule=options["schedule"])
        os.environ["PYTHONPATH"] = python_path(os.environ)
        os.execvp(argv[0], argv)  # noqa: S606 - our own argv, no shell
