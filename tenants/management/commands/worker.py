"""``manage.py worker``: a Celery worker for one or more queues (the chart runs one Deployment
per queue group, each with its own concurrency and memory).

The process is replaced by Celery (``os.execvp``) so that SIGTERM reaches the worker itself:
it stops taking tasks and finishes the running ones (tasks are acknowledged late, so a task cut
short is delivered again).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from tenants.management.commands.serve import python_path


def worker_argv(
    *,
    environ: Mapping[str, str],
    queues: list[str] | None = None,
    concurrency: int | None = None,
    max_memory_per_child: int | None = None,
) -> list[str]:
    """Celery's command line; the options win over the environment, then the defaults."""
    queues = queues or [q for q in environ.get("CELERY_WORKER_QUEUES", "").split(",") if q.strip()]
    queues = [q.strip() for q in queues] or [settings.CELERY_TASK_DEFAULT_QUEUE]
    concurrency = concurrency or int(environ.get("CELERY_WORKER_CONCURRENCY", "2"))
    if max_memory_per_child is None:
        max_memory_per_child = int(environ.get("CELERY_WORKER_MAX_MEMORY_PER_CHILD", "0"))
    if concurrency < 1 or max_memory_per_child < 0:
        raise CommandError("La concurrence doit être ≥ 1 et la mémoire par processus ≥ 0.")
    argv = [
        sys.executable,
        "-m",
        "celery",
        "-A",
        "config.celery",
        "worker",
        "--loglevel",
        environ.get("LOG_LEVEL", "INFO"),
        "--queues",
        ",".join(queues),
        "--concurrency",
        str(concurrency),
        # The pod's name: the chart's liveness probe pings exactly this worker.
        "--hostname",
        "celery@%h",
    ]
    if max_memory_per_child:
        # KiB; a child past it is replaced after its task (WeasyPrint's memory is not returned).
        argv += ["--max-memory-per-child", str(max_memory_per_child)]
    return argv


class Command(BaseCommand):
    help = (
        "Lance un worker Celery à la place de ce processus (files, concurrence et mémoire par "
        "processus en options ou par $CELERY_WORKER_QUEUES, $CELERY_WORKER_CONCURRENCY, "
        "$CELERY_WORKER_MAX_MEMORY_PER_CHILD)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--queues", help="files consommées, séparées par des virgules (défaut : marelle)"
        )
        parser.add_argument("--concurrency", type=int, help="processus de travail (défaut : 2)")
        parser.add_argument(
            "--max-memory-per-child",
            type=int,
            help="mémoire résidente (Kio) au-delà de laquelle un processus est remplacé",
        )

    def handle(self, *args, **options):
        queues = [q for q in (options["queues"] or "").split(",") if q.strip()]
        argv = worker_argv(
            environ=os.environ,
            queues=queues,
            concurrency=options["concurrency"],
            max_memory_per_child=options["max_memory_per_child"],
        )
        os.environ["PYTHONPATH"] = python_path(os.environ)
        os.execvp(argv[0], argv)  # noqa: S606 - our own argv, no shell
